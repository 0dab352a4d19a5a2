import Foundation

/// Credit scorecard scaling: points that rise with the odds of a good outcome.
///
/// `score = offset + factor * ln(odds)`, with `odds = (1 - p) / p` (good : bad),
/// `factor = pdo / ln 2` and `offset = baseScore - factor * ln(baseOdds)`, so that the score is
/// `baseScore` at `baseOdds` and every `pdo` points double the odds (Siddiqi, "Credit Risk
/// Scorecards", 2006, ch. 6). The default is 600 points at 50:1 with 20 points to double the odds.
public struct Scorecard: Codable, Sendable, Equatable {
  /// Score at `baseOdds`.
  public var baseScore: Double
  /// Good:bad odds at which the score equals `baseScore`.
  public var baseOdds: Double
  /// Points to double the odds.
  public var pointsToDoubleOdds: Double

  /// Creates a scaling; the defaults are PDO 20 and 600 points at odds 50:1.
  public init(baseScore: Double = 600, baseOdds: Double = 50, pointsToDoubleOdds: Double = 20) {
    self.baseScore = baseScore
    self.baseOdds = baseOdds
    self.pointsToDoubleOdds = pointsToDoubleOdds
  }

  /// Points per unit of log-odds.
  public var factor: Double { pointsToDoubleOdds / Foundation.log(2) }

  /// Points at odds 1:1.
  public var offset: Double { baseScore - factor * Foundation.log(baseOdds) }

  /// The score of a probability of the bad outcome (clamped away from 0 and 1).
  public func score(probability: Double) -> Double {
    let p = min(max(probability, 1e-9), 1 - 1e-9)
    return offset + factor * Foundation.log((1 - p) / p)
  }

  /// Points a reason costs: a rise of `logitIncrease` in the log-odds of the bad outcome lowers the
  /// score by `factor * logitIncrease`.
  public func pointsLost(logitIncrease: Double) -> Double { factor * logitIncrease }
}
