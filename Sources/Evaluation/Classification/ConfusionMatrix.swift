/// A confusion matrix: `counts[t][p]` rows of true class `t` predicted as class `p`, with the
/// classes in sorted order (scikit-learn `confusion_matrix`).
///
/// ```swift
/// let m = ConfusionMatrix(truth: [0, 1, 2, 0], predicted: [0, 2, 2, 0])
/// m.counts  // [[2, 0, 0], [0, 0, 1], [0, 0, 1]]
/// ```
public struct ConfusionMatrix: Sendable, Equatable {
  /// Class names in matrix order.
  public var labels: [String]
  /// `counts[truth][predicted]`.
  public var counts: [[Int]]

  /// Builds the matrix from class indices or codes.
  /// - Parameters:
  ///   - truth: True classes.
  ///   - predicted: Predicted classes.
  ///   - labels: The classes and their order; by default the sorted union of both arrays.
  ///     Values outside `labels` are ignored, as in scikit-learn.
  public init(truth: [Int], predicted: [Int], labels: [Int]? = nil) {
    checkLengths(truth.count, predicted.count)
    let classes = labels ?? Array(Set(truth).union(predicted)).sorted()
    self.init(truth: truth, predicted: predicted, classes: classes)
  }

  /// Builds the matrix from string labels (classes sorted by default).
  public init(truth: [String], predicted: [String], labels: [String]? = nil) {
    checkLengths(truth.count, predicted.count)
    let classes = labels ?? Array(Set(truth).union(predicted)).sorted()
    self.init(truth: truth, predicted: predicted, classes: classes)
  }

  /// The binary matrix at a threshold: positive when `score >= threshold`; classes [0, 1],
  /// where label 1 is positive and any other label negative.
  public init(scores: [Double], labels: [Int], threshold: Double) {
    checkLengths(scores.count, labels.count)
    self.init(
      truth: labels.map { $0 == 1 ? 1 : 0 }, predicted: scores.map { $0 >= threshold ? 1 : 0 },
      labels: [0, 1])
  }

  private init<L: Hashable & CustomStringConvertible>(truth: [L], predicted: [L], classes: [L]) {
    let index = Dictionary(classes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var counts = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
    for (t, p) in zip(truth, predicted) {
      if let i = index[t], let j = index[p] { counts[i][j] += 1 }
    }
    self.labels = classes.map(\.description)
    self.counts = counts
  }

  /// Number of classes.
  public var classCount: Int { labels.count }
  /// Total number of counted rows.
  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
  /// Count of rows of true class `truth` predicted as `predicted` (matrix positions).
  public subscript(truth: Int, predicted: Int) -> Int { counts[truth][predicted] }

  /// Correct predictions of class position `k`.
  public func truePositives(_ k: Int) -> Int { counts[k][k] }
  /// Rows predicted as class `k` that are another class.
  public func falsePositives(_ k: Int) -> Int {
    counts.indices.reduce(0) { $0 + ($1 == k ? 0 : counts[$1][k]) }
  }
  /// Rows of class `k` predicted as another class.
  public func falseNegatives(_ k: Int) -> Int { counts[k].reduce(0, +) - counts[k][k] }
  /// Rows of class `k` (its support).
  public func support(_ k: Int) -> Int { counts[k].reduce(0, +) }

  /// Share of rows on the diagonal.
  public var accuracy: Double {
    let n = total
    return n == 0 ? .nan : Double(counts.indices.reduce(0) { $0 + counts[$1][$1] }) / Double(n)
  }
}
