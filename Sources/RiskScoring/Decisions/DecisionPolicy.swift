import Foundation

/// How a calibrated probability becomes a decision and a risk band.
///
/// The threshold minimises the expected cost `costFalsePositive * FP + costFalseNegative * FN`.
/// With calibrated probabilities that is the Bayes rule `p >= cFP / (cFP + cFN)` (Elkan, "The
/// Foundations of Cost-Sensitive Learning", IJCAI 2001). With `maxAlertRate` the threshold is
/// instead the score above which that share of the validation rows falls.
public struct DecisionPolicy: Codable, Sendable, Equatable {
  /// Cost of acting on a negative row.
  public var costFalsePositive: Double
  /// Cost of missing a positive row.
  public var costFalseNegative: Double
  /// When set, the share of rows to flag (0...1) instead of the cost rule.
  public var maxAlertRate: Double?
  /// The probability at or above which a row is flagged.
  public var threshold: Double
  /// Probability cut-offs between bands low | medium | high | critical (ascending, 3 values).
  public var bandCutoffs: [Double]

  /// Band names, lowest risk first.
  public static let bandNames = ["low", "medium", "high", "critical"]

  /// Validation-score quantiles used for band cut-offs: the top 5% are critical, the next 15%
  /// high, the next 30% medium.
  public static let bandQuantiles = [0.5, 0.8, 0.95]

  /// Fits the threshold and band cut-offs on calibrated validation probabilities.
  /// - Parameters:
  ///   - probabilities: calibrated validation probabilities.
  ///   - costFalsePositive: cost of a false positive (> 0).
  ///   - costFalseNegative: cost of a false negative (> 0).
  ///   - maxAlertRate: optional share of rows to flag, in (0, 1].
  /// - Returns: the fitted policy.
  public static func fit(
    probabilities: [Double], costFalsePositive: Double, costFalseNegative: Double,
    maxAlertRate: Double? = nil
  ) -> DecisionPolicy {
    let sorted = probabilities.sorted()
    var threshold = costFalsePositive / (costFalsePositive + costFalseNegative)
    if let rate = maxAlertRate {
      // Flag the top `rate` share: the threshold is the smallest score among them.
      let flagged = max(1, Int((Double(sorted.count) * rate).rounded(.down)))
      threshold = sorted.isEmpty ? 0.5 : sorted[max(0, sorted.count - flagged)]
    }
    let cutoffs = bandQuantiles.map { quantile(sorted, $0) }
    return DecisionPolicy(
      costFalsePositive: costFalsePositive, costFalseNegative: costFalseNegative,
      maxAlertRate: maxAlertRate, threshold: threshold, bandCutoffs: cutoffs)
  }

  /// The band name of a probability.
  public func band(of probability: Double) -> String {
    var index = 0
    while index < bandCutoffs.count && probability >= bandCutoffs[index] { index += 1 }
    return Self.bandNames[index]
  }

  /// Whether a row with this probability is flagged.
  public func isFlagged(_ probability: Double) -> Bool { probability >= threshold }

  /// Total cost of the decisions at `threshold` on labelled data.
  public func cost(probabilities: [Double], labels: [Int]) -> Double {
    var total = 0.0
    for (p, y) in zip(probabilities, labels) {
      let flagged = p >= threshold
      if flagged && y == 0 { total += costFalsePositive }
      if !flagged && y == 1 { total += costFalseNegative }
    }
    return total
  }

  /// Saving against taking no action at all: `cFN * TP - cFP * FP`.
  public func saving(probabilities: [Double], labels: [Int]) -> Double {
    let doNothing = Double(labels.filter { $0 == 1 }.count) * costFalseNegative
    return doNothing - cost(probabilities: probabilities, labels: labels)
  }

  /// Linear-interpolated quantile of sorted values (numpy's default "linear" method).
  static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return 0.5 }
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let weight = position - Double(lower)
    return sorted[lower] * (1 - weight) + sorted[upper] * weight
  }
}
