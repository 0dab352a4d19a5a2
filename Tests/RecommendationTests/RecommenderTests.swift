import Foundation
import NeuralCore
import Testing
import _TestSupport

@testable import Recommendation

private let columns = InteractionColumns(
  user: "customer_id", item: "product_id", weight: "quantity", time: "purchased_at")

private func fixture(_ name: String) -> URL {
  TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/recommend/\(name)")
}

private func smallShopLog() throws -> InteractionLog {
  try InteractionLog.load(from: fixture("purchases.csv"), columns: columns)
}

/// A quick embedding configuration for tests.
private let quick = EmbeddingModel(dimension: 16, epochs: 8, learningRate: 0.03, batchSize: 128)

@Test func embeddingModelBeatsPopularityOnHeldOutPurchases() throws {
  // The bundled shop log (11.6k purchases); the 120-customer fixture is too small to learn from.
  let url = TestSupport.repositoryRoot.appendingPathComponent("datasets/shop/purchases.csv")
  let (train, test) = TimeSplit.split(try InteractionLog.load(from: url, columns: columns))
  let matrix = UserItemMatrix(train)
  let popularity = PopularityModel(fittedTo: matrix)
  var losses: [Double] = []
  let model = try EmbeddingModel().fit(matrix) { losses.append($0.trainLoss) }
  let pop = RankingEvaluation.evaluate(
    popularity, train: train, matrix: matrix, test: test, k: 10, popularity: popularity)
  let learned = RankingEvaluation.evaluate(
    model, train: train, matrix: matrix, test: test, k: 10, popularity: popularity)
  #expect(losses.count == EmbeddingModel().epochs)
  #expect(losses.last ?? 1 < losses.first ?? 0)
  #expect(learned.summary.ndcg > pop.summary.ndcg + 0.01)
  #expect(learned.summary.coverage > pop.summary.coverage)
}

@Test func trainingIsDeterministicForASeed() throws {
  let matrix = UserItemMatrix(try smallShopLog())
  var config = quick
  config.epochs = 2
  let a = try config.fit(matrix)
  let b = try config.fit(matrix)
  #expect(a == b)
  config.seed = 7
  #expect(try config.fit(matrix) != a)
}

@Test func bprGradientMatchesFiniteDifferences() {
  // One pair, d = 3: x = <p, q+ - q-> + b+ - b-, loss = softplus(-x).
  let p: [Float] = [0.3, -0.2, 0.5]
  let q: [Float] = [0.1, 0.4, -0.3, -0.2, 0.2, 0.6]
  let b: [Float] = [0.05, -0.1]
  func loss(_ p: [Float], _ q: [Float], _ b: [Float]) -> Double {
    var x = Double(b[0] - b[1])
    for c in 0..<3 { x += Double(p[c]) * Double(q[c] - q[3 + c]) }
    return log1p(exp(-x))
  }
  var gp = Tensor(zeros: [1, 3])
  var gq = Tensor(zeros: [2, 3])
  var gb = Tensor(zeros: [2, 1])
  _ = EmbeddingModel.bprStep(
    n: 1, d: 3, l2: 0, scale: 1, p: Tensor(shape: [1, 3], data: p),
    q: Tensor(shape: [2, 3], data: q), b: Tensor(shape: [2, 1], data: b), gradP: &gp,
    gradQ: &gq, gradB: &gb)
  let h: Float = 1e-3
  for c in 0..<3 {
    var up = p
    up[c] += h
    var down = p
    down[c] -= h
    let numeric = (loss(up, q, b) - loss(down, q, b)) / Double(2 * h)
    #expect(abs(numeric - Double(gp.data[c])) < 1e-3)
  }
  for c in 0..<6 {
    var up = q
    up[c] += h
    var down = q
    down[c] -= h
    let numeric = (loss(p, up, b) - loss(p, down, b)) / Double(2 * h)
    #expect(abs(numeric - Double(gq.data[c])) < 1e-3)
  }
  var up = b
  up[0] += h
  var down = b
  down[0] -= h
  #expect(abs((loss(p, q, up) - loss(p, q, down)) / Double(2 * h) - Double(gb.data[0])) < 1e-3)
}

private func trainedModel() throws -> Recommender {
  var configuration = RecommenderConfiguration()
  configuration.embedding = quick
  return try Recommender.train(try smallShopLog(), columns: columns, configuration: configuration)
}

