import Foundation

/// Top-k ranking metrics for recommender systems, with binary relevance.
///
/// Definitions follow the common offline protocol (for example RecBole, Microsoft Recommenders
/// and `implicit.evaluation`) and match the peer benchmark numbers in `PEERS.md`:
/// - precision@k = hits in the top k / k
/// - recall@k = hits in the top k / |relevant|
/// - NDCG@k = DCG@k / IDCG@k with gain 1 / log2(rank + 1) and IDCG over min(|relevant|, k) hits
/// - AP@k = (sum over hit ranks r of precision@r) / min(|relevant|, k); MAP@k is its mean
/// - hit rate@k = 1 when at least one relevant item is in the top k
///
/// Lists shorter than k are scored as if padded with non-relevant items. Users with no relevant
/// items score 0 on every metric; callers normally leave such users out.
///
/// ```swift
/// RankingMetrics.ndcg(at: 3, recommended: [4, 1, 9], relevant: [1, 7])  // 0.3869
/// ```
public enum RankingMetrics {
  /// Precision at k: the share of the first k recommendations that are relevant.
  /// - Parameters:
  ///   - k: cut-off, at least 1.
  ///   - recommended: ranked recommendations, best first.
  ///   - relevant: the items the user actually interacted with.
  /// - Returns: a value in [0, 1].
  public static func precision<T: Hashable>(at k: Int, recommended: [T], relevant: Set<T>)
    -> Double
  {
    precondition(k > 0, "k must be positive")
    return Double(hits(at: k, recommended: recommended, relevant: relevant)) / Double(k)
  }

  /// Recall at k: the share of the relevant items found in the first k recommendations.
  /// - Returns: a value in [0, 1]; 0 when `relevant` is empty.
  public static func recall<T: Hashable>(at k: Int, recommended: [T], relevant: Set<T>) -> Double {
    precondition(k > 0, "k must be positive")
    guard !relevant.isEmpty else { return 0 }
    return Double(hits(at: k, recommended: recommended, relevant: relevant))
      / Double(relevant.count)
  }

  /// Normalised discounted cumulative gain at k with binary gains
  /// (Järvelin and Kekäläinen, 2002).
  /// - Returns: a value in [0, 1]; 0 when `relevant` is empty.
  public static func ndcg<T: Hashable>(at k: Int, recommended: [T], relevant: Set<T>) -> Double {
    precondition(k > 0, "k must be positive")
    guard !relevant.isEmpty else { return 0 }
    var dcg = 0.0
    for (rank, item) in recommended.prefix(k).enumerated() where relevant.contains(item) {
      dcg += 1 / log2(Double(rank) + 2)
    }
    var ideal = 0.0
    for rank in 0..<min(k, relevant.count) { ideal += 1 / log2(Double(rank) + 2) }
    return dcg / ideal
  }

  /// Average precision at k, normalised by min(|relevant|, k).
  /// - Returns: a value in [0, 1]; 0 when `relevant` is empty.
  public static func averagePrecision<T: Hashable>(
    at k: Int, recommended: [T], relevant: Set<T>
  ) -> Double {
    precondition(k > 0, "k must be positive")
    guard !relevant.isEmpty else { return 0 }
    var found = 0
    var sum = 0.0
    for (rank, item) in recommended.prefix(k).enumerated() where relevant.contains(item) {
      found += 1
      sum += Double(found) / Double(rank + 1)
    }
    return sum / Double(min(k, relevant.count))
  }

  /// Hit rate at k for one user: 1 when any of the first k recommendations is relevant, else 0.
  public static func hitRate<T: Hashable>(at k: Int, recommended: [T], relevant: Set<T>)
    -> Double
  {
    precondition(k > 0, "k must be positive")
    return hits(at: k, recommended: recommended, relevant: relevant) > 0 ? 1 : 0
  }

  /// Catalogue coverage: distinct items among all users' first k recommendations divided by
  /// the catalogue size.
  /// - Parameters:
  ///   - recommendations: one ranked list per user.
  ///   - catalogueSize: number of items that could have been recommended, at least 1.
  public static func catalogueCoverage<T: Hashable>(
    at k: Int, recommendations: [[T]], catalogueSize: Int
  ) -> Double {
    precondition(k > 0 && catalogueSize > 0, "k and catalogueSize must be positive")
    var distinct = Set<T>()
    for list in recommendations { distinct.formUnion(list.prefix(k)) }
    return Double(distinct.count) / Double(catalogueSize)
  }

