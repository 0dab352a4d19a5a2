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

  /// Creates a classifier with the given settings (all defaulted).
  public init(
    vectorizer: TextVectorizer = TextClassifier.defaultVectorizer,
    training: SparseTrainingOptions = .init(), multiLabel: Bool = false
  ) {
    self.vectorizer = vectorizer
    self.training = training
    self.multiLabel = multiLabel
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
    progress: ((EpochReport) -> Void)? = nil
  ) -> (SparseLinearModel, [Double]) {
    var model = SparseLinearModel(features: features, outputs: classes)
    let objective: SparseTrainingOptions.Objective = multiLabel ? .sigmoid : .softmax
    let trainer = SparseLinearTrainer(model: model, options: training, objective: objective)
    var generator = SeededGenerator(seed: training.seed)
    var order = rows
    var losses: [Double] = []
    let start = Date()
    let epochs = max(1, training.epochs)
    for epoch in 0..<epochs {
      generator.shuffle(&order)
      let loss = trainer.trainEpoch(
        model: &model, x: x, targets: targets, order: order,
        progress: Double(epoch) / Double(epochs), span: 1 / Double(epochs))
      losses.append(loss)
      let elapsed = Date().timeIntervalSince(start)
      progress?(EpochReport(
        epoch: epoch + 1, epochs: epochs, trainLoss: loss, validationLoss: nil,
        validationMetric: nil, elapsed: elapsed,
        eta: elapsed / Double(epoch + 1) * Double(epochs - epoch - 1), isBest: false))
    }
    return (model, losses)
  }
}
