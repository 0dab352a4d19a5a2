import Foundation
import Testing
import _TestSupport

/// End-to-end runs of `traction tickets` and `traction sentiment` on fixture CSVs.
@Suite struct TextCLITests {
  let fixture = TestSupport.repositoryRoot
    .appendingPathComponent("Tests/Fixtures/text/tickets_small.csv").path

  @Test func ticketsTrainEvaluatePredict() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = dir.appendingPathComponent("t.traction").path
    let train = try runTraction([
      "tickets", "train", "--data", fixture, "--text", "text", "--label", "intent",
      "--id", "ticket_id", "--model", model, "--report", dir.appendingPathComponent("r").path,
      "--quiet",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let metrics = try String(
      contentsOf: dir.appendingPathComponent("r/metrics.json"), encoding: .utf8)
    for key in ["accuracy", "macro_f1", "weighted_f1", "rows", "fit_seconds"] {
      #expect(metrics.contains("\"\(key)\""))
    }
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("r/report.html").path))
    let eval = try runTraction([
      "tickets", "evaluate", "--model", model, "--data", fixture, "--report",
      dir.appendingPathComponent("e").path,
    ])
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(eval.stderr.contains("accuracy 1.000"))
    let input = "ticket_id,text\nA1,my card has not arrived\nA2,reset my password please\n"
    let pred = try runTraction(
      ["tickets", "predict", "--model", model, "--data", "-", "--out", "-"],
      stdin: Data(input.utf8))
    #expect(pred.status == 0, "\(pred.stderr)")
    let lines = pred.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0] == "ticket_id,intent,probability,decision,top_intents")
    #expect(lines[1].hasPrefix("A1,card_arrival,"))
    #expect(lines[2].hasPrefix("A2,password,"))
  }

  @Test func sentimentWithGroupAndTime() throws {
    let dir = try TestSupport.temporaryDirectory()
    var csv = "id,day,shop,review,label\n"
    let pos = ["很好吃，送得快", "great food, fast delivery", "味道不错，还会再来", "loved it"]
    let neg = ["太慢了，饭都凉了", "terrible, cold and late", "难吃，不会再点", "awful service"]
    for i in 0..<80 {
      let p = i % 2 == 0
      let text = (p ? pos : neg)[i % 4 / 2 * 2 + (i / 8) % 2]
      csv += "\(i),2024-01-0\(1 + i % 4),shop\(i % 2 == 0 ? "A" : "B"),\"\(text)\",\(p ? 1 : 0)\n"
    }
    let data = dir.appendingPathComponent("reviews.csv")
    try Data(csv.utf8).write(to: data)
    let model = dir.appendingPathComponent("s.traction").path
    let train = try runTraction([
      "sentiment", "train", "--data", data.path, "--text", "review", "--label", "label",
      "--group", "shop", "--time", "day", "--model", model, "--report",
      dir.appendingPathComponent("r").path, "--quiet",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let html = try String(contentsOf: dir.appendingPathComponent("r/report.html"), encoding: .utf8)
    #expect(html.contains("Trends"))
    let pred = try runTraction(
      ["sentiment", "predict", "--model", model, "--data", data.path, "--out", "-"])
    #expect(pred.status == 0)
    #expect(pred.stdout.split(separator: "\n").count == 81)
  }

  @Test func badInputFailsWithClearMessageAndNoOutput() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = dir.appendingPathComponent("m.traction").path
    let missing = try runTraction([
      "tickets", "train", "--data", fixture, "--text", "body", "--label", "intent",
      "--model", model, "--quiet",
    ])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("column 'body' not found"))
    #expect(missing.stderr.contains("available: ticket_id, text, intent"))
    #expect(!FileManager.default.fileExists(atPath: model))

    let empty = dir.appendingPathComponent("empty.csv")
    try Data().write(to: empty)
    let e = try runTraction(["tickets", "train", "--data", empty.path, "--model", model, "--quiet"])
    #expect(e.status != 0 && e.stderr.contains("empty"))

    let bad = dir.appendingPathComponent("bad.csv")
    try Data(Array("text,intent\nhello,a\n".utf8) + [0xC3, 0x28] + Array(",b\n".utf8)).write(to: bad)
    let u = try runTraction(["tickets", "train", "--data", bad.path, "--model", model, "--quiet"])
    #expect(u.status != 0 && u.stderr.contains("bad.csv:3: column 1") && u.stderr.contains("UTF-8"))
    #expect(!FileManager.default.fileExists(atPath: model))

    let one = dir.appendingPathComponent("one.csv")
    try Data("text,intent\nhello,a\nhi there,a\n".utf8).write(to: one)
    let o = try runTraction(["tickets", "train", "--data", one.path, "--model", model, "--quiet"])
    #expect(o.status != 0 && o.stderr.contains("at least 2 distinct labels"))
  }
}
