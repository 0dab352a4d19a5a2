import NeuralCore
/// A point estimate with a bootstrap percentile interval.
public struct ConfidenceInterval: Sendable, Equatable {
  /// The statistic on the original sample.
  public var estimate: Double
  /// Lower end of the interval.
  public var lower: Double
  /// Upper end of the interval.
  public var upper: Double
  /// Coverage, for example 0.95.
  public var confidence: Double
  /// Resamples that gave a finite value (a resample with one class gives NaN and is skipped).
  public var resamples: Int
}

/// Percentile bootstrap interval of any statistic of row indices (Efron & Tibshirani, "An
/// Introduction to the Bootstrap", 1993, ch. 13). Each resample draws `count` indices with
/// replacement from a seeded SplitMix64 generator; percentiles interpolate linearly (numpy's
/// default).
/// - Parameters:
///   - count: Number of rows.
///   - resamples: Number of bootstrap resamples (1000 by default).
///   - confidence: Interval coverage in (0, 1).
///   - seed: Resampling seed (results are reproducible).
///   - statistic: Computes the statistic of the rows at the given indices.
public func bootstrapInterval(
  count: Int, resamples: Int = 1000, confidence: Double = 0.95, seed: UInt64 = 0,
  statistic: ([Int]) -> Double
) -> ConfidenceInterval {
  precondition(confidence > 0 && confidence < 1, "confidence must be in (0, 1)")
  precondition(resamples >= 1, "need at least one resample")
  let estimate = statistic(Array(0..<count))
  guard count > 0 else {
    return ConfidenceInterval(
      estimate: estimate, lower: .nan, upper: .nan, confidence: confidence, resamples: 0)
  }
  var state = seed
  var values: [Double] = []
  values.reserveCapacity(resamples)
  var indices = [Int](repeating: 0, count: count)
  for _ in 0..<resamples {
    for i in 0..<count { indices[i] = Int(SplitMix64.step(&state) % UInt64(count)) }
    let value = statistic(indices)
    if value.isFinite { values.append(value) }
  }
  values.sort()
  let alpha = (1 - confidence) / 2
  return ConfidenceInterval(
    estimate: estimate, lower: percentile(values, alpha), upper: percentile(values, 1 - alpha),
    confidence: confidence, resamples: values.count)
}

/// Bootstrap interval of a metric of scores and labels, for example
/// `bootstrapInterval(scores: p, labels: y, metric: rocAUC)`.
public func bootstrapInterval(
  scores: [Double], labels: [Int], resamples: Int = 1000, confidence: Double = 0.95,
  seed: UInt64 = 0, metric: ([Double], [Int]) -> Double
) -> ConfidenceInterval {
  checkLengths(scores.count, labels.count)
  return bootstrapInterval(
    count: scores.count, resamples: resamples, confidence: confidence, seed: seed
  ) { rows in
    metric(rows.map { scores[$0] }, rows.map { labels[$0] })
  }
}

/// numpy `percentile(..., method="linear")` of sorted values; NaN when empty.
func percentile(_ sorted: [Double], _ q: Double) -> Double {
  guard !sorted.isEmpty else { return .nan }
  let position = q * Double(sorted.count - 1)
  let below = Int(position.rounded(.down))
  let above = min(below + 1, sorted.count - 1)
  let fraction = position - Double(below)
  return sorted[below] + (sorted[above] - sorted[below]) * fraction
}


