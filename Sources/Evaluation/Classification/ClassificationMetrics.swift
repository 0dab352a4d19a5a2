/// How per-class precision, recall and F1 are combined (scikit-learn's `average=`).
public enum Averaging: Sendable, Equatable {
  /// Only the class with this label (positive class of a binary problem).
  case binary(positive: Int)
  /// Global counts of true positives, false positives and false negatives.
  case micro
  /// Unweighted mean over classes.
  case macro
  /// Mean over classes weighted by support.
  case weighted
}

/// Precision, recall, F1 and support, for one class or averaged.
public struct PrecisionRecallF1: Sendable, Equatable {
  /// `tp / (tp + fp)`, 0 when nothing is predicted.
  public var precision: Double
  /// `tp / (tp + fn)`, 0 when the class is absent.
  public var recall: Double
  /// Harmonic mean of precision and recall, 0 when both are 0.
  public var f1: Double
  /// Number of true rows counted.
  public var support: Int
}

/// Per-class scores in matrix order (scikit-learn `zero_division=0`).
func perClass(_ m: ConfusionMatrix) -> [PrecisionRecallF1] {
  (0..<m.classCount).map { k in
    let tp = Double(m.truePositives(k))
    let fp = Double(m.falsePositives(k))
    let fn = Double(m.falseNegatives(k))
    let precision = tp + fp > 0 ? tp / (tp + fp) : 0
    let recall = tp + fn > 0 ? tp / (tp + fn) : 0
    let f1 = 2 * tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : 0
    return PrecisionRecallF1(precision: precision, recall: recall, f1: f1, support: m.support(k))
  }
}

/// Precision, recall and F1 from a confusion matrix (scikit-learn
/// `precision_recall_fscore_support`, `zero_division=0`).
public func precisionRecallF1(_ matrix: ConfusionMatrix, average: Averaging) -> PrecisionRecallF1 {
  let scores = perClass(matrix)
  let total = (0..<matrix.classCount).reduce(0) { $0 + matrix.support($1) }
  switch average {
  case .binary(let positive):
    guard let k = matrix.labels.firstIndex(of: String(positive)) else {
      return PrecisionRecallF1(precision: 0, recall: 0, f1: 0, support: 0)
    }
    return scores[k]
  case .micro:
    var tp = 0.0
    var fp = 0.0
    var fn = 0.0
    for k in 0..<matrix.classCount {
      tp += Double(matrix.truePositives(k))
      fp += Double(matrix.falsePositives(k))
      fn += Double(matrix.falseNegatives(k))
    }
    let precision = tp + fp > 0 ? tp / (tp + fp) : 0
    let recall = tp + fn > 0 ? tp / (tp + fn) : 0
    let f1 = 2 * tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : 0
    return PrecisionRecallF1(precision: precision, recall: recall, f1: f1, support: total)
  case .macro, .weighted:
    let weights =
      average == .macro
      ? [Double](repeating: 1, count: scores.count) : scores.map { Double($0.support) }
    let sum = weights.reduce(0, +)
    func mean(_ value: (PrecisionRecallF1) -> Double) -> Double {
      sum > 0 ? zip(scores, weights).reduce(0) { $0 + value($1.0) * $1.1 } / sum : 0
    }
    return PrecisionRecallF1(
      precision: mean(\.precision), recall: mean(\.recall), f1: mean(\.f1), support: total)
  }
}

/// Precision, recall and F1 of class indices (scikit-learn `precision_recall_fscore_support`).
/// - Parameters:
///   - truth: True classes.
///   - predicted: Predicted classes.
///   - average: `.binary(positive: 1)` for the positive class, or `.micro`/`.macro`/`.weighted`.
///   - labels: The classes averaged over; by default the sorted union of both arrays.
public func precisionRecallF1(
  truth: [Int], predicted: [Int], average: Averaging, labels: [Int]? = nil
) -> PrecisionRecallF1 {
  precisionRecallF1(
    ConfusionMatrix(truth: truth, predicted: predicted, labels: labels), average: average)
}

/// Precision (scikit-learn `precision_score`).
public func precisionScore(
  truth: [Int], predicted: [Int], average: Averaging = .binary(positive: 1)
)
  -> Double
{
  precisionRecallF1(truth: truth, predicted: predicted, average: average).precision
}

/// Recall (scikit-learn `recall_score`).
public func recallScore(truth: [Int], predicted: [Int], average: Averaging = .binary(positive: 1))
  -> Double
{
  precisionRecallF1(truth: truth, predicted: predicted, average: average).recall
}

/// F1 (scikit-learn `f1_score`).
public func f1Score(truth: [Int], predicted: [Int], average: Averaging = .binary(positive: 1))
  -> Double
{
  precisionRecallF1(truth: truth, predicted: predicted, average: average).f1
}

/// Share of exact matches (scikit-learn `accuracy_score`); NaN for empty input.
public func accuracy<Label: Equatable>(truth: [Label], predicted: [Label]) -> Double {
  checkLengths(truth.count, predicted.count)
  guard !truth.isEmpty else { return .nan }
  return Double(zip(truth, predicted).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) })
    / Double(truth.count)
}

/// scikit-learn's `classification_report` as values: one row per class, accuracy, and the
/// macro and weighted averages.
public struct ClassificationReport: Sendable, Equatable {
  /// Class names in order.
  public var labels: [String]
  /// Scores of each class.
  public var classes: [PrecisionRecallF1]
  /// Share of correct predictions.
  public var accuracy: Double
  /// Unweighted mean over classes.
  public var macro: PrecisionRecallF1
  /// Support-weighted mean over classes.
  public var weighted: PrecisionRecallF1

  /// Computes the report from a confusion matrix.
  public init(_ matrix: ConfusionMatrix) {
    labels = matrix.labels
    classes = perClass(matrix)
    accuracy = matrix.accuracy
    macro = precisionRecallF1(matrix, average: .macro)
    weighted = precisionRecallF1(matrix, average: .weighted)
  }

  /// Computes the report from class indices.
  public init(truth: [Int], predicted: [Int], labels: [Int]? = nil) {
    self.init(ConfusionMatrix(truth: truth, predicted: predicted, labels: labels))
  }

  /// Computes the report from string labels.
  public init(truth: [String], predicted: [String], labels: [String]? = nil) {
    self.init(ConfusionMatrix(truth: truth, predicted: predicted, labels: labels))
  }
}
