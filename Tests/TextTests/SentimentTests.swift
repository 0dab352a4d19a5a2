import Testing
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
}
