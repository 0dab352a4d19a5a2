/// Accuracy, per-class precision/recall/F1 and their macro and support-weighted averages,
/// computed like scikit-learn's `classification_report` (a class with no predictions has
/// precision 0, and F1 is 0 when precision + recall is 0).
public struct ClassificationScores: Sendable, Equatable {
  /// Scores of one class.
  public struct PerClass: Sendable, Equatable {
    /// Class name.
    public var name: String
    /// Correct / predicted as this class.
    public var precision: Double
    /// Correct / truly this class.
    public var recall: Double
    /// Harmonic mean of precision and recall.
    public var f1: Double
    /// Number of true examples.
    public var support: Int
  }

  /// Share of rows predicted exactly right.
  public var accuracy: Double
  /// Unweighted mean of per-class F1.
  public var macroF1: Double
  /// Support-weighted mean of per-class F1.
  public var weightedF1: Double
  /// Per-class scores, in class order.
  public var classes: [PerClass]
  /// `confusion[t][p]` counts rows of true class `t` predicted as `p`.
  public var confusion: [[Int]]
  /// Number of rows scored.
  public var rows: Int

  /// Scores single-label predictions; `truth` and `predicted` are class indices into `names`.
  public init(truth: [Int], predicted: [Int], names: [String]) {
    precondition(truth.count == predicted.count)
    let c = names.count
    var confusion = Array(repeating: Array(repeating: 0, count: c), count: c)
    var correct = 0
    for (t, p) in zip(truth, predicted) {
      confusion[t][p] += 1
      if t == p { correct += 1 }
    }
    var per: [PerClass] = []
    for k in 0..<c {
      let tp = Double(confusion[k][k])
      let predictedK = Double((0..<c).reduce(0) { $0 + confusion[$1][k] })
      let support = confusion[k].reduce(0, +)
      let precision = predictedK > 0 ? tp / predictedK : 0
      let recall = support > 0 ? tp / Double(support) : 0
      let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
      per.append(PerClass(
        name: names[k], precision: precision, recall: recall, f1: f1, support: support))
    }
    self.init(
      accuracy: truth.isEmpty ? 0 : Double(correct) / Double(truth.count), classes: per,
      confusion: confusion, rows: truth.count)
  }

  /// Scores multi-label predictions (sets of class indices); accuracy is exact-set accuracy.
  public init(truthSets: [Set<Int>], predictedSets: [Set<Int>], names: [String]) {
    precondition(truthSets.count == predictedSets.count)
    let c = names.count
    var tp = [Double](repeating: 0, count: c)
    var fp = tp
    var support = [Int](repeating: 0, count: c)
    var exact = 0
    for (t, p) in zip(truthSets, predictedSets) {
      if t == p { exact += 1 }
      for k in t { support[k] += 1 }
      for k in p { if t.contains(k) { tp[k] += 1 } else { fp[k] += 1 } }
    }
    let per = (0..<c).map { k -> PerClass in
      let precision = tp[k] + fp[k] > 0 ? tp[k] / (tp[k] + fp[k]) : 0
      let recall = support[k] > 0 ? tp[k] / Double(support[k]) : 0
      let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
      return PerClass(name: names[k], precision: precision, recall: recall, f1: f1, support: support[k])
    }
    self.init(
      accuracy: truthSets.isEmpty ? 0 : Double(exact) / Double(truthSets.count), classes: per,
      confusion: Array(repeating: Array(repeating: 0, count: c), count: c), rows: truthSets.count)
  }

  private init(accuracy: Double, classes: [PerClass], confusion: [[Int]], rows: Int) {
    self.accuracy = accuracy
    self.classes = classes
    self.confusion = confusion
    self.rows = rows
    // Like scikit-learn, classes absent from both truth and predictions still count in the
    // macro average only if they have support or predictions; here every listed class counts
    // when it has support.
    let present = classes.enumerated().filter { i, k in
      k.support > 0 || confusion.indices.contains { confusion[$0][i] > 0 }
    }.map(\.element)
    let used = present.isEmpty ? classes : present
    macroF1 = used.isEmpty ? 0 : used.map(\.f1).reduce(0, +) / Double(used.count)
    let total = classes.map(\.support).reduce(0, +)
    weightedF1 = total == 0 ? 0
      : classes.map { $0.f1 * Double($0.support) }.reduce(0, +) / Double(total)
  }
}
