/// Cumulative true and false positives at each distinct score, scores descending
/// (scikit-learn's `_binary_clf_curve`): `thresholds[i]` is a distinct score and `tps[i]` /
/// `fps[i]` count the positives / negatives scoring at least that much. Label 1 is positive.
struct BinaryCounts {
  var tps: [Double] = []
  var fps: [Double] = []
  var thresholds: [Double] = []

  init(scores: [Double], labels: [Int]) {
    checkLengths(scores.count, labels.count)
    let order = scores.indices.sorted {
      scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1
    }
    var tp = 0.0
    var fp = 0.0
    for (k, i) in order.enumerated() {
      if labels[i] == 1 { tp += 1 } else { fp += 1 }
      if k == order.count - 1 || scores[order[k + 1]] != scores[i] {
        tps.append(tp)
        fps.append(fp)
        thresholds.append(scores[i])
      }
    }
  }
}

/// A receiver operating characteristic curve, as scikit-learn's `roc_curve` returns it.
public struct ROCCurve: Sendable, Equatable {
  /// False-positive rate at each threshold (increasing, from 0 to 1).
  public var falsePositiveRate: [Double]
  /// True-positive rate at each threshold (increasing, from 0 to 1).
  public var truePositiveRate: [Double]
  /// Decreasing thresholds; the first is `+infinity` (nothing predicted positive).
  public var thresholds: [Double]
}

/// A precision–recall curve, as scikit-learn's `precision_recall_curve` returns it.
public struct PRCurve: Sendable, Equatable {
  /// Precision at each threshold, then a final 1.
  public var precision: [Double]
  /// Recall at each threshold (decreasing), then a final 0.
  public var recall: [Double]
  /// Increasing distinct scores (one fewer than `precision`).
  public var thresholds: [Double]
}

/// The ROC curve (scikit-learn `roc_curve`, `drop_intermediate=True` by default).
/// - Parameters:
///   - scores: Higher means more likely positive.
///   - labels: 1 for positive, anything else negative.
///   - dropIntermediate: Drop points on straight segments (does not change the area).
/// - Returns: The curve; rates are NaN when a class is absent.
/// - Complexity: O(n log n).
public func rocCurve(scores: [Double], labels: [Int], dropIntermediate: Bool = true) -> ROCCurve {
  let counts = BinaryCounts(scores: scores, labels: labels)
  var tps = counts.tps
  var fps = counts.fps
  var thresholds = counts.thresholds
  if dropIntermediate && fps.count > 2 {
    var keep = [0]
    for i in 1..<(fps.count - 1) {
      let secondFP = fps[i + 1] - 2 * fps[i] + fps[i - 1]
      let secondTP = tps[i + 1] - 2 * tps[i] + tps[i - 1]
      if secondFP != 0 || secondTP != 0 { keep.append(i) }
    }
    keep.append(fps.count - 1)
    tps = keep.map { tps[$0] }
    fps = keep.map { fps[$0] }
    thresholds = keep.map { thresholds[$0] }
  }
  tps.insert(0, at: 0)
  fps.insert(0, at: 0)
  thresholds.insert(.infinity, at: 0)
  let totalFP = fps.last ?? 0
  let totalTP = tps.last ?? 0
  return ROCCurve(
    falsePositiveRate: fps.map { totalFP > 0 ? $0 / totalFP : .nan },
    truePositiveRate: tps.map { totalTP > 0 ? $0 / totalTP : .nan },
    thresholds: thresholds)
}

/// Area under the ROC curve (scikit-learn `roc_auc_score`, ties averaged by the trapezoid rule).
/// - Returns: The area, or NaN when only one class is present (scikit-learn raises).
/// - Complexity: O(n log n).
public func rocAUC(scores: [Double], labels: [Int]) -> Double {
  let curve = rocCurve(scores: scores, labels: labels)
  guard curve.falsePositiveRate.last?.isNaN == false, curve.truePositiveRate.last?.isNaN == false
  else { return .nan }
  return trapezoid(x: curve.falsePositiveRate, y: curve.truePositiveRate)
}

/// Area under the ROC curve for `Float` scores.
@_disfavoredOverload
public func rocAUC(scores: [Float], labels: [Int]) -> Double {
  rocAUC(scores: scores.map(Double.init), labels: labels)
}

/// The trapezoid rule (numpy `trapezoid`).
func trapezoid(x: [Double], y: [Double]) -> Double {
  var area = 0.0
  for i in 1..<max(x.count, 1) { area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2 }
  return area
}

/// The precision–recall curve (scikit-learn `precision_recall_curve`).
/// - Returns: Precision and recall (each one longer than `thresholds`); recall is all ones when
///   no positive is present, precision 0 where nothing is predicted positive.
/// - Complexity: O(n log n).
public func prCurve(scores: [Double], labels: [Int]) -> PRCurve {
  let counts = BinaryCounts(scores: scores, labels: labels)
  let totalTP = counts.tps.last ?? 0
  var precision: [Double] = []
  var recall: [Double] = []
  for i in counts.tps.indices.reversed() {
    let predicted = counts.tps[i] + counts.fps[i]
    precision.append(predicted != 0 ? counts.tps[i] / predicted : 0)
    recall.append(totalTP == 0 ? 1 : counts.tps[i] / totalTP)
  }
  precision.append(1)
  recall.append(0)
  return PRCurve(precision: precision, recall: recall, thresholds: counts.thresholds.reversed())
}

/// Average precision, the PR-AUC (scikit-learn `average_precision_score`):
/// `Σ (R_n − R_{n−1}) P_n`, the step-function integral of the PR curve (no interpolation).
/// - Returns: The value, or NaN without any positive (scikit-learn warns and returns 0 or -0).
/// - Complexity: O(n log n).
public func averagePrecision(scores: [Double], labels: [Int]) -> Double {
  guard labels.contains(1) else { return .nan }
  let curve = prCurve(scores: scores, labels: labels)
  var sum = 0.0
  for i in 0..<(curve.recall.count - 1) {
    sum += (curve.recall[i + 1] - curve.recall[i]) * curve.precision[i]
  }
  return max(0, -sum)
}

/// Average precision for `Float` scores.
@_disfavoredOverload
public func averagePrecision(scores: [Float], labels: [Int]) -> Double {
  averagePrecision(scores: scores.map(Double.init), labels: labels)
}

/// Kolmogorov–Smirnov statistic between the score distributions of positives and negatives:
/// `max |TPR − FPR|` over all thresholds (equals scipy's `ks_2samp(pos, neg).statistic`).
/// - Returns: A value in [0, 1], or NaN when a class is absent.
public func ksStatistic(scores: [Double], labels: [Int]) -> Double {
  let curve = rocCurve(scores: scores, labels: labels, dropIntermediate: false)
  var best = 0.0
  for (fpr, tpr) in zip(curve.falsePositiveRate, curve.truePositiveRate) {
    if fpr.isNaN || tpr.isNaN { return .nan }
    best = max(best, abs(tpr - fpr))
  }
  return best
}

/// KS statistic for `Float` scores.
@_disfavoredOverload
public func ksStatistic(scores: [Float], labels: [Int]) -> Double {
  ksStatistic(scores: scores.map(Double.init), labels: labels)
}
