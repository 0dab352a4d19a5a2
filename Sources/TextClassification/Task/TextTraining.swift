import Evaluation
import Foundation
import NeuralCore

/// What `train` and `evaluate` share across text tasks: reading data, fitting with a held-out
/// validation slice, and scoring predictions against labels.
public struct TextScoredSet: Sendable {
  /// Texts that were scored.
  public var texts: [String]
  /// True label sets.
  public var truth: [[String]]
  /// Predicted probabilities.
  public var probabilities: ProbabilityMatrix
  /// Class names of the model.
  public var classes: [String]
  /// Whether labels are sets.
  public var multiLabel: Bool
  /// Label-assignment threshold for multi-label models.
  public var threshold: Double

  /// Creates a scored set.
  public init(
    texts: [String], truth: [[String]], probabilities: ProbabilityMatrix, classes: [String],
    multiLabel: Bool, threshold: Double
  ) {
    self.texts = texts
    self.truth = truth
    self.probabilities = probabilities
    self.classes = classes
    self.multiLabel = multiLabel
    self.threshold = threshold
  }

  /// Class index of each row's first true label (-1 when the label is unknown to the model).
  public var truthIndex: [Int] {
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    return truth.map { $0.first.flatMap { index[$0] } ?? -1 }
  }

  /// Predicted class index (top class) of each row.
  public var predictedIndex: [Int] { (0..<probabilities.count).map { probabilities.top($0).index } }

  /// Probability of the top class of each row.
  public var confidence: [Double] {
    (0..<probabilities.count).map { Double(probabilities.top($0).probability) }
  }

  /// Predicted label set of each row of a multi-label model: every class whose probability
  /// reaches ``threshold``.
  public var predictedSets: [Set<Int>] {
    let c = classes.count
    return (0..<probabilities.count).map { r in
      Set((0..<c).filter { Double(probabilities.values[r * c + $0]) >= threshold })
    }
  }

  /// True label sets as class indices (labels the model never saw are left out).
  public var truthSets: [Set<Int>] {
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    return truth.map { Set($0.compactMap { index[$0] }) }
  }

  /// The first true label of each row ("" when a row has none).
  public var truthNames: [String] { truth.map { $0.first ?? "" } }

  /// The top class of each row.
  public var predictedNames: [String] { predictedIndex.map { classes[$0] } }

  /// scikit-learn's `confusion_matrix` of the first true label against the top class, over the
  /// labels that occur in either (sorted; a true label the model never saw is its own row, so
  /// it counts as an error).
  public var confusion: ConfusionMatrix {
    ConfusionMatrix(truth: truthNames, predicted: predictedNames)
  }

  /// For a multi-label model, one 2×2 matrix per class (scikit-learn
  /// `multilabel_confusion_matrix`), in class order.
  public var labelConfusions: [ConfusionMatrix] {
    multilabelConfusionMatrices(
      truth: truthSets, predicted: predictedSets, labelCount: classes.count)
  }

  /// scikit-learn's `classification_report`: per-class precision, recall and F1, accuracy
  /// (exact-set accuracy for multi-label models) and macro and weighted averages.
  public var report: ClassificationReport {
    if multiLabel {
      return ClassificationReport(
        truthSets: truthSets, predictedSets: predictedSets, labels: classes)
    }
    return ClassificationReport(confusion)
  }

  /// Flat `metrics.json` values: accuracy, macro_f1, weighted_f1, rows.
  public var metrics: [String: Double] {
    let r = report
    return ["accuracy": r.accuracy, "macro_f1": r.macro.f1, "weighted_f1": r.weighted.f1,
      "rows": Double(texts.count)]
  }
}

/// Options of a text `train` run shared by the domain commands.
public struct TextTrainingRequest: Sendable {
  /// CSV file with the training data.
  public var dataPath: String
  /// Remembered columns and decisions.
  public var settings: TextTaskSettings
  /// Multi-label training.
  public var multiLabel: Bool
  /// Share of rows held out for the report and threshold.
  public var validationFraction: Double
  /// Seed of the split and the training order.
  public var seed: UInt64
  /// Epochs override (`nil` = measured default).
  public var epochs: Int?
  /// Hidden-layer width (0 = the linear model).
  public var hidden: Int
  /// Extra columns to read (group, time).
  public var extraColumns: [(name: String, option: String)]

