import Evaluation
import Foundation
import NeuralCore

extension Recommender {
  /// Trains a recommender with measured defaults.
  ///
  /// 1. Holds out each user's latest `validationFraction` of interactions (file order when
  ///    there is no time column).
  /// 2. Fits popularity, item-kNN and the embedding model on the rest and scores each, and
  ///    each blend weight, on the held-out part; the blend weight with the best NDCG@k wins.
  /// 3. Refits the chosen blend on all interactions.
  ///
  /// - Parameters:
  ///   - log: the interactions.
  ///   - columns: the column names (stored in the model).
  ///   - configuration: hyper-parameters (defaults suit most logs).
  ///   - progress: receives one line per stage and epoch (for stderr).
  /// - Throws: `RecommendationError.notEnoughData` for an empty log, and training errors.
  public static func train(
    _ log: InteractionLog, columns: InteractionColumns,
    configuration: RecommenderConfiguration = RecommenderConfiguration(),
    progress: ((String) -> Void)? = nil
  ) throws -> Recommender {
    guard log.count > 0 else {
      throw RecommendationError.notEnoughData(path: "data", reason: "the log has no interactions")
    }
    let start = Date()
    let k = configuration.k
    var scores: [TrainingSummary.ModelScore] = []
    var lossCurve: [Double] = []
    var chosen: Float = configuration.blendWeights.first(where: { $0 > 0 }) ?? 0
    var chosenPenalty: Float = 0
    var chosenName = "blend \(chosen), popularity penalty 0.0"
    var note: String?
    let (fitLog, validationLog) = TimeSplit.split(
      log, testFraction: configuration.validationFraction)
    if validationLog.count > 0 && fitLog.items.count >= 2 {
      progress?("validation: \(fitLog.count) interactions to fit, \(validationLog.count) held out")
      let matrix = UserItemMatrix(fitLog)
      let popularity = PopularityModel(fittedTo: matrix)
      let knn = configuration.neighbourhood.fit(matrix)
      let embedding = try configuration.embedding.fit(matrix) { report in
        lossCurve.append(report.trainLoss)
        progress?(
          "embedding epoch \(report.epoch)/\(report.epochs): loss "
            + String(format: "%.4f", report.trainLoss))
      }
      func score(_ name: String, _ model: some ItemScorer) -> Double {
        let outcome = RankingEvaluation.evaluate(
          model, train: fitLog, matrix: matrix, test: validationLog, k: k,
          popularity: popularity)
        scores.append(.init(model: name, summary: RankingSummaryCodable(outcome.summary)))
        return outcome.summary.ndcg
      }
      _ = score("popularity", popularity)
      _ = score("embedding", embedding)
      var candidates:
        [(name: String, weight: Float, penalty: Float, ndcg: Double, coverage: Double)] = []
      for penalty in configuration.popularityPenalties {
        for weight in configuration.blendWeights {
          let name =
            weight == 0 && penalty == 0
            ? "item-kNN" : "blend \(weight), popularity penalty \(penalty)"
          let model = BlendedModel(
            neighbourhood: knn, embedding: embedding, embeddingWeight: weight,
            popularityPenalty: penalty, popularity: popularity.counts)
          let ndcg = score(name, model)
          candidates.append((name, weight, penalty, ndcg, scores.last?.summary.coverage ?? 0))
        }
      }
      let best = candidates.map(\.ndcg).max() ?? 0
      let eligible = candidates.filter { $0.ndcg >= best * (1 - configuration.coverageTolerance) }
      if let pick = eligible.max(by: { a, b in
        a.coverage != b.coverage ? a.coverage < b.coverage : a.ndcg < b.ndcg
      }) {
        chosen = pick.weight
        chosenPenalty = pick.penalty
        chosenName = pick.name
        progress?(
          "chosen: \(pick.name) (validation NDCG@\(k) " + String(format: "%.4f", pick.ndcg)
            + ", coverage " + String(format: "%.3f", pick.coverage) + "; best NDCG "
            + String(format: "%.4f", best) + ")")
      }
    } else {
      note = "too little data for a validation split; blend weight \(chosen) used unmeasured"
    }
    let fitStart = Date()
    let matrix = UserItemMatrix(log)
    let knn = configuration.neighbourhood.fit(matrix)
    let embedding = chosen != 0 ? try configuration.embedding.fit(matrix) : nil
    let fitSeconds = Date().timeIntervalSince(fitStart)
    var summary = TrainingSummary(
      validation: scores, chosenBlendWeight: chosen, lossCurve: lossCurve,
      fitSeconds: fitSeconds, totalSeconds: Date().timeIntervalSince(start),
      validationInteractions: validationLog.count, note: note)
    summary.chosenPopularityPenalty = chosenPenalty
    summary.chosenCandidate = chosenName
    return Recommender(
      columns: columns, configuration: configuration, log: log, neighbourhood: knn,
      embedding: embedding, embeddingWeight: chosen, popularityPenalty: chosenPenalty,
      summary: summary)
  }

