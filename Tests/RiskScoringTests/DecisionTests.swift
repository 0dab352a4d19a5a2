import Foundation
import Testing

@testable import RiskScoring

/// Platt scaling matches scikit-learn's `_sigmoid_calibration` (which returns `-slope, -intercept`).
@Test func plattMatchesScikitLearn() {
  let logits = [-2.0, -1.5, -1.0, -0.5, 0.0, 0.3, 0.8, 1.2, 2.0, 2.5, -0.7, 0.1]
  let labels = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1]
  let fitted = PlattCalibration.fit(logits: logits, labels: labels)
  #expect(abs(fitted.slope - 0.7833239380920066) < 1e-4)
  #expect(abs(fitted.intercept - -0.0592377533583283) < 1e-4)
  #expect(PlattCalibration.fit(logits: [1, 2], labels: [1, 1]) == .identity)
}

/// Large, shifted raw logits (as from a confident ensemble): the same fit up to the affine map,
/// where undamped Newton steps from slope 1 overshoot into saturation.
@Test func plattConvergesOnLargeLogits() {
  let logits = [-2.0, -1.5, -1.0, -0.5, 0.0, 0.3, 0.8, 1.2, 2.0, 2.5, -0.7, 0.1]
  let labels = [0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1]
  let scaled = logits.map { 40 * $0 - 30 }
  let fitted = PlattCalibration.fit(logits: scaled, labels: labels)
  let slope = 0.7833239380920066
  let intercept = -0.0592377533583283
  #expect(abs(fitted.slope - slope / 40) < 1e-5)
  #expect(abs(fitted.intercept - (intercept + 30 * slope / 40)) < 1e-4)
  let probabilities = scaled.map(fitted.probability)
  #expect(Set(probabilities).count == logits.count, "no saturation ties")
}

/// Scorecard scaling: 600 points at odds 50:1, +20 points per doubling of the odds.
@Test func scorecardPointsMath() {
  let card = Scorecard()
  #expect(abs(card.score(probability: 1.0 / 51.0) - 600) < 1e-9)
  #expect(abs(card.score(probability: 1.0 / 101.0) - 620) < 1e-9)
  #expect(abs(card.score(probability: 1.0 / 26.0) - 580) < 1e-9)
  #expect(abs(card.factor - 28.853900817779268) < 1e-12)
  #expect(abs(card.offset - 487.1228762045055) < 1e-9)
  // Raising the log-odds of default by ln 2 costs exactly PDO points.
  #expect(abs(card.pointsLost(logitIncrease: log(2)) - 20) < 1e-12)
  let custom = Scorecard(baseScore: 500, baseOdds: 20, pointsToDoubleOdds: 40)
  #expect(abs(custom.score(probability: 1.0 / 41.0) - 540) < 1e-9)
}

/// The cost rule is Bayes-optimal: threshold cFP / (cFP + cFN); alert-rate mode flags that share.
@Test func decisionPolicyThresholds() {
  let probabilities = (0..<100).map { Double($0) / 100 }
  let byCost = DecisionPolicy.fit(
    probabilities: probabilities, costFalsePositive: 1, costFalseNegative: 4)
  #expect(abs(byCost.threshold - 0.2) < 1e-12)
  let byRate = DecisionPolicy.fit(
    probabilities: probabilities, costFalsePositive: 1, costFalseNegative: 4, maxAlertRate: 0.1)
  #expect(probabilities.filter { byRate.isFlagged($0) }.count == 10)
  #expect(byRate.band(of: 0.99) == "critical")
  #expect(byRate.band(of: 0.0) == "low")
  #expect(byRate.band(of: 0.6) == "medium")
  #expect(byRate.band(of: 0.85) == "high")
  // numpy.quantile(range(100)/100, [0.5, 0.8, 0.95]) = 0.495, 0.792, 0.9405
  #expect(zip(byRate.bandCutoffs, [0.495, 0.792, 0.9405]).allSatisfy { abs($0 - $1) < 1e-12 })
  let labels = probabilities.map { $0 > 0.5 ? 1 : 0 }
  // Flagged (p >= 0.2): 80 rows, of which 31 negative (0.20...0.50); missed positives: none.
  #expect(byCost.cost(probabilities: probabilities, labels: labels) == 31)
  #expect(byCost.saving(probabilities: probabilities, labels: labels) == 49 * 4 - 31)
}
