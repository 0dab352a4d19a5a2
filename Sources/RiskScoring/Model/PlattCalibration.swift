import Foundation

/// Platt scaling: `p = 1 / (1 + exp(-(slope * logit + intercept)))`, fitted on held-out logits.
///
/// Fitted by Newton's method with a backtracking line search on the log loss with Platt's
/// smoothed targets `(N+ + 1) / (N+ + 2)` and `1 / (N- + 2)` (Platt 1999; Lin, Lin and Weng
/// 2007). Class weighting during training shifts the raw logits; this maps them back to honest
/// probabilities, and being a monotone map it keeps the ranking (ROC-AUC, PR-AUC) unchanged.
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
    // Mean log loss against the smoothed targets, written with softplus so that saturated
    // scores stay finite.
    func loss(_ a: Double, _ b: Double) -> Double {
      var sum = 0.0
      for (z, y) in zip(logits, labels) {
        let s = a * z + b
        let t = y == 1 ? high : low
        sum += t * softplus(-s) + (1 - t) * softplus(s)
      }
      return sum
    }
    // Platt's start (slope 0, intercept at the smoothed base rate) and Newton steps with a
    // backtracking line search, as in Lin, Lin and Weng (2007): plain Newton steps from slope 1
    // can overshoot into saturation when the raw logits are large (measured: a fraud model
    // with a batch size of 64 whose probabilities all became 0).
    var a = 0.0
    var b = Foundation.log((positives + 1) / (negatives + 1))
    var current = loss(a, b)
    for _ in 0..<100 {
      // Gradient and Hessian of the log loss in (a, b), with a tiny ridge for stability.
      var ga = 0.0, gb = 0.0, haa = 1e-12, hab = 0.0, hbb = 1e-12
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
      if abs(ga) < 1e-9 * Double(logits.count) && abs(gb) < 1e-9 * Double(logits.count) { break }
      let det = haa * hbb - hab * hab
      guard det > 0 else { break }
      let da = (hbb * ga - hab * gb) / det
      let db = (haa * gb - hab * ga) / det
      // The Newton direction is (-da, -db); its slope along the gradient is -(ga da + gb db).
      let decrease = ga * da + gb * db
      var step = 1.0
      var accepted = false
      while step >= 1e-10 {
        let candidate = loss(a - step * da, b - step * db)
        if candidate <= current - 1e-4 * step * decrease {
          a -= step * da
          b -= step * db
          current = candidate
          accepted = true
          break
        }
        step /= 2
      }
      if !accepted || (abs(step * da) < 1e-10 && abs(step * db) < 1e-10) { break }
    }
    guard a.isFinite, b.isFinite else { return .identity }
    return PlattCalibration(slope: a, intercept: b)
  }

  /// `log(1 + exp(x))` without overflow.
  static func softplus(_ x: Double) -> Double {
    max(x, 0) + Foundation.log1p(Foundation.exp(-abs(x)))
  }

  /// The calibrated logit of a raw logit.
  public func calibratedLogit(_ logit: Double) -> Double { slope * logit + intercept }

  /// The calibrated probability of a raw logit.
  public func probability(_ logit: Double) -> Double {
    1 / (1 + Foundation.exp(-calibratedLogit(logit)))
  }
}