  /// Popularity bias: the share of all recommendation slots (first k per user) taken by
  /// `popularItems`, usually the most popular 10% of the catalogue. Popularity ranking alone
  /// scores close to 1; a model that also surfaces the long tail scores lower.
  /// - Returns: a value in [0, 1]; 0 when there are no recommendations.
  public static func popularityBias<T: Hashable>(
    at k: Int, recommendations: [[T]], popularItems: Set<T>
  ) -> Double {
    precondition(k > 0, "k must be positive")
    var slots = 0
    var popular = 0
    for list in recommendations {
      for item in list.prefix(k) {
        slots += 1
        if popularItems.contains(item) { popular += 1 }
      }
    }
    return slots == 0 ? 0 : Double(popular) / Double(slots)
  }

  /// Number of relevant items among the first k recommendations.
  public static func hits<T: Hashable>(at k: Int, recommended: [T], relevant: Set<T>) -> Int {
    var count = 0
    for item in recommended.prefix(k) where relevant.contains(item) { count += 1 }
    return count
  }

  /// Every metric at k averaged over users: lists and relevant sets are paired by position.
  /// Users whose relevant set is empty are skipped (they have nothing to find).
  /// - Parameters:
  ///   - recommendations: one ranked list per user.
  ///   - relevant: the held-out items of the same users.
  ///   - catalogueSize: items that could be recommended (denominator of coverage).
  ///   - popularItems: the head of the catalogue for `popularityBias`.
  /// - Throws: `EvaluationError.lengthMismatch` when the two arrays differ in length.
  public static func summary<T: Hashable>(
    at k: Int, recommendations: [[T]], relevant: [Set<T>], catalogueSize: Int,
    popularItems: Set<T> = []
  ) throws -> RankingSummary {
    guard recommendations.count == relevant.count else {
      throw EvaluationError.lengthMismatch(
        expected: recommendations.count, actual: relevant.count)
    }
    var result = RankingSummary(k: k)
    var scored: [[T]] = []
    for (list, truth) in zip(recommendations, relevant) where !truth.isEmpty {
      result.precision += precision(at: k, recommended: list, relevant: truth)
      result.recall += recall(at: k, recommended: list, relevant: truth)
      result.ndcg += ndcg(at: k, recommended: list, relevant: truth)
      result.meanAveragePrecision += averagePrecision(at: k, recommended: list, relevant: truth)
      result.hitRate += hitRate(at: k, recommended: list, relevant: truth)
      scored.append(list)
    }
    result.users = scored.count
    if result.users > 0 {
      let n = Double(result.users)
      result.precision /= n
      result.recall /= n
      result.ndcg /= n
      result.meanAveragePrecision /= n
      result.hitRate /= n
      result.coverage = catalogueCoverage(
        at: k, recommendations: scored, catalogueSize: max(1, catalogueSize))
      result.popularityBias = popularityBias(
        at: k, recommendations: scored, popularItems: popularItems)
    }
    return result
  }
}

/// Ranking metrics at one cut-off, averaged over the users that have held-out items.
public struct RankingSummary: Sendable, Equatable, Codable {
  /// The cut-off k.
  public var k: Int
  /// Number of users averaged over.
  public var users = 0
  /// Mean precision@k.
  public var precision = 0.0
  /// Mean recall@k.
  public var recall = 0.0
  /// Mean NDCG@k.
  public var ndcg = 0.0
  /// Mean average precision@k (MAP@k).
  public var meanAveragePrecision = 0.0
  /// Share of users with at least one hit in the top k.
  public var hitRate = 0.0
  /// Distinct recommended items / catalogue size.
  public var coverage = 0.0
  /// Share of recommendation slots taken by the most popular items.
  public var popularityBias = 0.0

  /// An all-zero summary at cut-off `k`.
  public init(k: Int) { self.k = k }
}
