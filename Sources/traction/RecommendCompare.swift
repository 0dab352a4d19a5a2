import ArgumentParser
import Foundation
import Recommendation

/// `traction recommend compare`: baselines and models fitted on one file, scored on another.
struct RecommendCompare: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Fit every recommender on --train and compare them on --test (benchmark protocol).",
    shouldDisplay: false)

  @Option(help: "Training interactions CSV.") var train: String
  @Option(help: "Test interactions CSV (same columns).") var test: String
  @Option(help: "User id column.") var user: String = "user_id"
  @Option(help: "Item id column.") var item: String = "item_id"
  @Option(help: "Time column (seconds or ISO 8601).") var time: String?
  @Option(help: "Cut-off k.") var k: Int = 10
  @Flag(help: "Print JSON instead of a table.") var json = false
  @Flag(help: "Ignore --test; evaluate on the latest 20% of each user's --train rows.")
  var validation = false

  func run() throws {
    let columns = InteractionColumns(user: user, item: item, time: time)
    let trainLog = try InteractionLog.load(from: URL(fileURLWithPath: train), columns: columns)
    var testLog = try InteractionLog.load(from: URL(fileURLWithPath: test), columns: columns)
    var fitLog = trainLog
    if validation { (fitLog, testLog) = TimeSplit.split(trainLog) }
    let rows = Comparison.run(train: fitLog, test: testLog, k: k)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(rows), as: UTF8.self))
      return
    }
    print("model | P | R | NDCG | MAP | HR | cov | popbias | fit s | users/s | fit cpu | rank cpu")
    for r in rows {
      let s = r.summary
      let cells = [
        s.precision, s.recall, s.ndcg, s.meanAveragePrecision, s.hitRate, s.coverage,
        s.popularityBias,
      ].map { String(format: "%.4f", $0) }
      print(
        "\(r.model) | \(cells.joined(separator: " | ")) | "
          + String(
            format: "%.3f | %.0f | %.3f | %.3f", r.fitSeconds, r.usersPerSecond,
            r.fitCPUSeconds, r.rankCPUSeconds))
    }
  }
}
