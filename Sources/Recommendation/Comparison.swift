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
}

/// Fits the baselines and the default models on one training log and evaluates them on one
/// test log (the benchmark protocol), so quality and speed come from a single invocation.
public enum Comparison {
  /// Runs popularity and item-kNN variants on `train` and evaluates on `test`.
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
    let variants: [(String, ItemKNN)] = [
      ("item-knn source K=20 no recency", ItemKNN(neighbours: 20, recencyDecay: 0, direction: .source)),
      ("item-knn target K=20 no recency", ItemKNN(neighbours: 20, recencyDecay: 0, direction: .target)),
      ("item-knn target K=20 decay 3", ItemKNN(neighbours: 20, recencyDecay: 3, direction: .target)),
      ("item-knn source K=20 decay 5", ItemKNN(neighbours: 20, recencyDecay: 5, direction: .source)),
    ]
    for (name, config) in variants {
      start = Date()
      let model = config.fit(matrix)
      let fit = Date().timeIntervalSince(start) + matrixSeconds
      let outcome = RankingEvaluation.evaluate(
        model, train: train, matrix: matrix, test: test, k: k, popularity: popularity)
      rows.append(
        ComparisonRow(
          model: name, summary: outcome.summary, fitSeconds: fit,
          usersPerSecond: outcome.usersPerSecond))
    }
    return rows
  }
}
