import Testing

@testable import Evaluation

// Reference values from this Python snippet (binary gains, IDCG over min(|relevant|, k),
// AP normalised by min(|relevant|, k)), the definitions behind PEERS.md section 3:
//
//   def m(rec, rel, k):
//       h = [1 if x in rel else 0 for x in rec[:k]]
//       p = sum(h) / k; r = sum(h) / len(rel)
//       dcg = sum(v / math.log2(i + 2) for i, v in enumerate(h))
//       idcg = sum(1 / math.log2(i + 2) for i in range(min(k, len(rel))))
//       c = ap = 0
//       for i, v in enumerate(h):
//           if v: c += 1; ap += c / (i + 1)
//       return p, r, dcg / idcg, ap / min(k, len(rel)), float(sum(h) > 0)

struct RankingCase: Sendable, CustomStringConvertible {
  let recommended: [Int]
  let relevant: Set<Int>
  let k: Int
  let expected: (p: Double, r: Double, ndcg: Double, ap: Double, hit: Double)
  var description: String { "\(recommended)@\(k)" }
}

let rankingCases: [RankingCase] = [
  RankingCase(
    recommended: [4, 1, 9], relevant: [1, 7], k: 3,
    expected: (0.3333333333333333, 0.5, 0.38685280723454163, 0.25, 1)),
  RankingCase(
    recommended: [3, 8, 2, 5, 7, 1], relevant: [2, 5, 6, 1], k: 5,
    expected: (0.4, 0.5, 0.36331756126716835, 0.20833333333333331, 1)),
  // A list shorter than k counts as padded with misses.
  RankingCase(
    recommended: [10, 11], relevant: [10, 12, 13], k: 5,
    expected: (0.2, 0.3333333333333333, 0.46927872602275644, 0.3333333333333333, 1)),
  RankingCase(recommended: [1, 2, 3], relevant: [9], k: 3, expected: (0, 0, 0, 0, 0)),
]

@Test(arguments: rankingCases)
func rankingMetricsMatchReference(_ c: RankingCase) {
  let tolerance = 1e-12
  #expect(
    abs(
      RankingMetrics.precision(at: c.k, recommended: c.recommended, relevant: c.relevant)
        - c.expected.p) < tolerance)
  #expect(
    abs(
      RankingMetrics.recall(at: c.k, recommended: c.recommended, relevant: c.relevant)
        - c.expected.r) < tolerance)
  #expect(
    abs(
      RankingMetrics.ndcg(at: c.k, recommended: c.recommended, relevant: c.relevant)
        - c.expected.ndcg) < tolerance)
  #expect(
    abs(
      RankingMetrics.averagePrecision(at: c.k, recommended: c.recommended, relevant: c.relevant)
        - c.expected.ap) < tolerance)
  #expect(
    RankingMetrics.hitRate(at: c.k, recommended: c.recommended, relevant: c.relevant)
      == c.expected.hit)
}

@Test func perfectRankingScoresOne() {
  let list = [5, 6, 7]
  #expect(RankingMetrics.ndcg(at: 3, recommended: list, relevant: [5, 6, 7]) == 1)
  #expect(RankingMetrics.averagePrecision(at: 3, recommended: list, relevant: [5, 6, 7]) == 1)
  // More relevant items than k: ideal DCG is capped at k, so a full top-k still scores 1.
  #expect(RankingMetrics.ndcg(at: 2, recommended: list, relevant: [5, 6, 7, 8]) == 1)
}

@Test func emptyRelevantSetScoresZero() {
  #expect(RankingMetrics.recall(at: 3, recommended: [1], relevant: Set<Int>()) == 0)
  #expect(RankingMetrics.ndcg(at: 3, recommended: [1], relevant: Set<Int>()) == 0)
}

@Test func coverageAndPopularityBias() {
  let lists = [[1, 2, 3], [1, 2, 4], [2, 5, 6]]
  // Distinct in the top 2: {1, 2, 5} of a catalogue of 10.
  #expect(RankingMetrics.catalogueCoverage(at: 2, recommendations: lists, catalogueSize: 10) == 0.3)
  // 6 slots in the top 2, of which items 1 and 2 fill 5.
  #expect(
    abs(
      RankingMetrics.popularityBias(at: 2, recommendations: lists, popularItems: [1, 2]) - 5.0 / 6.0
    ) < 1e-12)
}

@Test func summaryAveragesOverUsersWithHeldOutItems() throws {
  let s = try RankingMetrics.summary(
    at: 3, recommendations: [[4, 1, 9], [1, 2, 3], [7, 7, 7]],
    relevant: [[1, 7], [9], []], catalogueSize: 10, popularItems: [1])
  #expect(s.users == 2)
  #expect(abs(s.ndcg - 0.38685280723454163 / 2) < 1e-12)
  #expect(abs(s.precision - 1.0 / 6.0) < 1e-12)
  #expect(s.hitRate == 0.5)
  // Coverage counts only the two scored users: {4, 1, 9, 2, 3}.
  #expect(s.coverage == 0.5)
  #expect(abs(s.popularityBias - 2.0 / 6.0) < 1e-12)
  #expect(throws: EvaluationError.self) {
    try RankingMetrics.summary(at: 3, recommendations: [[1]], relevant: [], catalogueSize: 1)
  }
}
