/// One bin of a reliability diagram.
public struct CalibrationBin: Sendable, Equatable {
  /// Lower edge of the bin.
  public var lower: Double
  /// Upper edge of the bin.
  public var upper: Double
  /// Samples whose probability falls in the bin.
  public var count: Int
  /// Mean predicted probability in the bin (scikit-learn's `prob_pred`).
  public var meanPredicted: Double
  /// Observed share of positives in the bin (scikit-learn's `prob_true`).
  public var observedRate: Double
}

/// Reliability-diagram bins, scikit-learn `calibration_curve(strategy="uniform")`: `bins` equal
/// bins over [0, 1]; a probability equal to an inner edge falls in the lower bin; empty bins
/// are left out.
/// - Parameters:
///   - probabilities: Predicted probability of the positive class, in [0, 1].
///   - labels: 1 for positive, anything else negative.
///   - bins: Number of bins (10 by default).
public func calibrationBins(probabilities: [Double], labels: [Int], bins: Int = 10)
  -> [CalibrationBin]
{
  checkLengths(probabilities.count, labels.count)
  precondition(bins >= 1, "calibrationBins needs at least one bin")
  // numpy.linspace(0, 1, bins + 1): edge i is i * (1 / bins), the last edge exactly 1.
  let step = 1.0 / Double(bins)
  let inner = (1..<bins).map { Double($0) * step }
  var sums = [Double](repeating: 0, count: bins)
  var positives = [Double](repeating: 0, count: bins)
  var counts = [Int](repeating: 0, count: bins)
  for (p, y) in zip(probabilities, labels) {
    // numpy.searchsorted(inner, p, side="left"): the number of inner edges below p.
    var lo = 0
    var hi = inner.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if inner[mid] < p { lo = mid + 1 } else { hi = mid }
    }
    sums[lo] += p
    if y == 1 { positives[lo] += 1 }
    counts[lo] += 1
  }
  return (0..<bins).compactMap { b in
    guard counts[b] > 0 else { return nil }
    return CalibrationBin(
      lower: Double(b) * step, upper: b == bins - 1 ? 1 : Double(b + 1) * step, count: counts[b],
      meanPredicted: sums[b] / Double(counts[b]), observedRate: positives[b] / Double(counts[b]))
  }
}

/// Reliability-diagram bins for `Float` probabilities.
@_disfavoredOverload
public func calibrationBins(probabilities: [Float], labels: [Int], bins: Int = 10)
  -> [CalibrationBin]
{
  calibrationBins(probabilities: probabilities.map(Double.init), labels: labels, bins: bins)
}
