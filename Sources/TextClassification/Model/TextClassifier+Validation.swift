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
    let (first, _) = train(
      x: x, features: features.featureCount, targets: targets, classes: classes.count,
      rows: trainRows, progress: progress)
    let firstFit = FittedTextClassifier(
      configuration: self, classes: classes, features: features, model: first)
    let probabilities = firstFit.predictProbabilities(vectors: x.rows(validation))
    var final = firstFit
    if refit && !validation.isEmpty {
      let (model, _) = train(
        x: x, features: features.featureCount, targets: targets, classes: classes.count,
        rows: Array(0..<texts.count), progress: progress)
      final = FittedTextClassifier(
        configuration: self, classes: classes, features: features, model: model)
    }
    return ValidatedTextFit(
      model: final, validationRows: validation, validationProbabilities: probabilities,
      fitSeconds: Date().timeIntervalSince(start))
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
