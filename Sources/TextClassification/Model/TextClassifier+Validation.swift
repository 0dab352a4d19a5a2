import Foundation
import NeuralCore
import TextProcessing

/// The result of ``TextClassifier/fitValidated(texts:labels:validationFraction:refit:progress:)``.
public struct ValidatedTextFit: Sendable {
  /// The final model (trained on all rows when refitting, otherwise on the training part).
  public let model: FittedTextClassifier
  /// Row numbers (into the input) held out for validation, ascending.
  public let validationRows: [Int]
  /// Probabilities for the validation rows from the model that did not see them.
  public let validationProbabilities: ProbabilityMatrix
  /// Wall-clock seconds spent fitting features and training (both fits).
  public let fitSeconds: Double
}

extension TextClassifier {
  /// Holds out a stratified validation slice, trains on the rest and scores the slice, then
  /// (when `refit`) trains the final model on every row with the same settings.
  ///
  /// The vocabulary and document frequencies are learned once from all texts (they use no
  /// labels); the validation scores come from a model that never saw those rows' labels.
  /// - Parameters:
  ///   - labels: the label set of each text (exactly one unless ``multiLabel``).
  ///   - validationFraction: share of rows held out (classes with one example stay in training).
  ///   - refit: train the final model on all rows.
  ///   - progress: called after each epoch.
  public func fitValidated(
    texts: [String], labels: [[String]], validationFraction: Double = 0.1, refit: Bool = true,
    progress: ((EpochReport) -> Void)? = nil
  ) throws -> ValidatedTextFit {
    guard texts.count == labels.count else {
      throw TextClassificationError.invalidInput(
        "\(texts.count) texts but \(labels.count) labels")
    }
    let start = Date()
    let features = try vectorizer.fit(texts)
    let x = features.transform(texts)
    let (classes, targets) = try Self.encode(labels: labels, multiLabel: multiLabel)
    let validation = Self.stratifiedHoldout(
      labels: labels.map { $0.first ?? "" }, fraction: validationFraction, seed: training.seed)
    let held = Set(validation)
    let trainRows = (0..<texts.count).filter { !held.contains($0) }
    let refits = refit && !validation.isEmpty
    let allRows = Array(0..<texts.count)
    let (first, final) = trainBoth(
      x: x, features: features.featureCount, targets: targets, classes: classes.count,
      validationRun: trainRows, refitRun: refits ? allRows : nil, progress: progress)
    let firstFit = FittedTextClassifier(
      configuration: self, classes: classes, features: features, model: first)
    let probabilities = firstFit.predictProbabilities(vectors: x.rows(validation))
    let finalFit = final.map {
      FittedTextClassifier(configuration: self, classes: classes, features: features, model: $0)
    }
    return ValidatedTextFit(
      model: finalFit ?? firstFit, validationRows: validation,
      validationProbabilities: probabilities,
      fitSeconds: Date().timeIntervalSince(start))
  }

  /// Trains the validation model on `validationRun` and, when `refitRun` is given, the final
  /// model on those rows.
  ///
  /// With two or more cores the two runs go concurrently, one core each, instead of one after
  /// the other on all cores: a 32-row batch is too small to split well between threads, so
  /// two independent single-threaded runs finish sooner (the trainer is bit-identical for any
  /// worker count, so the models are the same either way). `progress` follows the refit (the
  /// longer run) and is called on one thread at a time.
  func trainBoth(
    x: SparseRows, features: Int, targets: TrainingTargets, classes: Int,
    validationRun: [Int], refitRun: [Int]?, progress: ((EpochReport) -> Void)?
  ) -> (validation: TextNetwork, refit: TextNetwork?) {
    @Sendable func run(
      _ rows: [Int], workers: Int = Parallel.coreCount, _ progress: ((EpochReport) -> Void)?
    ) -> TextNetwork {
      train(
        x: x, features: features, targets: targets, classes: classes, rows: rows,
        workers: workers, progress: progress
      ).0
    }
    guard let refitRun else { return (run(validationRun, progress), nil) }
    guard Parallel.coreCount > 1 else {
      return (run(validationRun, progress), run(refitRun, progress))
    }
    let relay = ProgressRelay(progress)
    let models = Parallel.map(count: 2, chunks: 2) { range -> TextNetwork in
      let isRefit = range.lowerBound == 1
      return run(
        isRefit ? refitRun : validationRun, workers: 1, isRefit ? { relay.call($0) } : nil)
    }
    return (models[0], models[1])
  }

  /// A seeded stratified sample of row numbers: about `fraction` of each label's rows
  /// (none from labels with a single row), ascending.
  public static func stratifiedHoldout(labels: [String], fraction: Double, seed: UInt64) -> [Int] {
    guard fraction > 0 else { return [] }
    var byLabel: [String: [Int]] = [:]
    for (i, l) in labels.enumerated() { byLabel[l, default: []].append(i) }
    var generator = SeededGenerator(seed: seed ^ 0x5EED_0F_5A11D)
    var held: [Int] = []
    for label in byLabel.keys.sorted() {
      guard var rows = byLabel[label], rows.count >= 2 else { continue }
      generator.shuffle(&rows)
      let k = min(rows.count - 1, max(1, Int((Double(rows.count) * fraction).rounded())))
      held.append(contentsOf: rows.prefix(k))
    }
    return held.sorted()
  }
}

/// Hands a progress callback to one concurrent run (only that run calls it).
private final class ProgressRelay: @unchecked Sendable {
  private let progress: ((EpochReport) -> Void)?

  init(_ progress: ((EpochReport) -> Void)?) { self.progress = progress }

  func call(_ report: EpochReport) { progress?(report) }
}
