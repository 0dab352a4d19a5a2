import Foundation
import Tabular
import Testing

@testable import RiskScoring

/// A credit model trained on a small learnable table with an `id` column (ids with a comma, a
/// quote and a formula-like value), and the scoring input as CSV text.
private func creditModelAndInput(hidden: [Int], rows: Int) throws -> (RiskModel, String) {
  var generator = DemoRandom(seed: 31)
  let header = ["id", "income", "plan", "region", "late", "bad"]
  var table: [[String]] = []
  var input = header.dropLast().joined(separator: ",") + "\n"
  for i in 0..<max(rows, 400) {
    let income = generator.gaussian()
    let plan = ["basic", "plus", "pro"][Int(generator.next() % 3)]
    let region = ["north", "south", "east", "west", "centre"][Int(generator.next() % 5)]
    let late = Int(generator.next() % 4)
    let risk = -income + (plan == "basic" ? 0.8 : -0.4) + 0.5 * Double(late)
      + generator.gaussian() * 0.7
    let id = i % 97 == 5 ? "\"c,\(i)\"" : i % 89 == 3 ? "\"=HYPERLINK(\"\"x\"\")\(i)\"" : "c\(i)"
    let fields = [
      "c\(i)", String(format: "%.3f", income), plan, region, String(late), risk > 0.6 ? "1" : "0",
    ]
    table.append(fields)
    if i < rows {
      input += [id, fields[1], plan, region, fields[4]].joined(separator: ",") + "\n"
    }
  }
  var configuration = RiskModelConfiguration(hidden: hidden, epochs: 8, seed: 3)
  configuration.smallDataHidden = nil
  let request = RiskTrainingRequest(
    preset: .credit, target: "bad", identifier: "id", configuration: configuration)
  let trained = try RiskTrainer.train(
    table: DataTable(header: header, rows: table, source: "train.csv"), request: request)
  return (trained.model, input)
}

private func scratchFolder() throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "scorer-pipeline-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}

/// Scoring in many small batches (several in flight on workers) writes exactly the bytes of
/// scoring one row at a time and of one big batch: input order, keys and reasons all preserved.
@Test(arguments: [[32], [5], [64, 32]])
func batchedScoringIsByteIdenticalToRowByRow(hidden: [Int]) throws {
  let (model, input) = try creditModelAndInput(hidden: hidden, rows: 1000)
  let folder = try scratchFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let data = folder.appendingPathComponent("in.csv")
  try input.write(to: data, atomically: true, encoding: .utf8)
  var outputs: [String] = []
  for batchSize in [1, 7, 4096] {
    let out = folder.appendingPathComponent("out-\(batchSize).csv")
    let count = try RiskScorer(model: model, batchSize: batchSize).score(
      input: data.path, output: out.path)
    #expect(count == 1000)
    outputs.append(try String(contentsOf: out, encoding: .utf8))
  }
  #expect(outputs[0] == outputs[1])
  #expect(outputs[0] == outputs[2])
  var reader = try CSVReader(path: folder.appendingPathComponent("out-7.csv").path)
  var row = CSVRow()
  var keys: [String] = []
  var reasons = 0
  while try reader.nextRow(into: &row) {
    keys.append(row.string(at: 0))
    if !row.string(at: 5).isEmpty { reasons += 1 }
  }
  #expect(keys.count == 1000)
  #expect(keys[0] == "c0" && keys[999] == "c999")
  #expect(keys[5] == "c,5")
  #expect(keys[3] == "'=HYPERLINK(\"x\")3", "formula-like ids are neutralised")
  #expect(reasons > 500, "most rows have at least one reason")
}

/// Without an id column the key is the 1-based row number, continuous across batches.
@Test func rowNumbersContinueAcrossBatches() throws {
  let (model, input) = try creditModelAndInput(hidden: [32], rows: 50)
  let folder = try scratchFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let data = folder.appendingPathComponent("in.csv")
  // The last four fields (the id may hold a quoted comma).
  let withoutID = input.split(separator: "\n").map {
    $0.split(separator: ",").suffix(4).joined(separator: ",")
  }
  try (withoutID.joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)
  let out = folder.appendingPathComponent("out.csv")
  try RiskScorer(model: model, batchSize: 3).score(input: data.path, output: out.path)
  let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
  #expect(lines.count == 51)
  #expect(lines[0].hasPrefix("row,probability,risk_band,decision,score,reason_1"))
  let keys: [String] = lines.dropFirst().map { line in String(line.prefix { $0 != "," }) }
  let expected: [String] = (1...50).map { String($0) }
  #expect(keys == expected)
}

/// A bad row after many batches are in flight: the error names the line, no output file is left.
@Test func errorMidFileLeavesNoOutput() throws {
  let (model, input) = try creditModelAndInput(hidden: [32], rows: 300)
  let folder = try scratchFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  var lines = input.split(separator: "\n").map(String.init)
  lines[250] = "c-bad,not-a-number,basic,north,1"
  let data = folder.appendingPathComponent("in.csv")
  try (lines.joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)
  let out = folder.appendingPathComponent("out.csv")
  #expect {
    try RiskScorer(model: model, batchSize: 4).score(input: data.path, output: out.path)
  } throws: { error in
    let message = "\(error)"
    return message.contains("in.csv:251:") && message.contains("income")
  }
  #expect(!FileManager.default.fileExists(atPath: out.path))
  let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
  #expect(leftovers == ["in.csv"], "no temporary file left: \(leftovers)")
}