  /// Creates a request.
  public init(
    dataPath: String, settings: TextTaskSettings, multiLabel: Bool = false,
    validationFraction: Double = 0.1, seed: UInt64 = 42, epochs: Int? = nil, hidden: Int = 0,
    extraColumns: [(name: String, option: String)] = []
  ) {
    self.dataPath = dataPath
    self.settings = settings
    self.multiLabel = multiLabel
    self.validationFraction = validationFraction
    self.seed = seed
    self.epochs = epochs
    self.hidden = hidden
    self.extraColumns = extraColumns
  }
}

/// The outcome of ``TextTraining/run(_:progress:)``.
public struct TextTrainingOutcome: Sendable {
  /// The data that was read.
  public var dataset: TextDataset
  /// The fitted model and validation predictions.
  public var fit: ValidatedTextFit
  /// The validation rows, scored.
  public var validation: TextScoredSet
  /// Data problems that did not stop training (``TextDataset/trainingWarnings(path:)``).
  public var warnings: [String]

  /// The warnings as `warning: …` lines, each ending in a newline, to put before a summary.
  public var warningLines: String {
    warnings.map { "warning: \($0)\n" }.joined()
  }
}

/// Runs the shared part of `train`.
public enum TextTraining {
  /// Reads the data, fits with a validation slice and scores it.
  public static func run(
    _ request: TextTrainingRequest, progress: ((EpochReport) -> Void)? = nil
  ) throws -> TextTrainingOutcome {
    let data = try TextDataset.read(
      path: request.dataPath, textColumn: request.settings.textColumn,
      labelColumn: request.settings.labelColumn,
      labelSeparator: request.multiLabel ? (request.settings.labelSeparator ?? "|") : nil,
      extraColumns: request.extraColumns)
    guard request.hidden >= 0 else {
      throw TextClassificationError.invalidInput(
        "--hidden must be 0 (linear model) or a positive width, got \(request.hidden)")
    }
    var classifier = TextClassifier(
      training: TextClassifier.defaultTraining(hidden: request.hidden),
      multiLabel: request.multiLabel, hidden: request.hidden)
    classifier.training.seed = request.seed
    if let e = request.epochs { classifier.training.epochs = e }
    let fit = try classifier.fitValidated(
      texts: data.texts, labels: data.labels, validationFraction: request.validationFraction,
      progress: progress)
    let validation = TextScoredSet(
      texts: fit.validationRows.map { data.texts[$0] },
      truth: fit.validationRows.map { data.labels[$0] }, probabilities: fit.validationProbabilities,
      classes: fit.model.classes, multiLabel: request.multiLabel,
      threshold: request.settings.threshold)
    return TextTrainingOutcome(
      dataset: data, fit: fit, validation: validation,
      warnings: data.trainingWarnings(path: request.dataPath == "-" ? "stdin" : request.dataPath))
  }

  /// Reads labelled data for `evaluate` with a model's remembered columns and scores it.
  public static func evaluate(
    model: FittedTextClassifier, settings: TextTaskSettings, dataPath: String,
    extraColumns: [(name: String, option: String)] = []
  ) throws -> (TextDataset, TextScoredSet) {
    try evaluateTimed(
      model: model, settings: settings, dataPath: dataPath, extraColumns: extraColumns).0
  }

  /// Like ``evaluate(model:settings:dataPath:extraColumns:)``, also returning the seconds spent
  /// predicting (vectorizing and scoring the texts; reading the CSV excluded, as in the
  /// benchmark protocol).
  public static func evaluateTimed(
    model: FittedTextClassifier, settings: TextTaskSettings, dataPath: String,
    extraColumns: [(name: String, option: String)] = []
  ) throws -> ((TextDataset, TextScoredSet), Double) {
    let data = try TextDataset.read(
      path: dataPath, textColumn: settings.textColumn, labelColumn: settings.labelColumn,
      labelSeparator: model.configuration.multiLabel ? (settings.labelSeparator ?? "|") : nil,
      extraColumns: extraColumns)
    let start = Date()
    let p = model.predictProbabilities(data.texts)
    let seconds = Date().timeIntervalSince(start)
    return ((data, TextScoredSet(
      texts: data.texts, truth: data.labels, probabilities: p, classes: model.classes,
      multiLabel: model.configuration.multiLabel, threshold: settings.threshold)), seconds)
  }
}
