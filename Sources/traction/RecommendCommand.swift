import ArgumentParser
import Foundation
import Recommendation
import Reporting

/// `traction recommend`: product recommendations from interaction logs.
struct Recommend: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Product recommendations from interaction logs (user, item, optional weight/time).",
    subcommands: [
      RecommendTrain.self, RecommendEvaluate.self, RecommendFor.self, RecommendSimilar.self,
      RecommendUpdate.self, RecommendCompare.self, RecommendDemoData.self,
    ])
}

/// Maps "-" to standard input.
func inputURL(_ path: String) -> URL? { path == "-" ? nil : URL(fileURLWithPath: path) }

/// Writes one line to standard error.
func note(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// `traction recommend train`.
struct RecommendTrain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a recommender (item-kNN + embeddings, blend chosen on a time-ordered "
      + "validation split).")

  @Option(help: "Interactions CSV, or - for standard input.") var data: String
  @Option(help: "User id column.") var user: String
  @Option(help: "Item id column.") var item: String
  @Option(help: "Time column (seconds or ISO 8601); detected by name when omitted.")
  var time: String?
  @Option(help: "Weight column (quantity, rating, amount); rows count once when omitted.")
  var weight: String?
  @Option(help: "Output model file.") var model: String
  @Option(help: "Folder for report.html, report.xml and metrics.json.") var report: String?
  @Option(help: compareHelp) var compare: String?
  @Option(help: "Item catalogue CSV (for names in reports and outputs).") var items: String?
  @Option(help: "Item id column in --items (defaults to --item).") var itemsID: String?
  @Option(help: "Item name column in --items.") var itemName: String = "name"
  @Option(help: "Random seed.") var seed: UInt64 = 42
  @Option(help: "Cut-off for validation metrics.") var k: Int = 10
  @Flag(help: "No progress lines on stderr.") var quiet = false

  func validate() throws { try validateCompare(compare, report: report) }

  func run() throws {
    let previous = try loadPreviousReport(compare, kind: RecommendationReport.kind)
    // The catalogue is read before training, so that a bad file fails at once.
    let names = try items.map {
      try ItemCatalogue.names(
        from: URL(fileURLWithPath: $0), idColumn: itemsID ?? item, nameColumn: itemName)
    }
    let (log, columns) = try InteractionLog.load(
      from: inputURL(data),
      detectingTimeIn: InteractionColumns(user: user, item: item, weight: weight, time: time),
      displayPath: data == "-" ? "<stdin>" : data)
    if time == nil, let detected = columns.time, !quiet {
      note("using time column '\(detected)' (override with --time)")
    }
    var configuration = RecommenderConfiguration(k: k)
    configuration.embedding.seed = seed
    var trained = try Recommender.train(
      log, columns: columns, configuration: configuration,
      progress: quiet ? nil : { note($0) })
    if let names { trained.itemNames = names }
    try trained.write(to: URL(fileURLWithPath: model))
    if let report {
      let chosenName = trained.summary.chosenCandidate
      let scores = trained.summary.validation
      var table = scores.filter { ["popularity", "item-kNN", "embedding"].contains($0.model) }
        .map { RecommendationReport.Row(name: $0.model, summary: $0.summary) }
      if let best = scores.first(where: { $0.model == chosenName }) {
        table.append(.init(name: "Traction", summary: best.summary))
      }
      var built = RecommendationReport.build(
        model: trained, rows: table,
        evaluatedOn: "a validation split (each customer's latest 20% of interactions)",
        inputs: data == "-" ? [] : [URL(fileURLWithPath: data)], k: k)
      if let previous { built.report.compare(with: previous) }
      try ReportWriter.write(built.report, to: URL(fileURLWithPath: report), metrics: built.metrics)
    }
    let s = trained.summary
    print(
      "trained on \(log.rowCount) rows (\(log.users.count) users, \(log.items.count) items) in "
        + String(format: "%.2f s (final fit %.2f s); chosen: ", s.totalSeconds, s.fitSeconds)
        + s.chosenCandidate)
  }
}

/// `traction recommend evaluate`.
struct RecommendEvaluate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Score a model on held-out interactions (rank every unseen item, metrics at k).")

  @Option(help: "Model file from `recommend train`.") var model: String
  @Option(help: "Held-out interactions CSV (same columns as training).") var test: String
  @Option(help: "Training interactions; pairs the model has not seen are folded in first.")
  var train: String?
  @Option(help: "Cut-off k.") var k: Int = 10
  @Option(help: "Folder for report.html, report.xml and metrics.json.") var report: String?
  @Option(help: compareHelp) var compare: String?

  func validate() throws { try validateCompare(compare, report: report) }

  func run() throws {
    let previous = try loadPreviousReport(compare, kind: RecommendationReport.kind)
    var recommender = try Recommender.read(from: URL(fileURLWithPath: model))
    let columns = recommender.columns
    if let train {
      let trainLog = try InteractionLog.load(
        from: inputURL(train), columns: columns, displayPath: train == "-" ? "<stdin>" : train)
      let unseen = recommender.unseenInteractions(in: trainLog)
      if unseen.count > 0 {
        note("folding \(unseen.count) training pairs the model has not seen into it")
        recommender = try recommender.updated(with: unseen).model
      }
    }
    let testLog = try InteractionLog.load(
      from: inputURL(test), columns: columns, displayPath: test == "-" ? "<stdin>" : test)
    let results = recommender.evaluate(on: testLog, k: k)
    let rows = results.map {
      RecommendationReport.Row(name: $0.name, summary: RankingSummaryCodable($0.outcome.summary))
    }
    if let report {
      var built = RecommendationReport.build(
        model: recommender, rows: rows, evaluatedOn: "the test file \(test)",
        inputs: [URL(fileURLWithPath: model), URL(fileURLWithPath: test)], k: k)
      built.metrics["rows"] = Double(testLog.rowCount)
      built.metrics["fit_seconds"] = nil
      if let previous { built.report.compare(with: previous) }
      if let main = results.last { built.metrics["users_per_second"] = main.outcome.usersPerSecond }
      try ReportWriter.write(built.report, to: URL(fileURLWithPath: report), metrics: built.metrics)
    }
    print(
      "model | precision@\(k) | recall@\(k) | NDCG@\(k) | MAP@\(k) | hit rate@\(k) | coverage | popularity bias | users/s"
    )
    for (name, outcome) in results {
      let s = outcome.summary
      let cells = [
        s.precision, s.recall, s.ndcg, s.meanAveragePrecision, s.hitRate, s.coverage,
        s.popularityBias,
      ].map { String(format: "%.4f", $0) }
      print("\(name) | \(cells.joined(separator: " | ")) | \(Int(outcome.usersPerSecond))")
    }
  }
}
