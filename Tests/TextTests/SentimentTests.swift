import Foundation
import Reporting
import Testing
import _TestSupport
@testable import Sentiment

@Suite struct SentimentTests {
  @Test func polarityFromNames() {
    #expect(Polarity.map(["negative", "neutral", "positive"]) == [-1, 0, 1])
    #expect(Polarity.map(["0", "1"]) == [-1, 1])
    #expect(Polarity.map(["差评", "好评"]) == [-1, 1])
    #expect(Polarity.map(["bad-ish", "meh", "great"]) == [-1, 0, 1])
  }

  /// Wilson interval for 8 of 10: statsmodels `proportion_confint(8, 10, method="wilson")`
  /// gives (0.4901624, 0.9433178).
  @Test func wilsonIntervalMatchesReference() {
    let (lo, hi) = SentimentTrends.wilson(8, 10)
    #expect(abs(lo - 0.4901624) < 1e-6)
    #expect(abs(hi - 0.9433178) < 1e-6)
  }

  @Test func groupThatGotWorseIsNamed() {
    var polarity: [Int] = []
    var groups: [String] = []
    var times: [String] = []
    for day in 1...4 {
      for i in 0..<40 {
        groups.append("A")
        times.append("2015-02-0\(day)")
        // Group A: 10% negative on days 1-2, 60% on days 3-4.
        polarity.append(day <= 2 ? (i < 4 ? -1 : 1) : (i < 24 ? -1 : 1))
        groups.append("B")
        times.append("2015-02-0\(day)")
        polarity.append(i < 8 ? -1 : 1)
      }
    }
    let t = SentimentTrends(polarity: polarity, groups: groups, times: times)
    #expect(t.periods == ["2015-02-01", "2015-02-02", "2015-02-03", "2015-02-04"])
    #expect(t.worse.map(\.group).first == "A")
    #expect(!t.worse.map(\.group).contains("B"))
    let a1 = t.cells.first { $0.group == "A" && $0.period == "2015-02-01" }
    #expect(a1?.count == 40 && a1?.negative == 4)
  }

  /// More than 45 distinct days become months; rows of groups beyond the shown ones and beyond
  /// the accumulator's group limit still count in `all`.
  @Test func accumulatorUsesMonthsAndCountsEveryRowInAll() {
    var acc = SentimentTrends.Accumulator(grouped: true, timed: true, groupLimit: 3)
    for day in 0..<60 {
      let date = Calendar(identifier: .gregorian).date(
        byAdding: .day, value: day, to: Date(timeIntervalSince1970: 1_700_000_000)) ?? Date()
      let iso = ISO8601DateFormatter().string(from: date)
      for g in ["a", "b", "c", "d"] {
        acc.add(polarity: g == "a" ? -1 : 1, group: g, time: iso)
      }
    }
    let t = acc.trends(maxGroups: 2)
    #expect(t.periods.allSatisfy { $0.count == 7 })  // YYYY-MM
    #expect(t.groups == ["a", "b", "all"])
    let all = t.cells.filter { $0.group == "all" }
    #expect(all.map(\.count).reduce(0, +) == 240)
    #expect(all.map(\.negative).reduce(0, +) == 60)
    #expect(acc.rows == 240)
  }

  /// `predict` with a report: predicted sentiment by group and period, XSD-valid XML.
  @Test func predictionReportIsSchemaValid() throws {
    let dir = try TestSupport.temporaryDirectory()
    let reviews = TestSupport.repositoryRoot
      .appendingPathComponent("Tests/Fixtures/text/reviews_small.csv").path
    let model = dir.appendingPathComponent("s.traction").path
    _ = try SentimentAnalysis.train(
      .init(dataPath: reviews, textColumn: "review", labelColumn: "label", modelPath: model))
    let out = dir.appendingPathComponent("out.csv").path
    let report = dir.appendingPathComponent("r")
    let result = try SentimentAnalysis.predict(
      .init(
        modelPath: model, dataPath: reviews, outPath: out, groupColumn: "shop",
        timeColumn: "day", reportDirectory: report.path))
    #expect(result.rows == 120)
    #expect(result.message?.contains("120 rows predicted") == true)
    let xml = try String(contentsOf: report.appendingPathComponent("report.xml"), encoding: .utf8)
    try XSDValidator.validate(
      xml: xml, schemaAt: TestSupport.repositoryRoot.appendingPathComponent("schemas/report.xsd"))
    #expect(xml.contains("shopA") && xml.contains("2024-01-01"))
  }
}
