import Foundation
import Testing

@testable import Recommendation

// Three users: u1 {A, B}, u2 {A, B, C}, u3 {B, C}. Item columns A = {u1, u2},
// B = {u1, u2, u3}, C = {u2, u3}, so by hand:
//   cos(A, B) = 2 / sqrt(2 * 3) = 0.816497, cos(A, C) = 1 / sqrt(2 * 2) = 0.5,
//   cos(B, C) = 2 / sqrt(3 * 2) = 0.816497.
func tinyLog() -> InteractionLog {
  InteractionLog([
    Interaction(user: "u1", item: "A"), Interaction(user: "u1", item: "B"),
    Interaction(user: "u2", item: "A"), Interaction(user: "u2", item: "B"),
    Interaction(user: "u2", item: "C"), Interaction(user: "u3", item: "B"),
    Interaction(user: "u3", item: "C"),
  ])
}

func scores(_ model: some ItemScorer, user: Int32? = nil, history: [Int32]) -> [Float] {
  var out = [Float](repeating: -1, count: model.itemCount)
  out.withUnsafeMutableBufferPointer {
    model.score(user: user, history: UserHistory(items: history), into: $0)
  }
  return out
}

@Test func cosineNeighboursMatchHandComputation() {
  let model = ItemKNN(neighbours: 2, recencyDecay: 0).fit(UserItemMatrix(tinyLog()))
  let a = model.similar(to: 0, k: 5)
  #expect(a.map(\.item) == [1, 2])
  #expect(abs(a[0].similarity - 0.816497) < 1e-5)
  #expect(abs(a[1].similarity - 0.5) < 1e-6)
  // B's two neighbours tie at 0.816497; the lower index (A) comes first.
  #expect(model.similar(to: 1, k: 5).map(\.item) == [0, 2])
}

@Test func targetAndSourceNeighbourhoodsDiffer() {
  let matrix = UserItemMatrix(tinyLog())
  // One neighbour each: N(A) = {B}, N(B) = {A} (tie with C, lower index), N(C) = {B}.
  let target = ItemKNN(neighbours: 1, recencyDecay: 0, direction: .target).fit(matrix)
  let source = ItemKNN(neighbours: 1, recencyDecay: 0, direction: .source).fit(matrix)
  // History {A}. Target: B is scored from N(B) = {A}; C from N(C) = {B}, not in the history.
  let t = scores(target, history: [0])
  #expect(abs(t[1] - 0.816497) < 1e-5 && t[2] == 0)
  // Source: A adds to its own neighbour B only.
  let s = scores(source, history: [0])
  #expect(abs(s[1] - 0.816497) < 1e-5 && s[2] == 0)
  // History {C}. Target: C is not in N(B) = {A}, so B gets 0. Source: C adds to B.
  #expect(scores(target, history: [2])[1] == 0)
  #expect(abs(scores(source, history: [2])[1] - 0.816497) < 1e-5)
  // Two neighbours, target: C is scored from N(C) = {B, A}, so history {A} gives cos(A, C).
  let wide = ItemKNN(neighbours: 2, recencyDecay: 0, direction: .target).fit(matrix)
  #expect(abs(scores(wide, history: [0])[2] - 0.5) < 1e-6)
}

@Test func recencyWeightsFavourTheLatestItem() {
  let w = RecencyWeighting.weights(count: 4, decay: 2)
  #expect(w[3] == 1)
  #expect(abs(w[0] - expf(-2 * 3 / 4)) < 1e-6)
  #expect(RecencyWeighting.weights(count: 3, decay: 0) == [1, 1, 1])
}

@Test func rankingExcludesSeenAndBreaksTiesByPopularity() {
  let log = tinyLog()
  let matrix = UserItemMatrix(log)
  let popularity = PopularityModel(fittedTo: matrix)
  #expect(popularity.ranking == [1, 0, 2])
  var scratch: [Float] = []
  let knn = ItemKNN(neighbours: 2, recencyDecay: 0).fit(matrix)
  let top = Ranking.top(
    knn, user: 0, history: matrix.history(of: 0), k: 3, tieRank: popularity.rankOfItem,
    scores: &scratch)
  #expect(top.map(\.item) == [2])
  let all = Ranking.top(
    knn, user: 0, history: matrix.history(of: 0), k: 3, includeSeen: true,
    excluded: [false, true, false], tieRank: popularity.rankOfItem, scores: &scratch)
  // C = cos(B, C) + cos(A, C) = 1.3165 beats A = cos(B, A) = 0.8165; B is excluded.
  #expect(all.map(\.item) == [2, 0])
  // A cold user with no history gets the popular items (all scores tie at 0).
  let cold = Ranking.top(
    knn, user: nil, history: .empty, k: 2, tieRank: popularity.rankOfItem, scores: &scratch)
  #expect(cold.map(\.item) == [1, 0])
}

@Test func evaluationProtocolOnTinyLog() {
  let train = tinyLog()
  let test = InteractionLog([
    Interaction(user: "u1", item: "C"), Interaction(user: "u3", item: "A"),
    Interaction(user: "u3", item: "Z"),
  ])
  let matrix = UserItemMatrix(train)
  let popularity = PopularityModel(fittedTo: matrix)
  let outcome = RankingEvaluation.evaluate(
    popularity, train: train, matrix: matrix, test: test, k: 1, popularity: popularity)
  // u1 gets C (its only unseen item): hit. u3 gets A: hit, recall 1/2 as Z is unknown.
  #expect(outcome.userIDs == ["u1", "u3"])
  #expect(outcome.summary.precision == 1)
  #expect(outcome.summary.recall == 0.75)
  // Catalogue = A, B, C plus the test-only Z; recommended {C, A}.
  #expect(outcome.summary.coverage == 0.5)
}