@Test func modelFileRoundTripsAndRejectsDamage() throws {
  var model = try trainedModel()
  model.itemNames = ["P0001": "Mug"]
  let dir = try TestSupport.temporaryDirectory()
  let url = dir.appendingPathComponent("m.model")
  try model.write(to: url)
  let loaded = try Recommender.read(from: url)
  #expect(loaded.log.users == model.log.users)
  #expect(loaded.itemNames == model.itemNames)
  #expect(loaded.embeddingWeight == model.embeddingWeight)
  for user in ["C00001", "C00050", "Zoë", "Smith, J."] {
    #expect(
      loaded.recommend(forUser: user, k: 10).picks == model.recommend(forUser: user, k: 10).picks)
  }
  var bytes = try Data(contentsOf: url)
  bytes[bytes.count / 2] ^= 0x5A
  let damaged = dir.appendingPathComponent("damaged.model")
  try bytes.write(to: damaged)
  #expect(throws: (any Error).self) { try Recommender.read(from: damaged) }
}

@Test func servingHandlesUnknownUsersExclusionsAndSeenItems() throws {
  let model = try trainedModel()
  let unknown = model.recommend(forUser: "nobody", k: 5)
  #expect(unknown.source == .popular)
  #expect(
    unknown.picks.map(\.item)
      == Array(model.popularity.ranking.prefix(5)).map { model.log.items[$0] })
  let known = model.recommend(forUser: "C00001", k: 10)
  #expect(known.source == .personal)
  let seen = Set(
    model.matrix.history(of: Int(model.log.users.index(of: "C00001") ?? 0)).items
      .map { model.log.items[$0] })
  #expect(known.picks.allSatisfy { !seen.contains($0.item) })
  let excluded = Set(known.picks.prefix(3).map(\.item))
  let filtered = model.recommend(forUser: "C00001", k: 10, excluded: excluded)
  #expect(filtered.picks.allSatisfy { !excluded.contains($0.item) })
  #expect(throws: RecommendationError.unknownItem(id: "nope")) {
    try model.similar(toItem: "nope", k: 3)
  }
  #expect(try model.similar(toItem: "P0001", k: 3).count == 3)
}

@Test func updateGivesANewUserPersonalRecommendations() throws {
  let model = try trainedModel()
  let before = model.recommend(forUser: "NEW1", k: 10)
  #expect(before.source == .popular)
  let newLog = try InteractionLog.load(from: fixture("new.csv"), columns: columns)
  let (updated, pairs) = try model.updated(with: newLog)
  #expect(pairs == 3)
  #expect(updated.log.users.count == model.log.users.count + 1)
  #expect(updated.log.items.index(of: "P9999") != nil)
  // Old ids keep their indices.
  #expect(Array(updated.log.items.ids.prefix(model.log.items.count)) == model.log.items.ids)
  let after = updated.recommend(forUser: "NEW1", k: 10)
  #expect(after.source == .personal)
  #expect(after.picks.map(\.item) != before.picks.map(\.item))
  #expect(!after.picks.contains { ["P0001", "P0009", "P9999"].contains($0.item) })
  // Existing users still get lists.
  #expect(updated.recommend(forUser: "C00001", k: 10).picks.count == 10)
}

@Test func singleUserAndTinyLogsStillTrain() throws {
  let log = InteractionLog([
    Interaction(user: "only", item: "a", time: 1), Interaction(user: "only", item: "b", time: 2),
  ])
  let model = try Recommender.train(log, columns: InteractionColumns(user: "u", item: "i"))
  #expect(model.recommend(forUser: "only", k: 3).picks.isEmpty)
  #expect(model.recommend(forUser: "other", k: 3).picks.map(\.item) == ["a", "b"])
}

@Test func shopDemoDataIsSeededAndSmall() {
  let a = ShopDemoData.generate(seed: 3, customers: 50, productsPerCategory: 6)
  let b = ShopDemoData.generate(seed: 3, customers: 50, productsPerCategory: 6)
  #expect(a == b)
  #expect(a.catalogue.split(separator: "\n").count == 1 + 8 * 6)
  #expect(ShopDemoData.isoTime(1_711_893_900) == "2024-03-31T14:05:00Z")
  let full = ShopDemoData.generate()
  #expect(full.purchases.utf8.count + full.catalogue.utf8.count < 1_000_000)
}
