import Foundation

/// Platt scaling: `p = 1 / (1 + exp(-(slope * logit + intercept)))`, fitted on held-out logits.
///
/// Fitted by Newton's method on the log loss with Platt's smoothed targets
/// `(N+ + 1) / (N+ + 2)` and `1 / (N- + 2)` (Platt 1999; Lin, Lin and Weng 2007). Class weighting
/// during training shifts the raw logits; this maps them back to honest probabilities, and being a
/// monotone map it keeps the ranking (ROC-AUC, PR-AUC) unchanged.
public struct PlattCalibration: Codable, Sendable, Equatable {
  /// Multiplier of the raw logit.
  public var slope: Double
  /// Added after scaling.
  public var intercept: Double

  /// The identity map.
  public static let identity = PlattCalibration(slope: 1, intercept: 0)

  /// Creates a calibration with explicit parameters.
  public init(slope: Double, intercept: Double) {
    self.slope = slope
    self.intercept = intercept
  }

  /// Fits the calibration to raw logits and 0/1 labels.
  /// - Parameters:
  ///   - logits: raw model outputs.
  ///   - labels: 0/1 outcomes, same count.
  /// - Returns: the fitted calibration; the identity when the labels hold a single class.
  public static func fit(logits: [Double], labels: [Int]) -> PlattCalibration {
    let positives = Double(labels.filter { $0 == 1 }.count)
    let negatives = Double(labels.count) - positives
    guard positives > 0, negatives > 0 else { return .identity }
    let high = (positives + 1) / (positives + 2)
    let low = 1 / (negatives + 2)
    var a = 1.0
    var b = 0.0
    for _ in 0..<100 {
      // Gradient and Hessian of the mean log loss in (a, b), with a tiny ridge for stability.
      var ga = 0.0, gb = 0.0, haa = 1e-9, hab = 0.0, hbb = 1e-9
      for (z, y) in zip(logits, labels) {
        let t = y == 1 ? high : low
        let p = 1 / (1 + Foundation.exp(-(a * z + b)))
        let r = p - t
        let w = max(p * (1 - p), 1e-12)
        ga += r * z
        gb += r
        haa += w * z * z
        hab += w * z
        hbb += w
      }
      let det = haa * hbb - hab * hab
      guard det > 0 else { break }
      let da = (hbb * ga - hab * gb) / det
      let db = (haa * gb - hab * ga) / det
      a -= da
      b -= db
      if abs(da) < 1e-10 && abs(db) < 1e-10 { break }
    }
    guard a.isFinite, b.isFinite else { return .identity }
    return PlattCalibration(slope: a, intercept: b)
  }

  /// The calibrated logit of a raw logit.
  public func calibratedLogit(_ logit: Double) -> Double { slope * logit + intercept }

  /// The calibrated probability of a raw logit.
  public func probability(_ logit: Double) -> Double {
    1 / (1 + Foundation.exp(-calibratedLogit(logit)))
  }
}
