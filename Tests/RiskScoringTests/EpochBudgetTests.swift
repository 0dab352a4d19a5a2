import Testing

@testable import RiskScoring

/// Large files get an epoch cap from the row-visit budget; the benchmark-sized files and any
/// explicit `--epochs` / `--patience` (budget `nil`) keep the configured values.
@Test func epochCapScalesDownWithFileSizeOnlyForLargeFiles() {
  let defaults = RiskModelConfiguration()
  #expect(defaults.largeDataRowVisits == 4_000_000)

  for rows in [800, 24_000, RiskModelConfiguration.largeDataRows] {
    let r = defaults.resolvingEpochBudget(rows: rows)
    #expect(r.epochs == 200 && r.patience == 15, "rows \(rows)")
    #expect(r.largeDataRowVisits == nil)
  }
  let twoHundredK = defaults.resolvingEpochBudget(rows: 200_000)
  #expect(twoHundredK.epochs == 20 && twoHundredK.patience == 5)
  let million = defaults.resolvingEpochBudget(rows: 1_000_000)
  #expect(million.epochs == RiskModelConfiguration.largeDataMinimumEpochs)
  #expect(million.patience == 2)
  #expect(million.largeDataRowVisits == nil)

  var explicit = defaults
  explicit.largeDataRowVisits = nil
  explicit.epochs = 50
  let kept = explicit.resolvingEpochBudget(rows: 1_000_000)
  #expect(kept.epochs == 50 && kept.patience == 15)

  var fewer = defaults
  fewer.epochs = 5
  #expect(fewer.resolvingEpochBudget(rows: 1_000_000).epochs == 5)
}