  /// Folds new interactions (and new users and items) into the model without retraining from
  /// scratch: item-kNN is recomputed exactly from the merged log (one pass over co-occurrences)
  /// and the embedding model is warm-started from its current tables and trained for
  /// `configuration.updateEpochs` epochs on the new or changed pairs only.
  /// - Returns: the updated model and the number of new (user, item) pairs.
  public func updated(
    with newLog: InteractionLog, progress: ((String) -> Void)? = nil
  ) throws -> (model: Recommender, newPairs: Int) {
    var merged = InteractionLog(hasTime: log.hasTime, users: log.users, items: log.items)
    for k in 0..<log.count {
      merged.append(
        Interaction(
          user: log.users[log.userIndices[k]], item: log.items[log.itemIndices[k]],
          weight: log.weights[k], time: log.times[k]),
        forceTime: true)
    }
    let offset = log.hasTime ? 0 : (log.times.max() ?? 0) + 1
    var changed = Set<UInt64>()
    for var interaction in newLog.interactions {
      if !log.hasTime { interaction.time = (interaction.time ?? 0) + offset }
      merged.append(interaction, forceTime: true)
      if let u = merged.users.index(of: interaction.user),
        let i = merged.items.index(of: interaction.item)
      {
        changed.insert(UInt64(UInt32(bitPattern: u)) << 32 | UInt64(UInt32(bitPattern: i)))
      }
    }
    merged.finalize()
    let matrix = UserItemMatrix(merged)
    let knn = configuration.neighbourhood.fit(matrix)
    var embedding: FittedEmbeddingModel?
    if let old = self.embedding, changed.isEmpty {
      embedding = old
    } else if let old = self.embedding {
      var positions: [Int] = []
      for u in 0..<matrix.userCount {
        for p in matrix.rowStart[u]..<matrix.rowStart[u + 1] {
          let key = UInt64(UInt32(u)) << 32 | UInt64(UInt32(bitPattern: matrix.itemsByUser[p]))
          if changed.contains(key) { positions.append(p) }
        }
      }
      var config = configuration.embedding
      config.epochs = configuration.updateEpochs
      embedding = try config.fit(
        matrix, warmStart: old, trainOnly: positions
      ) { report in
        progress?(
          "update epoch \(report.epoch)/\(report.epochs): loss "
            + String(format: "%.4f", report.trainLoss))
      }
    }
    var model = Recommender(
      columns: columns, configuration: configuration, log: merged, neighbourhood: knn,
      embedding: embedding, embeddingWeight: embeddingWeight,
      popularityPenalty: popularityPenalty, summary: summary, itemNames: itemNames)
    model.summary.note = "updated with \(newLog.rowCount) rows (\(changed.count) pairs)"
    return (model, changed.count)
  }
}
