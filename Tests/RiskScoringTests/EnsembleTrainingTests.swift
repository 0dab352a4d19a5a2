import Foundation
import Tabular
import Testing

@testable import RiskScoring

/// Members trained concurrently are exactly the members trained one after another, in member
/// order, so `--seed` keeps determining the model whatever the core count.
@Test func concurrentMembersEqualSequentialMembers() throws {
  let rows = 240
  let width = 4
  let (features, labels) = gaussianRows(seed: 3, rows: rows, width: width) { x, generator in
    x[0] - 0.5 * x[2] + Float(generator.gaussian()) * 0.5 > 0
  }
  var config = RiskModelConfiguration(
    hidden: [6], epochs: 8, batchSize: 32, patience: 3, ensembleSize: 3, seed: 11)
  config.smallDataHidden = nil
  let trainer = MLPTrainer(
    features: features, width: width, labels: labels, trainRows: Array(0..<180),
    validationRows: Array(180..<rows), configuration: config)
  let concurrent = try RiskTrainer.trainMembers(
    trainers: Array(repeating: trainer, count: 3), configuration: config)
  #expect(concurrent.count == 3)
  for member in 0..<3 {
    let seed = config.seed &+ UInt64(member) &* 0x9E37_79B9
    let sequential = try trainer.train(seed: seed)
    #expect(concurrent[member].layers == sequential.layers, "member \(member)")
    #expect(concurrent[member].validationLogits == sequential.validationLogits)
  }
  // Different seeds give different members (the ensemble is not three copies).
  #expect(concurrent[0].layers != concurrent[1].layers)
}

/// Cross-fitting: one stratified fold per member, every row held out by exactly one member, and
/// the validation logit of a row is the logit of the member that did not fit on it.
@Test func crossFitPlanHoldsEveryRowOutOnce() throws {
  let labels = (0..<103).map { $0 % 4 == 0 ? 1 : 0 }
  var config = RiskModelConfiguration(ensembleSize: 4, seed: 5)
  config.crossFit = true
  let plan = try ValidationPlan.make(
    labels: labels, configuration: config, source: "t.csv", positive: "1")
  #expect(plan.crossFit)
  #expect(plan.members.count == 4)
  #expect(plan.validationRows == Array(0..<103))
  #expect(plan.encoderRows == Array(0..<103))
  var heldOut = [Int](repeating: 0, count: labels.count)
  for member in plan.members {
    #expect(Set(member.train).isDisjoint(with: member.test))
    #expect(member.train.count + member.test.count == labels.count)
    for row in member.test { heldOut[row] += 1 }
    let positives = member.test.filter { labels[$0] == 1 }.count
    #expect(positives == 6 || positives == 7, "stratified: 26 positives over 4 folds")
  }
  #expect(heldOut.allSatisfy { $0 == 1 })
  // Member i predicts 100 * i + row on its held-out rows; the plan puts each back on its row.
  let logits = plan.members.enumerated().map { i, member in
    member.test.map { Float(100 * i + $0) }
  }
  let merged = plan.validationLogits(logits)
  for (k, row) in plan.validationRows.enumerated() {
    let owner = try #require(plan.members.firstIndex { $0.test.contains(row) })
    #expect(merged[k] == Float(100 * owner + row))
  }
}

/// Hold-out: every member shares one validation split and the validation logit is the mean.
@Test func holdOutPlanAveragesMembersOnOneSplit() throws {
  let labels = (0..<200).map { $0 % 5 == 0 ? 1 : 0 }
  var config = RiskModelConfiguration(ensembleSize: 3, validationFraction: 0.2, seed: 9)
  config.crossFit = false
  let plan = try ValidationPlan.make(
    labels: labels, configuration: config, source: "t.csv", positive: "1")
  #expect(!plan.crossFit)
  #expect(plan.validationRows.count == 40)
  #expect(plan.encoderRows.count == 160)
  #expect(Set(plan.members.map(\.test)).count == 1)
  let logits = (0..<3).map { i in plan.validationRows.map { _ in Float(i) } }
  #expect(plan.validationLogits(logits).allSatisfy { $0 == 1 })
}

/// A fold with fewer than two rows of a class is refused with a message naming the file.
@Test func crossFitRefusesFoldsWithoutBothClasses() {
  let labels = (0..<50).map { $0 < 6 ? 1 : 0 }
  var config = RiskModelConfiguration(ensembleSize: 5)
  config.crossFit = true
  #expect(throws: RiskScoringError.self) {
    _ = try ValidationPlan.make(
      labels: labels, configuration: config, source: "few.csv", positive: "yes")
  }
}

/// A file under 2000 rows is cross-fitted by default: every row gets an out-of-fold prediction,
/// the same seed gives the same model, and the model card says how the rows were used.
@Test func smallFilesAreCrossFittedDeterministically() throws {
  var generator = DemoRandom(seed: 21)
  var rows: [[String]] = []
  for _ in 0..<400 {
    let x = generator.gaussian()
    let plan = ["basic", "plus", "pro"][Int(generator.next() % 3)]
    let risk = x + (plan == "basic" ? 0.8 : -0.4) + generator.gaussian() * 0.7
    rows.append([String(format: "%.3f", x), plan, risk > 0.3 ? "yes" : "no"])
  }
  let table = DataTable(header: ["x", "plan", "left"], rows: rows, source: "small.csv")
  let request = RiskTrainingRequest(
    preset: .churn, target: "left", configuration: RiskModelConfiguration(epochs: 30, seed: 4))
  let first = try RiskTrainer.train(table: table, request: request)
  let second = try RiskTrainer.train(table: table, request: request)
  #expect(first.model.configuration.crossFit == true)
  #expect(first.validation.rows == Array(0..<400))
  #expect(first.model.training.validationRows == 400)
  #expect(first.model.network.members == second.model.network.members)
  #expect(first.validation.probabilities == second.validation.probabilities)
  let auc = RankMetrics.rocAUC(
    scores: first.validation.logits.map(Double.init),
    labels: first.validation.labels.map(Float.init))
  #expect(auc > 0.8, "out-of-fold ROC-AUC \(auc) on a learnable rule")
  let metrics = RiskMetrics.compute(
    probabilities: first.validation.probabilities, labels: first.validation.labels,
    policy: first.model.policy)
  let card = RiskReportBuilder(
    model: first.model, predictions: first.validation, metrics: metrics,
    evaluationName: "validation", inputs: [], importance: []
  ).modelCard()
  #expect(card.trainingData.contains("5 stratified folds"))
  #expect(card.trainingData.contains("out-of-fold predictions of all 400 rows"))
}
