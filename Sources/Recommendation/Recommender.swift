import Evaluation
import Foundation
import NeuralCore

/// A trained recommender: the interactions it knows, item-kNN, the embedding model and their
/// blend, ready to serve `for`, `similar` and `evaluate`, and to be saved or updated.
///
/// ```swift
/// let (model, summary) = try Recommender.train(log, columns: columns)
/// let picks = model.recommend(forUser: "u42", k: 10)
/// ```
public struct Recommender: Sendable {
  /// Column names the model was trained with.
  public var columns: InteractionColumns
  /// Hyper-parameters.
  public var configuration: RecommenderConfiguration
  /// The aggregated training interactions (with the user and item id maps).
  public private(set) var log: InteractionLog
  /// Item-kNN part.
  public private(set) var neighbourhood: ItemNeighbourhood
  /// Embedding part (nil when the blend weight is 0).
  public private(set) var embedding: FittedEmbeddingModel?
  /// Blend weight of the embedding part.
  public private(set) var embeddingWeight: Float
  /// Popularity penalty of the kNN part.
  public private(set) var popularityPenalty: Float
  /// What training measured.
  public var summary: TrainingSummary
  /// Optional display names of items (from an item catalogue).
  public var itemNames: [String: String]
  /// Derived: per-user histories in time order.
  public let matrix: UserItemMatrix
  /// Derived: training popularity.
  public let popularity: PopularityModel
  let tieRank: [Int32]
  private let blended: BlendedModel

  /// Assembles a model from fitted parts.
  init(
    columns: InteractionColumns, configuration: RecommenderConfiguration, log: InteractionLog,
    neighbourhood: ItemNeighbourhood, embedding: FittedEmbeddingModel?, embeddingWeight: Float,
    popularityPenalty: Float = 0, summary: TrainingSummary, itemNames: [String: String] = [:]
  ) {
    self.popularityPenalty = popularityPenalty
    self.columns = columns
    self.configuration = configuration
    self.log = log
    self.neighbourhood = neighbourhood
    self.embedding = embedding
    self.embeddingWeight = embeddingWeight
    self.summary = summary
    self.itemNames = itemNames
    self.matrix = UserItemMatrix(log)
    self.popularity = PopularityModel(fittedTo: matrix)
    self.tieRank = popularity.rankOfItem
    self.blended = BlendedModel(
      neighbourhood: neighbourhood, embedding: embedding, embeddingWeight: embeddingWeight,
      popularityPenalty: popularityPenalty, popularity: popularity.counts)
  }

  /// The serving model (kNN blended with the embedding model).
  public var scorer: BlendedModel { blended }

  /// Where a recommendation list came from.
  public enum Source: String, Sendable, Codable {
    /// Personalised from the user's history.
    case personal
    /// The user is unknown (or has no usable history): most popular items.
    case popular
  }

  /// One recommended item.
  public struct Pick: Sendable, Equatable {
    /// Item id.
    public var item: String
    /// Model score (higher is better; comparable within one list only).
    public var score: Float
    /// Display name from the catalogue, when known.
    public var name: String?
  }

  /// Top-k items for a user.
  /// - Parameters:
  ///   - user: external user id; unknown users get the most popular items (`.popular`).
  ///   - k: list length.
  ///   - includeSeen: also show items the user already interacted with.
  ///   - excluded: item ids that must never be shown.
  /// - Returns: the list and where it came from.
  public func recommend(
    forUser user: String, k: Int, includeSeen: Bool = false, excluded: Set<String> = []
  ) -> (picks: [Pick], source: Source) {
    var scratch: [Float] = []
    let mask = exclusionMask(excluded)
    return recommend(
      forUser: user, k: k, includeSeen: includeSeen, excludedMask: mask, scores: &scratch)
  }

  /// Per-item flags for `excluded` ids (nil when empty); unknown ids are ignored.
  public func exclusionMask(_ excluded: Set<String>) -> [Bool]? {
    guard !excluded.isEmpty else { return nil }
    var mask = [Bool](repeating: false, count: log.items.count)
    for id in excluded { if let i = log.items.index(of: id) { mask[Int(i)] = true } }
    return mask
  }

  /// `recommend(forUser:)` with a reusable score buffer and a precomputed exclusion mask
  /// (batch serving).
  public func recommend(
    forUser user: String, k: Int, includeSeen: Bool, excludedMask: [Bool]?,
    scores: inout [Float]
  ) -> (picks: [Pick], source: Source) {
    let index = log.users.index(of: user)
    let history = index.map { matrix.history(of: Int($0)) } ?? .empty
    let source: Source = history.items.isEmpty ? .popular : .personal
    let top: [(item: Int32, score: Float)]
    if source == .popular {
      top = Ranking.top(
        popularity, user: nil, history: .empty, k: k, includeSeen: true,
        excluded: excludedMask, tieRank: tieRank, scores: &scores)
    } else {
      top = Ranking.top(
        scorer, user: index, history: history, k: k, includeSeen: includeSeen,
        excluded: excludedMask, tieRank: tieRank, scores: &scores)
    }
    let picks = top.map { pair -> Pick in
      let id = log.items[pair.item]
      return Pick(item: id, score: pair.score, name: itemNames[id])
    }
    return (picks, source)
  }

  /// Items most similar to `item` (cosine over the users who interacted with them).
  /// - Throws: `RecommendationError.unknownItem` when the id is not in the model.
  public func similar(toItem item: String, k: Int) throws -> [Pick] {
    guard let index = log.items.index(of: item) else {
      throw RecommendationError.unknownItem(id: item)
    }
    return neighbourhood.similar(to: index, k: k).map { pair in
      let id = log.items[pair.item]
      return Pick(item: id, score: pair.similarity, name: itemNames[id])
    }
  }

  /// Evaluates this model on held-out interactions with the benchmark protocol, next to the
  /// popularity baseline and item-kNN alone.
  /// - Returns: rows for "popularity", "item-kNN" and "Traction" (this model).
  public func evaluate(on test: InteractionLog, k: Int) -> [(
    name: String, outcome: RankingEvaluation.Outcome
  )] {
    let pop = RankingEvaluation.evaluate(
      popularity, train: log, matrix: matrix, test: test, k: k, popularity: popularity)
    let knn = RankingEvaluation.evaluate(
      neighbourhood, train: log, matrix: matrix, test: test, k: k, popularity: popularity)
    let model = RankingEvaluation.evaluate(
      scorer, train: log, matrix: matrix, test: test, k: k, popularity: popularity)
    return [("popularity", pop), ("item-kNN", knn), ("Traction", model)]
  }
}

extension RankingSummaryCodable {
  /// Copies an `Evaluation.RankingSummary`.
  public init(_ s: RankingSummary) {
    self.init(
      k: s.k, users: s.users, precision: s.precision, recall: s.recall, ndcg: s.ndcg,
      meanAveragePrecision: s.meanAveragePrecision, hitRate: s.hitRate, coverage: s.coverage,
      popularityBias: s.popularityBias)
  }
}
