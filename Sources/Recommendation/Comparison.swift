import Evaluation
import Foundation

/// One model's results in a comparison run.
public struct ComparisonRow: Sendable, Codable {
  /// Model name.
  public var model: String
  /// Metrics at k on the test log.
  public var summary: RankingSummary
  /// Seconds to fit on the training log (reading the CSV excluded).
  public var fitSeconds: Double
  /// Test users ranked per second.
  public var usersPerSecond: Double
  /// Processor seconds (all threads) spent fitting, a load-independent cost measure.
  public var fitCPUSeconds: Double = 0
  /// Processor seconds (all threads) spent ranking the test users.
  public var rankCPUSeconds: Double = 0
}

/// Processor time of this process (user + system, all threads), in seconds.
public func processCPUSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
  let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
  return user + system
}

/// Fits the baselines and the default models on one training log and evaluates them on one
/// test log (the benchmark protocol), so quality and speed come from a single invocation.
public enum Comparison {
  /// Runs popularity, item-kNN, the embedding model and fixed blends (no validation-based
  /// selection) on `train` and evaluates each on `test`: a diagnostic for tuning defaults.
  public static func run(train: InteractionLog, test: InteractionLog, k: Int = 10)
    -> [ComparisonRow]
  {
    var rows: [ComparisonRow] = []
    var start = Date()
    let matrix = UserItemMatrix(train)
    let popularity = PopularityModel(fittedTo: matrix)
    let matrixSeconds = Date().timeIntervalSince(start)
    let pop = RankingEvaluation.evaluate(
      popularity, train: train, matrix: matrix, test: test, k: k, popularity: popularity)
    rows.append(
      ComparisonRow(
        model: "popularity", summary: pop.summary, fitSeconds: matrixSeconds,
        usersPerSecond: pop.usersPerSecond))
    let knnConfig = ItemKNN()
    start = Date()
    var cpu0 = processCPUSeconds()
    let knn = knnConfig.fit(matrix)
    let knnCPU = processCPUSeconds() - cpu0
    let knnSeconds = Date().timeIntervalSince(start) + matrixSeconds
    func add(_ name: String, _ model: some ItemScorer, _ fit: Double, cpu: Double = 0) {
      let cpuStart = processCPUSeconds()
      let outcome = RankingEvaluation.evaluate(
        model, train: train, matrix: matrix, test: test, k: k, popularity: popularity)
      rows.append(
        ComparisonRow(
          model: name, summary: outcome.summary, fitSeconds: fit,
          usersPerSecond: outcome.usersPerSecond, fitCPUSeconds: cpu,
          rankCPUSeconds: processCPUSeconds() - cpuStart))
    }
    add("item-knn", knn, knnSeconds, cpu: knnCPU)
    start = Date()
    cpu0 = processCPUSeconds()
    let embedding = try? EmbeddingModel().fit(matrix)
    let embeddingSeconds = Date().timeIntervalSince(start) + matrixSeconds
    let embeddingCPU = processCPUSeconds() - cpu0
    if let embedding {
      add("embedding", embedding, embeddingSeconds, cpu: embeddingCPU)
      for w: Float in [0.1, 0.2] {
        for penalty: Float in [0, 0.2] {
          add(
            "blend \(w), popularity penalty \(penalty)",
            BlendedModel(
              neighbourhood: knn, embedding: embedding, embeddingWeight: w,
              popularityPenalty: penalty, popularity: popularity.counts),
            knnSeconds + embeddingSeconds)
        }
      }
      add(
        "item-knn, popularity penalty 0.2",
        BlendedModel(
          neighbourhood: knn, embedding: nil, embeddingWeight: 0, popularityPenalty: 0.2,
          popularity: popularity.counts), knnSeconds)
    }
    return rows
  }
}
