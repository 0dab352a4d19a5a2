import Foundation
import NeuralCore
import TextProcessing

/// A fast linear text classifier over hashed n-gram TF-IDF features (the shared model of
/// ticket routing and sentiment).
///
/// The model is an `EmbeddingBag` in sum mode over the TF-IDF-weighted features whose
/// dimension equals the number of classes, plus a bias: multinomial logistic regression
/// (softmax) or one-vs-all logistic regression (sigmoid, for multi-label data), trained with
/// sparse mini-batch SGD and a linearly decaying step size (Joulin et al., "Bag of Tricks for
/// Efficient Text Classification", 2016; the TF-IDF features follow scikit-learn's
/// `TfidfVectorizer`). Every setting has a default measured on five public benchmarks, so only
/// the texts and labels are needed:
///
/// ```swift
/// let model = try TextClassifier().fit(texts: texts, labels: labels)
/// let p = model.predictProbabilities(["my card has not arrived"])
/// ```
public struct TextClassifier: Sendable, Codable, Equatable {
  /// Tokenizer and n-gram features.
  public var vectorizer: TextVectorizer
  /// Optimisation settings.
  public var training: SparseTrainingOptions
  /// One label per text (`false`) or any number (`true`, sigmoid outputs).
  public var multiLabel: Bool
  /// Width of the hidden layer between the pooled n-grams and the class scores; 0 (the
  /// measured default) for the linear model, otherwise a ``HiddenLayerTextModel``.
  public var hidden: Int

  /// Creates a classifier with the given settings (all defaulted).
  public init(
    vectorizer: TextVectorizer = TextClassifier.defaultVectorizer,
    training: SparseTrainingOptions = .init(), multiLabel: Bool = false, hidden: Int = 0
  ) {
    self.vectorizer = vectorizer
    self.training = training
    self.multiLabel = multiLabel
    self.hidden = hidden
  }

  private enum CodingKeys: String, CodingKey {
    case vectorizer, training, multiLabel, hidden
  }

  /// Decodes settings; files written before the hidden layer existed have no `hidden` and are
  /// linear models.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    vectorizer = try c.decode(TextVectorizer.self, forKey: .vectorizer)
    training = try c.decode(SparseTrainingOptions.self, forKey: .training)
    multiLabel = try c.decode(Bool.self, forKey: .multiLabel)
    hidden = try c.decodeIfPresent(Int.self, forKey: .hidden) ?? 0
  }

  /// Default training settings for a network with `hidden` units (0: linear). The
  /// hidden-layer network takes smaller steps (4 per batch of 32; 2, 8 and 16 scored the same
  /// or lower on waimai-10k): its gradients pass through two layers.
  public static func defaultTraining(hidden: Int) -> SparseTrainingOptions {
    hidden > 0 ? SparseTrainingOptions(learningRate: 4) : SparseTrainingOptions()
  }

  /// The measured default features: mentions kept as tokens (who is addressed carries signal
  /// in customer messages), every other placeholder on.
  public static var defaultVectorizer: TextVectorizer {
    var placeholders = Set(Placeholder.allCases)
    placeholders.remove(.mention)
    return TextVectorizer(tokenizer: Tokenizer(placeholders: placeholders))
  }

  /// Fits the features and the model on all `texts`, one label each.
  /// - Throws: ``TextClassificationError/tooFewClasses(found:)`` with fewer than two labels,
  ///   ``TextClassificationError/invalidInput(_:)`` when counts differ, and vectorizer errors.
  public func fit(texts: [String], labels: [String]) throws -> FittedTextClassifier {
    let features = try vectorizer.fit(texts)
    let x = features.transform(texts)
    let (classes, targets) = try Self.encode(labels: labels.map { [$0] }, multiLabel: false)
    let (model, _) = train(
      x: x, features: features.featureCount, targets: targets, classes: classes.count,
      rows: Array(0..<x.count))
    return FittedTextClassifier(
      configuration: self, classes: classes, features: features, model: model)
  }

  /// Maps label sets to class indices (classes sorted by name).
  static func encode(labels: [[String]], multiLabel: Bool) throws -> ([String], TrainingTargets) {
    let classes = Array(Set(labels.flatMap { $0 })).sorted()
    guard classes.count >= 2 || (multiLabel && classes.count >= 1) else {
      throw TextClassificationError.tooFewClasses(found: classes)
    }
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int32($0)) })
    if !multiLabel {
      return (classes, .classes(labels.map { index[$0[0]] ?? 0 }))
    }
    var offsets = [0]
    var flat: [Int32] = []
    for set in labels {
      flat.append(contentsOf: set.compactMap { index[$0] })
      offsets.append(flat.count)
    }
    return (classes, .labelSets(offsets: offsets, labels: flat))
  }

  /// Trains a fresh model on `rows` of `x`; returns it and the per-epoch training losses.
  func train(
    x: SparseRows, features: Int, targets: TrainingTargets, classes: Int, rows: [Int],
    workers: Int = Parallel.coreCount, progress: ((EpochReport) -> Void)? = nil
  ) -> (TextNetwork, [Double]) {
    let objective: SparseTrainingOptions.Objective = multiLabel ? .sigmoid : .softmax
    var generator = SeededGenerator(seed: training.seed)
    var linear = SparseLinearModel(features: hidden > 0 ? 0 : features, outputs: classes)
    var linearTrainer: SparseLinearTrainer?
    var hiddenTrainer: HiddenLayerTrainer?
    if hidden > 0 {
      // Initial weights come from their own stream so the shuffles match the linear model's.
      var initGenerator = SeededGenerator(seed: training.seed ^ 0x1417_D3A1)
      let start = HiddenLayerTextModel(
        features: features, hidden: hidden, outputs: classes, generator: &initGenerator)
      hiddenTrainer = HiddenLayerTrainer(model: start, options: training, objective: objective)
    } else {
      linearTrainer = SparseLinearTrainer(
        model: linear, options: training, objective: objective, workers: workers)
    }
    var order = rows
    var losses: [Double] = []
    let start = Date()
    let epochs = max(1, training.epochs)
    for epoch in 0..<epochs {
      generator.shuffle(&order)
      let done = Double(epoch) / Double(epochs)
      let span = 1 / Double(epochs)
      var loss = 0.0
      if let trainer = hiddenTrainer {
        loss = trainer.trainEpoch(x: x, targets: targets, order: order, progress: done, span: span)
      } else if let trainer = linearTrainer {
        loss = trainer.trainEpoch(
          model: &linear, x: x, targets: targets, order: order, progress: done, span: span)
      }
      losses.append(loss)
      let elapsed = Date().timeIntervalSince(start)
      progress?(EpochReport(
        epoch: epoch + 1, epochs: epochs, trainLoss: loss, validationLoss: nil,
        validationMetric: nil, elapsed: elapsed,
        eta: elapsed / Double(epoch + 1) * Double(epochs - epoch - 1), isBest: false))
    }
    if let trainer = hiddenTrainer { return (.hidden(trainer.model), losses) }
    return (.linear(linear), losses)
  }
}
