/// A blend of the item-kNN model and the embedding model. Per user, kNN scores are divided by
/// their maximum and embedding scores are standardised (z-scores over the catalogue); the blend
/// is `knn + embeddingWeight × z`. The weight is chosen on a validation split (see `Trainer`);
/// 0 means kNN alone.
public struct BlendedModel: ItemScorer {
  /// The neighbourhood part.
  public let neighbourhood: ItemNeighbourhood
  /// The embedding part, when trained.
  public let embedding: FittedEmbeddingModel?
  /// Weight of the standardised embedding scores.
  public let embeddingWeight: Float

  /// Combines two fitted models.
  public init(
    neighbourhood: ItemNeighbourhood, embedding: FittedEmbeddingModel?, embeddingWeight: Float
  ) {
    self.neighbourhood = neighbourhood
    self.embedding = embedding
    self.embeddingWeight = embeddingWeight
  }

  /// Number of items.
  public var itemCount: Int { neighbourhood.itemCount }

  /// Blended scores (see the type's documentation).
  public func score(
    user: Int32?, history: UserHistory, into scores: UnsafeMutableBufferPointer<Float>
  ) {
    neighbourhood.score(user: user, history: history, into: scores)
    let n = itemCount
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
