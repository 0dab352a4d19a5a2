/// Everything `recommend train` can be told; the defaults were measured on a time-ordered
/// validation split of MovieLens-100k so that `--data --user --item` is enough.
public struct RecommenderConfiguration: Sendable, Codable, Equatable {
  /// Item-kNN hyper-parameters.
  public var neighbourhood: ItemKNN
  /// Embedding-model hyper-parameters.
  public var embedding: EmbeddingModel
  /// Candidate blend weights of the embedding model, chosen by NDCG@k on the validation split
  /// (0 = item-kNN alone).
  public var blendWeights: [Float]
  /// Candidate popularity penalties (exponents) for kNN scores, chosen on validation.
  public var popularityPenalties: [Float]
  /// Accuracy-coverage trade-off: among candidates whose validation NDCG is within this
  /// relative distance of the best, the one with the widest catalogue coverage is chosen.
  public var coverageTolerance: Double
  /// Share of each user's latest interactions held out for validation.
  public var validationFraction: Double
  /// Cut-off used for validation metrics.
  public var k: Int
  /// Epochs of warm-started training on new interactions in `recommend update`.
  public var updateEpochs: Int

  /// Stores the configuration.
  public init(
    neighbourhood: ItemKNN = ItemKNN(), embedding: EmbeddingModel = EmbeddingModel(),
    blendWeights: [Float] = [0, 0.1, 0.2], popularityPenalties: [Float] = [0, 0.1, 0.2],
    coverageTolerance: Double = 0.1, validationFraction: Double = 0.2, k: Int = 10,
    updateEpochs: Int = 3
  ) {
    self.popularityPenalties = popularityPenalties
    self.coverageTolerance = coverageTolerance
    self.neighbourhood = neighbourhood
    self.embedding = embedding
    self.blendWeights = blendWeights
    self.validationFraction = validationFraction
    self.k = k
    self.updateEpochs = updateEpochs
  }
}

/// What training measured: validation results per model, the chosen blend, curves and times.
public struct TrainingSummary: Sendable, Codable, Equatable {
  /// Validation metrics of each candidate ("popularity", "item-kNN", "embedding", "blend w").
  public var validation: [ModelScore]
  /// The embedding blend weight chosen on validation.
  public var chosenBlendWeight: Float
  /// The popularity penalty chosen on validation.
  public var chosenPopularityPenalty: Float = 0
  /// Name of the chosen candidate in `validation`.
  public var chosenCandidate: String = "item-kNN"
  /// Mean BPR loss per epoch of the embedding model during the validation fit.
  public var lossCurve: [Double]
  /// Seconds to fit the final model on all interactions; like `totalSeconds`, known only in the
  /// run that trained (not stored in the model file, so the same seed gives the same bytes).
  public var fitSeconds: Double = .nan
  /// Seconds for the whole `train` (validation fits, selection and final fit).
  public var totalSeconds: Double = .nan
  /// Interactions (distinct user-item pairs) held out for validation.
  public var validationInteractions: Int
  /// Why validation was skipped, when it was.
  public var note: String?

  /// Every stored field; the wall-clock times are left out (they would make files differ).
  enum CodingKeys: String, CodingKey {
    case validation, chosenBlendWeight, chosenPopularityPenalty, chosenCandidate, lossCurve
    case validationInteractions, note
  }

  /// The validation score of one candidate.
  public struct ModelScore: Sendable, Codable, Equatable {
    /// Candidate name.
    public var model: String
    /// Its metrics on the validation split.
    public var summary: RankingSummaryCodable
  }
}

/// `Evaluation.RankingSummary` fields stored in model files (a local copy so that the model
/// format does not change when the Evaluation module evolves).
public struct RankingSummaryCodable: Sendable, Codable, Equatable {
  /// Cut-off.
  public var k: Int
  /// Users averaged over.
  public var users: Int
  /// Mean precision@k.
  public var precision: Double
  /// Mean recall@k.
  public var recall: Double
  /// Mean NDCG@k.
  public var ndcg: Double
  /// Mean average precision@k.
  public var meanAveragePrecision: Double
  /// Hit rate@k.
  public var hitRate: Double
  /// Catalogue coverage@k.
  public var coverage: Double
  /// Share of slots from the top 10% most popular items.
  public var popularityBias: Double
}
