import Foundation
import Testing
import _TestSupport

private func fixture(_ name: String) -> String {
  TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/recommend/\(name)").path
}

private let trainArguments = [
  "recommend", "train", "--data", fixture("purchases.csv"), "--user", "customer_id", "--item",
  "product_id", "--weight", "quantity", "--items", fixture("catalogue.csv"), "--quiet",
]

@Test func recommendTrainForSimilarUpdateEvaluate() throws {
  let dir = try TestSupport.temporaryDirectory()
  let model = dir.appendingPathComponent("shop.model").path
  let report = dir.appendingPathComponent("report").path
  let train = try runTraction(trainArguments + ["--model", model, "--report", report])
  #expect(train.status == 0, "\(train.stderr)")
  let metrics = try String(contentsOfFile: report + "/metrics.json", encoding: .utf8)
  for key in [
    "precision_at_10", "recall_at_10", "ndcg_at_10", "map_at_10", "hit_rate_at_10",
    "coverage_at_10", "rows", "fit_seconds",
  ] {
    #expect(metrics.contains("\"\(key)\""), "missing \(key)")
  }
  let html = try String(contentsOfFile: report + "/report.html", encoding: .utf8)
  #expect(html.contains("Long tail") && !html.contains("<script src"))

  // Batch mode from stdin: a header naming the user column, a quoted id and an unknown user.
  let users = "customer_id\nC00001\n\"Smith, J.\"\nstranger\n"
  let served = try runTraction(
    ["recommend", "for", "--model", model, "--users", "-", "--k", "3"], stdin: Data(users.utf8))
  #expect(served.status == 0, "\(served.stderr)")
  let lines = served.stdout.split(separator: "\n")
  #expect(lines.first == "user,rank,item,score,source,name")
  #expect(lines.count == 1 + 3 * 3)
  #expect(lines.filter { $0.hasPrefix("\"Smith, J.\",") }.count == 3)
  #expect(lines.filter { $0.hasPrefix("stranger,") && $0.contains(",popular,") }.count == 3)
  #expect(served.stderr.contains("1 unknown users"))

  let similar = try runTraction([
    "recommend", "similar", "--model", model, "--item", "P0001", "--k", "2",
  ])
  #expect(similar.status == 0)
  #expect(similar.stdout.split(separator: "\n").count == 3)
  let missing = try runTraction(["recommend", "similar", "--model", model, "--item", "nope"])
  #expect(missing.status != 0 && missing.stderr.contains("item 'nope' is not in the model"))

  let before = try runTraction(
    ["recommend", "for", "--model", model, "--users", "-", "--k", "5"],
    stdin: Data("NEW1\n".utf8))
  let update = try runTraction(
    ["recommend", "update", "--model", model, "--data", fixture("new.csv"), "--quiet"])
  #expect(update.status == 0, "\(update.stderr)")
  let after = try runTraction(
    ["recommend", "for", "--model", model, "--users", "-", "--k", "5"],
    stdin: Data("NEW1\n".utf8))
  #expect(before.stdout.contains(",popular,") && after.stdout.contains(",personal,"))
  #expect(before.stdout != after.stdout)

  let evaluate = try runTraction(
    [
      "recommend", "evaluate", "--model", model, "--test", fixture("new.csv"), "--report",
      dir.appendingPathComponent("eval").path,
    ])
  #expect(evaluate.status == 0, "\(evaluate.stderr)")
  #expect(evaluate.stdout.contains("popularity |") && evaluate.stdout.contains("Traction |"))
}

@Test func recommendBadInputFailsCleanly() throws {
  let dir = try TestSupport.temporaryDirectory()
  let model = dir.appendingPathComponent("m.model").path
  for (file, message) in [
    ("empty.csv", "no interaction rows"),
    ("bad-weight.csv", "value 'two': the weight is not a number"),
  ] {
    var args = trainArguments
    args[3] = fixture(file)
    let r = try runTraction(args + ["--model", model])
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: model))
  }
  let wrongColumn = try runTraction(
    [
      "recommend", "train", "--data", fixture("purchases.csv"), "--user", "user", "--item",
      "product_id", "--model", model,
    ])
  #expect(wrongColumn.stderr.contains("column 'user' not found; available: customer_id"))
  let noModel = try runTraction(["recommend", "for", "--model", model, "--users", "-"])
  #expect(noModel.status != 0 && noModel.stderr.contains(model))
  #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
}
