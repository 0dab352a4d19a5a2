import Foundation

/// `traction demo` for risk scoring: trains and evaluates the bundled churn, fraud and credit
/// tables and writes `reports/<name>/` (report.html, report.xml, metrics.json) plus the models.
public enum RiskDemo {
  /// One demo run.
  struct Case {
    var name: String
    var preset: RiskPreset
    var folder: String
    var file: String
    var target: String
  }

  static let cases = [
    Case(
      name: "churn", preset: .churn, folder: "churn", file: "subscriptions.csv",
      target: "churned"),
    Case(
      name: "fraud", preset: .fraud, folder: "fraud", file: "card_transactions.csv",
      target: "is_fraud"),
    Case(
      name: "credit", preset: .credit, folder: "credit", file: "loan_applications.csv",
      target: "defaulted"),
  ]

  /// Trains on 80% of each bundled table and evaluates on the other 20% (a seeded, stratified
  /// split written beside the report), writing `out/<name>/`.
  /// - Parameters:
  ///   - datasets: the `datasets` folder.
  ///   - out: the reports folder.
  ///   - log: progress lines.
  /// - Returns: the report folders written.
  @discardableResult
  public static func run(datasets: URL, out: URL, log: (String) -> Void = { _ in }) throws -> [URL] {
    var folders: [URL] = []
    for demo in cases {
      let source = datasets.appendingPathComponent(demo.folder).appendingPathComponent(demo.file)
      let folder = out.appendingPathComponent(demo.name)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let (train, test) = try splitFile(source, into: folder, target: demo.target)
      let modelURL = folder.appendingPathComponent("model.traction")
      log("\(demo.name): training on \(train.lastPathComponent)")
      _ = try RiskPipeline.train(
        data: train, request: RiskTrainingRequest(preset: demo.preset, target: demo.target),
        model: modelURL, report: folder.appendingPathComponent("training"), log: log)
      let summary = try RiskPipeline.evaluate(
        model: modelURL, data: test, report: folder, log: log)
      log(
        "\(demo.name): test ROC AUC \(RiskPipeline.fmt(summary.metrics.rocAUC)) -> "
          + "\(folder.path)/report.html")
      let scores = folder.appendingPathComponent("scores.csv")
      try RiskScorer(model: RiskModel.load(from: modelURL)).score(
        input: test.path, output: scores.path)
      folders.append(folder)
    }
    return folders
  }

  /// Splits a CSV file line-wise into train (80%) and test (20%) files, stratified by target.
  static func splitFile(_ source: URL, into folder: URL, target: String) throws -> (URL, URL) {
    let text = try String(contentsOf: source, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    guard !lines.isEmpty else { throw RiskScoringError.noRows(file: source.path) }
    let header = lines.removeFirst()
    let columns = header.split(separator: ",").map(String.init)
    guard let targetIndex = columns.firstIndex(of: target) else {
      throw RiskScoringError.targetNotFound(file: source.path, column: target, available: columns)
    }
    // The demo tables have no quoted fields, so a plain split is exact.
    let labels = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false)[targetIndex] }
    var generator = DemoRandom(seed: 2026)
    var testRows = Set<Int>()
    for label in Set(labels) {
      var members = labels.indices.filter { labels[$0] == label }
      for i in stride(from: members.count - 1, to: 0, by: -1) {
        members.swapAt(i, Int(generator.next() % UInt64(i + 1)))
      }
      testRows.formUnion(members.prefix(members.count / 5))
    }
    let train = folder.appendingPathComponent("train.csv")
    let test = folder.appendingPathComponent("test.csv")
    let trainLines = [header] + lines.indices.filter { !testRows.contains($0) }.map { lines[$0] }
    let testLines = [header] + lines.indices.filter { testRows.contains($0) }.map { lines[$0] }
    try Data((trainLines.joined(separator: "\n") + "\n").utf8).write(to: train, options: .atomic)
    try Data((testLines.joined(separator: "\n") + "\n").utf8).write(to: test, options: .atomic)
    return (train, test)
  }
}
