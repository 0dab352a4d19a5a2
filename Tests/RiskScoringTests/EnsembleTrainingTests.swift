import Testing

@testable import RiskScoring

/// Members trained concurrently are exactly the members trained one after another, in member
/// order, so `--seed` keeps determining the model whatever the core count.
@Test func concurrentMembersEqualSequentialMembers() throws {
  var generator = DemoRandom(seed: 3)
  let rows = 240
  let width = 4
  var features: [Float] = []
  var labels: [Float] = []
  for _ in 0..<rows {
    let x = (0..<width).map { _ in Float(generator.gaussian()) }
    features += x
    labels.append(x[0] - 0.5 * x[2] + Float(generator.gaussian()) * 0.5 > 0 ? 1 : 0)
  }
  var config = RiskModelConfiguration(
    hidden: [6], epochs: 8, batchSize: 32, patience: 3, ensembleSize: 3, seed: 11)
  config.smallDataHidden = nil
  let trainer = MLPTrainer(
    features: features, width: width, labels: labels, trainRows: Array(0..<180),
    validationRows: Array(180..<rows), configuration: config)
  let concurrent = try RiskTrainer.trainMembers(trainer: trainer, configuration: config)
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
