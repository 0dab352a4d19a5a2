import Foundation
import Testing
import _TestSupport

/// The bad-input corpus against every command that reads a user CSV: risk, tickets, sentiment
/// and recommend train/evaluate/predict/for/update fail with one line naming file, line and
/// column, and formula-like ids are never echoed unescaped into CSV output.
@Suite(.serialized) struct HardeningEveryCommandTests {
  static let bad = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/bad")
  static let text = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/text")
  static let shop = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/recommend")

  /// Header-level problems every reader reports before looking at any column.
  static let headerCases: [(String, String)] = [
    ("utf16_bom.csv", ":1: column 1: the file is UTF-16 (little-endian)"),
    ("duplicate_header.csv", ":1: column 5: duplicate column name 'monthly_fee'"),
  ]

  @Test func everyCommandRejectsTheCorpusCleanly() throws {
    let dir = try TestSupport.temporaryDirectory()
    let tickets = dir.appendingPathComponent("t.traction").path
    let reviews = dir.appendingPathComponent("s.traction").path
    let shop = dir.appendingPathComponent("r.model").path
    let trained = [
      try runTraction([
        "tickets", "train", "--data", Self.text.appendingPathComponent("tickets_small.csv").path,
        "--text", "text", "--label", "intent", "--model", tickets, "--quiet",
      ]),
      try runTraction([
        "sentiment", "train", "--data", Self.text.appendingPathComponent("reviews_small.csv").path,
        "--text", "review", "--label", "label", "--model", reviews, "--quiet",
      ]),
      try runTraction([
        "recommend", "train", "--data", Self.shop.appendingPathComponent("purchases.csv").path,
        "--user", "customer_id", "--item", "product_id", "--model", shop, "--quiet",
      ]),
    ]
    for r in trained { #expect(r.status == 0, "\(r.stderr)") }
    let out = dir.appendingPathComponent("out.csv").path
    for (file, message) in Self.headerCases {
      let path = Self.bad.appendingPathComponent(file).path
      let commands: [[String]] = [
        [
          "tickets", "train", "--data", path, "--text", "plan", "--label", "churned", "--model",
          dir.appendingPathComponent("new.traction").path,
        ],
        ["tickets", "evaluate", "--model", tickets, "--data", path],
        ["tickets", "predict", "--model", tickets, "--data", path, "--out", out],
        [
          "sentiment", "train", "--data", path, "--text", "plan", "--label", "churned", "--model",
          dir.appendingPathComponent("new.traction").path,
        ],
        ["sentiment", "evaluate", "--model", reviews, "--data", path],
        ["sentiment", "predict", "--model", reviews, "--data", path, "--out", out],
        [
          "recommend", "train", "--data", path, "--user", "customer_id", "--item", "plan",
          "--model", dir.appendingPathComponent("new.model").path,
        ],
        ["recommend", "evaluate", "--model", shop, "--test", path],
        [
          "recommend", "update", "--model", shop, "--data", path,
          "--out", dir.appendingPathComponent("new.model").path,
        ],
      ]
      for command in commands {
        let r = try HardeningBadInputTests.run(command)
        #expect(!r.signalled, "\(command): crashed")
        #expect(r.status != 0, "\(command)")
        #expect(r.stderr.contains(path + message), "\(command): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(command): \(r.stderr)")
      }
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(left == ["r.model", "s.traction", "t.traction"])
  }

  /// `tickets predict` and `sentiment predict` echo ids; formula-like ones get a `'` guard.
  @Test func textPredictOutputNeutralisesFormulaIds() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = dir.appendingPathComponent("t.traction").path
    let train = try runTraction([
      "tickets", "train", "--data", Self.text.appendingPathComponent("tickets_small.csv").path,
      "--text", "text", "--label", "intent", "--id", "ticket_id", "--model", model, "--quiet",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let input =
      "ticket_id,text\n\"=HYPERLINK(\"\"http://evil.example\"\")\",i forgot my password\n@SUM(1),refund please\n"
    let r = try runTraction(
      ["tickets", "predict", "--model", model, "--data", "-", "--out", "-"],
      stdin: Data(input.utf8))
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("\"'=HYPERLINK(") || $0.hasPrefix("'=HYPERLINK(") })
    #expect(lines.contains { $0.hasPrefix("'@SUM(1)") || $0.hasPrefix("\"'@SUM(1)") })
    #expect(!lines.contains { $0.hasPrefix("=") || $0.hasPrefix("\"=") || $0.hasPrefix("@") })
  }
}
