import Foundation
import Tabular
import Testing

@testable import RiskScoring

/// Training on compact encoded rows (a position per one-hot field) gives exactly the member
/// trained on the dense matrix: same weights, same validation logits, so models stay
/// byte-identical for a given seed while training holds a fraction of the memory.
@Test func compactRowsTrainTheSameMemberAsTheDenseMatrix() throws {
  var generator = DemoRandom(seed: 5)
  let plans = ["basic", "pro", "team", "enterprise"]
  var rows: [[String]] = []
  for i in 0..<300 {
    let tenure = generator.gaussian() * 10 + 24
    let plan = plans[Int(generator.next() % 4)]
    let risky = tenure < 20 && plan != "enterprise"
    let churned = risky || generator.next() % 5 == 0 ? "1" : "0"
    rows.append([String(i), i % 17 == 0 ? "" : String(format: "%.1f", tenure), plan, churned])
  }
  let table = DataTable(header: ["id", "tenure", "plan", "churned"], rows: rows)
  let schema = try SchemaInference.infer(table, overrides: SchemaOverrides(target: "churned"))
  let encoder = try FeatureEncoding().fit(table, schema: schema)
  let compact = try encoder.transformCompact(table)
  #expect(compact.bytesPerRow < encoder.width * 4)
  let labels = rows.map { Float($0[3] == "1" ? 1 : 0) }
  var config = RiskModelConfiguration(
    hidden: [5], epochs: 6, batchSize: 32, patience: 3, ensembleSize: 1, seed: 9)
  config.smallDataHidden = nil
  let fromCompact = MLPTrainer(
    features: compact, labels: labels, trainRows: Array(0..<240), validationRows: Array(240..<300),
    configuration: config)
  let fromDense = MLPTrainer(
    features: try encoder.transform(table), width: encoder.width, labels: labels,
    trainRows: Array(0..<240), validationRows: Array(240..<300), configuration: config)
  #expect(fromCompact.validationInput == fromDense.validationInput)
  let a = try fromCompact.train(seed: 1)
  let b = try fromDense.train(seed: 1)
  #expect(a.layers == b.layers)
  #expect(a.validationLogits.map(\.bitPattern) == b.validationLogits.map(\.bitPattern))
}
