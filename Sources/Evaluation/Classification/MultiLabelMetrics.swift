extension ConfusionMatrix {
  /// Creates a matrix from counts, `counts[truth][predicted]`, in the order of `labels`.
  /// - Precondition: `counts` is square with one row per label.
  public init(labels: [String], counts: [[Int]]) {
    precondition(counts.count == labels.count && counts.allSatisfy { $0.count == labels.count })
    self.labels = labels
    self.counts = counts
  }
}

/// One 2×2 matrix per label of a multi-label problem (scikit-learn
/// `multilabel_confusion_matrix`): for label `k`, class 1 means "has label k", so
/// `counts == [[tn, fp], [fn, tp]]`.
///
/// ```swift
/// let m = multilabelConfusionMatrices(truth: [[0, 1], [1]], predicted: [[0], [1, 2]], labelCount: 3)
/// m[1].counts  // [[0, 0], [1, 1]]: one row with label 1 missed, one found
/// ```
/// - Parameters:
///   - truth: The true label indices of each row.
///   - predicted: The predicted label indices of each row.
///   - labelCount: Number of labels; indices outside `0..<labelCount` are ignored.
public func multilabelConfusionMatrices(
  truth: [Set<Int>], predicted: [Set<Int>], labelCount: Int
) -> [ConfusionMatrix] {
  checkLengths(truth.count, predicted.count)
  var tp = [Int](repeating: 0, count: labelCount)
  var fp = tp
  var fn = tp
  for (t, p) in zip(truth, predicted) {
    for k in t where k >= 0 && k < labelCount {
      if p.contains(k) { tp[k] += 1 } else { fn[k] += 1 }
    }
    for k in p where k >= 0 && k < labelCount && !t.contains(k) { fp[k] += 1 }
  }
  let n = truth.count
  return (0..<labelCount).map { k in
    ConfusionMatrix(
      labels: ["0", "1"], counts: [[n - tp[k] - fp[k] - fn[k], fp[k]], [fn[k], tp[k]]])
  }
}

extension ClassificationReport {
  /// scikit-learn's `classification_report` for multi-label data (indicator matrices): one
  /// row per label with that label's binary precision, recall and F1; `accuracy` is the share
  /// of rows whose predicted label set equals the true set (`accuracy_score`); the macro and
  /// weighted averages run over every label.
  /// - Parameters:
  ///   - truthSets: The true label indices of each row.
  ///   - predictedSets: The predicted label indices of each row.
  ///   - labels: The label names; index `k` is `labels[k]`.
  public init(truthSets: [Set<Int>], predictedSets: [Set<Int>], labels: [String]) {
    let matrices = multilabelConfusionMatrices(
      truth: truthSets, predicted: predictedSets, labelCount: labels.count)
    let scores = matrices.map { precisionRecallF1($0, average: .binary(positive: 1)) }
    func mean(_ weights: [Double]) -> PrecisionRecallF1 {
      let sum = weights.reduce(0, +)
      func average(_ value: (PrecisionRecallF1) -> Double) -> Double {
        sum > 0 ? zip(scores, weights).reduce(0) { $0 + value($1.0) * $1.1 } / sum : 0
      }
      return PrecisionRecallF1(
        precision: average(\.precision), recall: average(\.recall), f1: average(\.f1),
        support: scores.reduce(0) { $0 + $1.support })
    }
    self.labels = labels
    classes = scores
    let exact = zip(truthSets, predictedSets).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    accuracy = truthSets.isEmpty ? .nan : Double(exact) / Double(truthSets.count)
    macro = mean([Double](repeating: 1, count: scores.count))
    weighted = mean(scores.map { Double($0.support) })
  }
}
