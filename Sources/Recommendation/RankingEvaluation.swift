import Evaluation
import Foundation

/// Top-k recommendation for one user from any scorer.
public enum Ranking {
  /// The `k` best items for a user with their scores, best first.
  /// - Parameters:
  ///   - scorer: a fitted model.
  ///   - user: the user's training index, or nil for an unknown user.
  ///   - history: the user's interactions (excluded from the result unless `includeSeen`).
  ///   - k: list length.
  ///   - includeSeen: keep items from the history.
  ///   - excluded: optional per-item flags for items that must never be shown.
  ///   - tieRank: per-item tie-break rank (popularity rank), lower wins.
  ///   - scores: scratch of `scorer.itemCount` floats, overwritten.
  public static func top(
    _ scorer: some ItemScorer, user: Int32?, history: UserHistory, k: Int,
    includeSeen: Bool = false, excluded: [Bool]? = nil, tieRank: [Int32],
    scores: inout [Float]
  ) -> [(item: Int32, score: Float)] {
    let n = scorer.itemCount
    if scores.count != n { scores = [Float](repeating: 0, count: n) }
    scores.withUnsafeMutableBufferPointer { buffer in
      scorer.score(user: user, history: history, into: buffer)
      if !includeSeen {
        for i in history.items where Int(i) < n { buffer[Int(i)] = -Float.infinity }
      }
      if let excluded {
        for i in 0..<min(n, excluded.count) where excluded[i] { buffer[i] = -Float.infinity }
      }
      for i in 0..<n where buffer[i].isNaN { buffer[i] = -Float.infinity }
    }
    let best = scores.withUnsafeBufferPointer { s in
      tieRank.withUnsafeBufferPointer { TopK.select(s, k: k, tieRank: $0) }
    }
    return best.map { ($0, scores[Int($0)]) }
  }
}

/// The offline protocol of `PEERS.md` section 3: for every user in the test log, rank every
/// item not seen in training, take the top k and compare with the user's test items.
public enum RankingEvaluation {
  /// Recommendations and metrics of one evaluation run.
  public struct Outcome: Sendable {
    /// Metrics averaged over test users.
    public var summary: RankingSummary
    /// Test user ids, in the order of `recommendations`.
    public var userIDs: [String]
    /// Top-k item indices (training item map) per test user.
    public var recommendations: [[Int32]]
    /// Wall-clock seconds spent scoring and ranking.
    public var seconds: Double
    /// Test users per second.
    public var usersPerSecond: Double { seconds > 0 ? Double(userIDs.count) / seconds : 0 }
  }

  /// Evaluates `scorer` fitted on `train` against `test`.
  /// - Parameters:
  ///   - scorer: the fitted model (item indices follow `train.items`).
  ///   - train: training log; its entries are excluded from each user's candidates.
  ///   - test: held-out log (its own id maps; ids are matched by string).
  ///   - k: cut-off.
  ///   - popularity: training popularity, for tie-breaks and the popularity-bias metric.
  /// - Returns: metrics where the catalogue is every item in train or test, and items only in
  ///   test count as relevant but can never be recommended.
  public static func evaluate(
    _ scorer: some ItemScorer, train: InteractionLog, matrix: UserItemMatrix,
    test: InteractionLog, k: Int = 10, popularity: PopularityModel
  ) -> Outcome {
    var relevantByUser: [Int: Set<Int32>] = [:]
    var extraItems: [String: Int32] = [:]
    for e in 0..<test.count {
      let itemID = test.items[test.itemIndices[e]]
      let item: Int32
      if let known = train.items.index(of: itemID) {
        item = known
      } else if let extra = extraItems[itemID] {
        item = extra
      } else {
        item = Int32(scorer.itemCount + extraItems.count)
        extraItems[itemID] = item
      }
      relevantByUser[Int(test.userIndices[e]), default: []].insert(item)
    }
    let testUsers = relevantByUser.keys.sorted()
    let userIDs = testUsers.map { test.users[Int32($0)] }
    let trainUsers: [Int32?] = userIDs.map { train.users.index(of: $0) }
    let tieRank = popularity.rankOfItem
    let results = SharedBuffer<[Int32]>(repeating: [], count: testUsers.count)
    let start = Date()
    WorkSplitter.forEachChunk(count: testUsers.count, minimumChunk: 32) { range in
      var scores: [Float] = []
      for t in range {
        let user = trainUsers[t]
        let history = user.map { matrix.history(of: Int($0)) } ?? .empty
        results[t] = Ranking.top(
          scorer, user: user, history: history, k: k, tieRank: tieRank, scores: &scores
        ).map(\.item)
      }
    }
    let seconds = Date().timeIntervalSince(start)
    let recommendations = results.array
    let headSize = max(1, Int((Double(scorer.itemCount) * 0.1).rounded(.up)))
    let popularItems = Set(popularity.ranking.prefix(headSize))
    let catalogue = scorer.itemCount + extraItems.count
    let relevant = testUsers.map { relevantByUser[$0] ?? [] }
    let summary =
      (try? RankingMetrics.summary(
        at: k, recommendations: recommendations, relevant: relevant,
        catalogueSize: catalogue, popularItems: popularItems)) ?? RankingSummary(k: k)
    return Outcome(
      summary: summary, userIDs: userIDs, recommendations: recommendations, seconds: seconds)
  }
}
