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

  /// `sentiment predict --group --time --report` aggregates the predicted sentiment of
  /// unlabelled rows into trends and names the group whose texts turned negative.
  @Test func sentimentPredictReportsTrendsOfPredictions() throws {
    let dir = try TestSupport.temporaryDirectory()
    let reviews = TestSupport.repositoryRoot
      .appendingPathComponent("Tests/Fixtures/text/reviews_small.csv").path
    let model = dir.appendingPathComponent("s.traction").path
    let train = try runTraction([
      "sentiment", "train", "--data", reviews, "--text", "review", "--label", "label",
      "--model", model, "--quiet",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    // Unlabelled: shop A stays positive; shop B turns negative in the second week.
    var csv = "id,when,shop,review\n"
    for i in 0..<120 {
      let day = 1 + i % 12
      let shop = i % 2 == 0 ? "A" : "B"
      let negative = shop == "B" && day > 6
      let text = negative ? "terrible, cold and late" : "great food, fast delivery"
      csv += "r\(i),2024-03-\(day < 10 ? "0" : "")\(day),\(shop),\"\(text)\"\n"
    }
    let data = dir.appendingPathComponent("new.csv")
    try Data(csv.utf8).write(to: data)
    let report = dir.appendingPathComponent("p")
    let out = dir.appendingPathComponent("pred.csv")
    let pred = try runTraction([
      "sentiment", "predict", "--model", model, "--data", data.path, "--out", out.path,
      "--group", "shop", "--time", "when", "--report", report.path, "--id", "id",
    ])
    #expect(pred.status == 0, "\(pred.stderr)")
    #expect(pred.stderr.contains("120 rows predicted"))
    #expect(pred.stderr.contains("got worse: B"))
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 121)
    #expect(lines.first == "id,sentiment,probability,score")
    #expect(lines[1].hasPrefix("r0,"))
    let html = try String(contentsOf: report.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("Groups that got worse"))
    #expect(html.contains("2024-03-12"))
    let xml = try String(contentsOf: report.appendingPathComponent("report.xml"), encoding: .utf8)
    #expect(xml.contains("negative_share"))
    let metrics = try String(
      contentsOf: report.appendingPathComponent("metrics.json"), encoding: .utf8)
    #expect(metrics.contains("\"rows\" : 120") || metrics.contains("\"rows\": 120"))

    // A missing trend column is named with its option; nothing is written.
    let missing = dir.appendingPathComponent("missing.csv")
    let bad = try runTraction([
      "sentiment", "predict", "--model", model, "--data", data.path, "--out", missing.path,
      "--group", "store",
    ])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("'store'") && bad.stderr.contains("--group"))
    #expect(!FileManager.default.fileExists(atPath: missing.path))

    // Without --id the first column is the row number, not the group.
    let numbered = try runTraction([
      "sentiment", "predict", "--model", model, "--data", data.path, "--out", "-",
      "--group", "shop",
    ])
    #expect(numbered.status == 0, "\(numbered.stderr)")
    let rows = numbered.stdout.split(separator: "\n")
    #expect(rows.first == "row,sentiment,probability,score")
    #expect(rows.count > 2 && rows[1].hasPrefix("1,") && rows[2].hasPrefix("2,"))
  }

  /// `--hidden 8` trains the hidden-layer network; evaluate and predict use it from the file.
  @Test func ticketsWithHiddenLayer() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = dir.appendingPathComponent("h.traction").path
    let train = try runTraction([
      "tickets", "train", "--data", fixture, "--text", "text", "--label", "intent",
      "--hidden", "8", "--epochs", "40", "--model", model, "--report",
      dir.appendingPathComponent("r").path, "--quiet",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let html = try String(
      contentsOf: dir.appendingPathComponent("r/report.html"), encoding: .utf8)
    #expect(html.contains("8 hidden units"))
    let eval = try runTraction(["tickets", "evaluate", "--model", model, "--data", fixture])
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(eval.stderr.contains("accuracy 1.000"))
    let pred = try runTraction(
      ["tickets", "predict", "--model", model, "--data", "-", "--out", "-"],
      stdin: Data("ticket_id,text\nA1,my card has not arrived\n".utf8))
    #expect(pred.status == 0, "\(pred.stderr)")
    #expect(pred.stdout.contains("\n1,card_arrival,"))
    let negative = try runTraction([
      "tickets", "train", "--data", fixture, "--hidden", "-3", "--model", model, "--quiet",
    ])
    #expect(negative.status != 0 && negative.stderr.contains("--hidden"))
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

  /// Blank texts, a label seen once, rows without a label and a 1 MB text do not stop training,
  /// but each is named with its lines on stderr, also under --quiet, for both text commands.
  @Test(arguments: ["tickets", "sentiment"])
  func dataProblemsAreWarnedWithLineNumbers(command: String) throws {
    let dir = try TestSupport.temporaryDirectory()
    var csv = "text,label\n"
    for i in 0..<60 {
      csv += i % 2 == 0 ? "great service thanks \(i),good\n" : "awful slow refund \(i),bad\n"
    }
    csv += "\"   \",good\n,bad\nonly once here,rare\nno label here,\n"
    csv += "\"" + String(repeating: "long ", count: 210_000) + "\",good\n"
    let data = dir.appendingPathComponent("data.csv")
    try Data(csv.utf8).write(to: data)
    let model = dir.appendingPathComponent("m.traction").path
    let r = try runTraction([
      command, "train", "--data", data.path, "--text", "text", "--label", "label",
      "--model", model, "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
    #expect(warnings.count == 3, "\(r.stderr)")
    #expect(
      r.stderr.contains("\(data.path): 2 rows have an empty or blank text (lines 62, 63)"))
    #expect(r.stderr.contains("1 label has a single example: 'rare' (line 64)"))
    #expect(r.stderr.contains("1 row with an empty label skipped"))
    #expect(FileManager.default.fileExists(atPath: model))
  }
}
