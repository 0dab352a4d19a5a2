/// A decision threshold with the confusion counts it gives: a row is flagged positive when its
/// score is at least `threshold`.
public struct ThresholdChoice: Sendable, Equatable {
  /// Flag rows with `score >= threshold`. When flagging nobody is best, this is the next
  /// representable value above the highest score (finite, so it can be stored in JSON).
  public var threshold: Double
  /// True positives at the threshold.
  public var truePositives: Int
  /// False positives at the threshold.
  public var falsePositives: Int
  /// False negatives at the threshold.
  public var falseNegatives: Int
  /// True negatives at the threshold.
  public var trueNegatives: Int
  /// Precision at the threshold (0 when nothing is flagged).
  public var precision: Double
  /// Recall at the threshold.
  public var recall: Double
  /// F1 at the threshold.
  public var f1: Double
  /// `costFalsePositive · FP + costFalseNegative · FN` (0 for `bestF1Threshold`).
  public var cost: Double
}

/// Evaluates every candidate threshold (each distinct score, plus "flag nobody") in one pass and
/// returns the one with the smallest `objective`; ties go to the higher threshold (fewer alerts).
func bestThreshold(
  scores: [Double], labels: [Int], objective: (ThresholdChoice) -> Double
) -> ThresholdChoice {
  let counts = BinaryCounts(scores: scores, labels: labels)
  let positives = Int(counts.tps.last ?? 0)
  let negatives = Int(counts.fps.last ?? 0)
  func choice(_ threshold: Double, _ tp: Int, _ fp: Int) -> ThresholdChoice {
    let fn = positives - tp
    let precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
    let recall = positives > 0 ? Double(tp) / Double(positives) : 0
    let f1 = 2 * tp + fp + fn > 0 ? 2 * Double(tp) / Double(2 * tp + fp + fn) : 0
    return ThresholdChoice(
      threshold: threshold, truePositives: tp, falsePositives: fp, falseNegatives: fn,
      trueNegatives: negatives - fp, precision: precision, recall: recall, f1: f1, cost: 0)
  }
  let top = counts.thresholds.first ?? 0
  var best = choice(top.nextUp, 0, 0)
  var bestValue = objective(best)
  for i in counts.thresholds.indices {
    let candidate = choice(counts.thresholds[i], Int(counts.tps[i]), Int(counts.fps[i]))
    let value = objective(candidate)
    if value < bestValue {
      best = candidate
      bestValue = value
    }
  }
  return best
}

/// The threshold with the highest F1 on these scores (ties: the higher threshold).
/// - Parameters:
///   - scores: Higher means more likely positive.
///   - labels: 1 for positive, anything else negative.
/// - Complexity: O(n log n).
public func bestF1Threshold(scores: [Double], labels: [Int]) -> ThresholdChoice {
  bestThreshold(scores: scores, labels: labels) { -$0.f1 }
}

/// The threshold with the lowest total cost `costFalsePositive · FP + costFalseNegative · FN`
/// (ties: the higher threshold). With calibrated probabilities the optimum is near
/// `costFalsePositive / (costFalsePositive + costFalseNegative)` (Elkan, "The Foundations of
/// Cost-Sensitive Learning", IJCAI 2001); this picks it empirically.
/// - Parameters:
///   - scores: Higher means more likely positive.
///   - labels: 1 for positive, anything else negative.
///   - costFalsePositive: Cost of flagging a negative (an offer, an investigation).
///   - costFalseNegative: Cost of missing a positive (a lost customer, a paid fraud).
/// - Complexity: O(n log n).
public func expectedCostThreshold(
  scores: [Double], labels: [Int], costFalsePositive: Double, costFalseNegative: Double
) -> ThresholdChoice {
  var best = bestThreshold(scores: scores, labels: labels) {
    costFalsePositive * Double($0.falsePositives) + costFalseNegative * Double($0.falseNegatives)
  }
  best.cost =
    costFalsePositive * Double(best.falsePositives) + costFalseNegative
    * Double(best.falseNegatives)
  return best
}
