import Foundation

/// A blend of the item-kNN model and the embedding model. Per user, kNN scores are divided by
/// `(1 + users of the item)^popularityPenalty` (a popularity-aware re-weighting that lets
/// long-tail items compete; Abdollahpouri et al., "Managing popularity bias in recommender
/// systems with personalized re-ranking", FLAIRS 2019, discuss the trade-off) and then by their
/// maximum; embedding scores are standardised (z-scores over the catalogue); the blend is
/// `knn + embeddingWeight × z`. Both weights are chosen on a validation split (see
/// `Recommender.train`); 0 and 0 mean plain item-kNN.
public struct BlendedModel: ItemScorer {
  /// The neighbourhood part.
  public let neighbourhood: ItemNeighbourhood
  /// The embedding part, when trained.
  public let embedding: FittedEmbeddingModel?
  /// Weight of the standardised embedding scores.
  public let embeddingWeight: Float
  /// Exponent of the popularity divisor applied to kNN scores (0 = none).
  public let popularityPenalty: Float
  private let divisor: [Float]

  /// Combines two fitted models.
  /// - Parameter popularity: users per item, needed when `popularityPenalty` is not 0.
  public init(
    neighbourhood: ItemNeighbourhood, embedding: FittedEmbeddingModel?, embeddingWeight: Float,
    popularityPenalty: Float = 0, popularity: [Int] = []
  ) {
    self.neighbourhood = neighbourhood
    self.embedding = embedding
    self.embeddingWeight = embeddingWeight
    self.popularityPenalty = popularityPenalty
    if popularityPenalty != 0 && popularity.count == neighbourhood.itemCount {
      divisor = popularity.map { powf(Float($0) + 1, -popularityPenalty) }
    } else {
      divisor = []
    }
  }

  /// Number of items.
  public var itemCount: Int { neighbourhood.itemCount }

  /// Blended scores (see the type's documentation).
  public func score(
    user: Int32?, history: UserHistory, into scores: UnsafeMutableBufferPointer<Float>
  ) {
    neighbourhood.score(user: user, history: history, into: scores)
    let n = itemCount
    if divisor.count == n { for j in 0..<n { scores[j] *= divisor[j] } }
    var top: Float = 0
    for j in 0..<n where scores[j] > top { top = scores[j] }
    if top > 0 { for j in 0..<n { scores[j] /= top } }
    guard let embedding, embeddingWeight != 0, embedding.itemCount == n else { return }
    var extra = [Float](repeating: 0, count: n)
    extra.withUnsafeMutableBufferPointer { embedding.score(user: user, history: history, into: $0) }
    var mean: Float = 0
    for v in extra { mean += v }
    mean /= Float(max(1, n))
    var variance: Float = 0
    for v in extra { variance += (v - mean) * (v - mean) }
    let std = (variance / Float(max(1, n))).squareRoot()
    let scale = std > 0 ? embeddingWeight / std : 0
    for j in 0..<n { scores[j] += (extra[j] - mean) * scale }
  }
}
