import Foundation
import Testing
import _TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `--compare old/report.xml` on every `train` and `evaluate` (issue 4): the new report shows the
/// previous values and deltas; a bad compare file stops the run before anything is written
/// (issue 7's corpus, `Tests/Fixtures/bad/compare_*`).
@Suite(.serialized) struct CompareCLITests {
  static let bad = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/bad")
  static func badFixture(_ name: String) -> String { bad.appendingPathComponent(name).path }
  static let tickets = TestSupport.repositoryRoot
    .appendingPathComponent("Tests/Fixtures/text/tickets_small.csv").path
  static func recommendFixture(_ name: String) -> String {
    TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/recommend/\(name)").path
  }

  /// One key figure of a report.xml, with its "previous run" comparison if any.
  struct Figure: Equatable {
    var value: String
    var previousValue: String?
    var previousDelta: String?
  }

  /// Key figures of a report.xml by key (or label when the figure has no key).
  static func figures(_ reportDirectory: String) throws -> [String: Figure] {
    let url = URL(fileURLWithPath: reportDirectory).appendingPathComponent("report.xml")
    let document = try XMLDocument(contentsOf: url, options: [])
    var out: [String: Figure] = [:]
    for node in try document.nodes(forXPath: "/report/keyFigures/keyFigure") {
      guard let element = node as? XMLElement else { continue }
      let name =
        element.attribute(forName: "key")?.stringValue
        ?? element.elements(forName: "label").first?.stringValue ?? ""
      let previous = element.elements(forName: "comparison").first {
        $0.elements(forName: "label").first?.stringValue == "previous run"
      }
      out[name] = Figure(
        value: element.attribute(forName: "value")?.stringValue ?? "",
        previousValue: previous?.attribute(forName: "value")?.stringValue,
        previousDelta: previous?.attribute(forName: "delta")?.stringValue)
    }
    return out
  }

  /// Checks that every key figure of `new` that `old` also has shows old's value as "previous
  /// run" with delta = new − old, in XML and in HTML; returns how many figures were compared.
  @discardableResult
  static func expectComparison(
    new: String, old: String, minimum: Int, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Int {
    let before = try figures(old)
    let after = try figures(new)
    var compared = 0
    var changed = 0
    for (name, figure) in after {
      guard let previous = before[name] else { continue }
      compared += 1
      #expect(
        figure.previousValue == previous.value, "\(name): previous value",
        sourceLocation: sourceLocation)
      let delta = Double(figure.previousDelta ?? "") ?? .nan
      let expected = (Double(figure.value) ?? .nan) - (Double(previous.value) ?? .nan)
      if expected.isNaN {
        #expect(delta.isNaN, "\(name): delta of NaN", sourceLocation: sourceLocation)
      } else {
        #expect(
          abs(delta - expected) <= 1e-9 * max(1, abs(expected)),
          "\(name): delta \(delta) vs \(expected)", sourceLocation: sourceLocation)
      }
      if figure.value != previous.value { changed += 1 }
    }
    #expect(
      compared >= minimum, "only \(compared) figures compared", sourceLocation: sourceLocation)
    for (name, figure) in after where before[name] == nil {
      #expect(figure.previousValue == nil, "\(name) is new", sourceLocation: sourceLocation)
    }
    let html = try String(contentsOfFile: new + "/report.html", encoding: .utf8)
    #expect(
      html.components(separatedBy: " vs previous run (").count - 1 == compared,
      "HTML shows one 'vs previous run' per compared figure", sourceLocation: sourceLocation)
    let xml = try String(contentsOfFile: new + "/report.xml", encoding: .utf8)
    #expect(
      xml.contains("<role>previous report (--compare)</role>"), "provenance lists the old report",
      sourceLocation: sourceLocation)
    return changed
  }

  @Test func riskTrainAndEvaluateCompareWithPreviousRun() throws {
    let dir = try TestSupport.temporaryDirectory()
    let data = RiskCLITests.fixture("churn_train.csv")
    func train(_ name: String, seed: String, extra: [String] = []) throws -> String {
      let report = dir.appendingPathComponent(name).path
      let r = try runTraction(
        [
          "churn", "train", "--data", data, "--target", "churned", "--model",
          dir.appendingPathComponent("\(name).traction").path, "--report", report, "--ensemble",
          "1", "--seed", seed,
        ] + extra)
      #expect(r.status == 0, "\(r.stderr)")
      return report
    }
    let first = try train("first", seed: "3")
    #expect(try Self.figures(first).values.allSatisfy { $0.previousValue == nil })
    // A different seed gives different figures, so some deltas are non-zero.
    let second = try train("second", seed: "4", extra: ["--compare", first + "/report.xml"])
    let changed = try Self.expectComparison(new: second, old: first, minimum: 5)
    #expect(changed > 0, "a new seed should move at least one figure")

    // evaluate against the training report; the folder is accepted in place of report.xml.
    let evaluation = dir.appendingPathComponent("evaluation").path
    let r = try runTraction([
      "churn", "evaluate", "--model", dir.appendingPathComponent("second.traction").path,
      "--data", RiskCLITests.fixture("churn_score.csv"), "--report", evaluation, "--compare",
      second,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    try Self.expectComparison(new: evaluation, old: second, minimum: 5)
  }

  @Test func ticketsAndSentimentCompareWithPreviousRun() throws {
    let dir = try TestSupport.temporaryDirectory()
    func run(_ arguments: [String]) throws {
      let r = try runTraction(arguments)
      #expect(r.status == 0, "\(arguments.prefix(2)): \(r.stderr)")
    }
    let t1 = dir.appendingPathComponent("t1").path
    let t2 = dir.appendingPathComponent("t2").path
    let te = dir.appendingPathComponent("te").path
    let model = dir.appendingPathComponent("t.traction").path
    let ticketArgs = ["tickets", "train", "--data", Self.tickets, "--model", model, "--quiet"]
    try run(ticketArgs + ["--report", t1, "--seed", "1"])
    try run(ticketArgs + ["--report", t2, "--seed", "2", "--compare", t1 + "/report.xml"])
    try Self.expectComparison(new: t2, old: t1, minimum: 4)
    try run([
      "tickets", "evaluate", "--model", model, "--data", Self.tickets, "--report", te,
      "--compare", t2 + "/report.xml",
    ])
    try Self.expectComparison(new: te, old: t2, minimum: 4)

    var csv = "id,review,label\n"
    let pos = ["great food, fast delivery", "loved it", "很好吃，送得快", "friendly staff"]
    let neg = ["terrible, cold and late", "awful service", "太慢了，饭都凉了", "never again"]
    for i in 0..<80 { csv += "\(i),\"\((i % 2 == 0 ? pos : neg)[i / 2 % 4])\",\(i % 2)\n" }
    let reviews = dir.appendingPathComponent("reviews.csv")
    try Data(csv.utf8).write(to: reviews)
    let s1 = dir.appendingPathComponent("s1").path
    let s2 = dir.appendingPathComponent("s2").path
    let se = dir.appendingPathComponent("se").path
    let sentimentModel = dir.appendingPathComponent("s.traction").path
    let sentimentArgs = [
      "sentiment", "train", "--data", reviews.path, "--text", "review", "--label", "label",
      "--model", sentimentModel, "--quiet",
    ]
    try run(sentimentArgs + ["--report", s1, "--seed", "1"])
    try run(sentimentArgs + ["--report", s2, "--seed", "5", "--compare", s1 + "/report.xml"])
    try Self.expectComparison(new: s2, old: s1, minimum: 4)
    try run([
      "sentiment", "evaluate", "--model", sentimentModel, "--data", reviews.path, "--report", se,
      "--compare", s2 + "/report.xml",
    ])
    try Self.expectComparison(new: se, old: s2, minimum: 4)
  }

  @Test func recommendCompareWithPreviousRun() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = dir.appendingPathComponent("shop.model").path
    let args = [
      "recommend", "train", "--data", Self.recommendFixture("purchases.csv"), "--user",
      "customer_id", "--item", "product_id", "--weight", "quantity", "--model", model, "--quiet",
    ]
    let r1 = dir.appendingPathComponent("r1").path
    let r2 = dir.appendingPathComponent("r2").path
    let re = dir.appendingPathComponent("re").path
    var r = try runTraction(args + ["--report", r1, "--seed", "1"])
    #expect(r.status == 0, "\(r.stderr)")
    r = try runTraction(args + ["--report", r2, "--seed", "2", "--compare", r1 + "/report.xml"])
    #expect(r.status == 0, "\(r.stderr)")
    try Self.expectComparison(new: r2, old: r1, minimum: 5)
    r = try runTraction([
      "recommend", "evaluate", "--model", model, "--test", Self.recommendFixture("new.csv"),
      "--report", re, "--compare", r2 + "/report.xml",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    try Self.expectComparison(new: re, old: r2, minimum: 5)
  }

  /// (fixture or missing path, message fragment): each must fail before anything is written.
  static let badFiles: [(String, String)] = [
    ("no_such_report.xml", "no_such_report.xml: no such file"),
    ("compare_empty.xml", "compare_empty.xml is not well-formed XML: the file is empty"),
    ("compare_not_xml.xml", "compare_not_xml.xml is not well-formed XML: line 1, column 1:"),
    (
      "compare_truncated.xml",
      "compare_truncated.xml is not well-formed XML: line 20, column 39: Premature end of data"
    ),
    (
      "compare_report.html",
      "compare_report.html is not well-formed XML: line 9, column 1: Premature end of data"
    ),
    (
      "compare_other_schema.xml",
      "compare_other_schema.xml is not a Traction report.xml: line 2: the root element is <PMML> "
        + "in a namespace, not <report>"
    ),
    (
      "compare_schema_version_2.xml",
      "compare_schema_version_2.xml is not a Traction report.xml: line 2: schemaVersion '2'; "
        + "this version reads schemaVersion '1'"
    ),
    (
      "compare_bad_value.xml",
      "compare_bad_value.xml is not a Traction report.xml: line 7: key figure 'pr_auc' has "
        + "value 'about 0.6', which is not a number"
    ),
  ]

  /// Every `train` and `evaluate`, with the report kind it writes.
  static func commands(model: String, report: String) -> [(kind: String, arguments: [String])] {
    let risk = RiskCLITests.fixture("churn_train.csv")
    let purchases = recommendFixture("purchases.csv")
    var out: [(String, [String])] = []
    for preset in ["churn", "fraud", "credit"] {
      out.append(
        (preset, [preset, "train", "--data", risk, "--target", "churned", "--model", model]))
      out.append((preset, [preset, "evaluate", "--model", model, "--data", risk]))
    }
    out.append(("tickets", ["tickets", "train", "--data", tickets, "--model", model, "--quiet"]))
    out.append(("tickets", ["tickets", "evaluate", "--model", model, "--data", tickets]))
    out.append(
      (
        "sentiment",
        ["sentiment", "train", "--data", tickets, "--label", "intent", "--model", model, "--quiet"]
      ))
    out.append(("sentiment", ["sentiment", "evaluate", "--model", model, "--data", tickets]))
    out.append(
      (
        "recommend",
        [
          "recommend", "train", "--data", purchases, "--user", "customer_id", "--item",
          "product_id", "--model", model, "--quiet",
        ]
      ))
    out.append(("recommend", ["recommend", "evaluate", "--model", model, "--test", purchases]))
    return out.map { ($0.0, $0.1 + ["--report", report]) }
  }

  /// Checks a failed run: normal exit 1, one stderr line holding `fragment`, empty `dir`.
  static func expectRejected(
    _ r: (status: Int32, stdout: String, stderr: String), fragment: String, dir: URL,
    context: String
  ) throws {
    #expect(r.status == 1, "\(context): status \(r.status), stderr \(r.stderr)")
    #expect(r.stderr.contains(fragment), "\(context): stderr \(r.stderr)")
    #expect(
      r.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1,
      "\(context): one line expected: \(r.stderr)")
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(left.isEmpty, "\(context): wrote \(left)")
  }

  @Test func badCompareFilesStopEveryTrainAndEvaluateBeforeWriting() throws {
    let dir = try TestSupport.temporaryDirectory()
    // Evaluate commands get a model path that does not exist: the compare file is checked
    // first, so its error (not the model's) is the one reported.
    let model = dir.appendingPathComponent("model.traction").path
    let report = dir.appendingPathComponent("report").path
    for (kind, arguments) in Self.commands(model: model, report: report) {
      var cases = Self.badFiles.map { (Self.badFixture($0.0), $0.1) }
      // A valid report of another kind.
      let other =
        kind == "tickets"
        ? TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/reporting/snapshot.xml")
          .path : Self.badFixture("compare_tickets_report.xml")
      let otherKind = kind == "tickets" ? "churn" : "tickets"
      cases.append(
        (
          other,
          "is a '\(otherKind)' report; --compare needs the report.xml of an earlier '\(kind)' run"
        ))
      for (path, fragment) in cases {
        let r = try runTraction(arguments + ["--compare", path])
        try Self.expectRejected(
          r, fragment: fragment, dir: dir,
          context: "\(arguments.prefix(2).joined(separator: " ")) --compare \(path)")
        #expect(r.stderr.contains(path), "names the file: \(r.stderr)")
      }
    }
  }

  @Test func compareWithoutReportIsAUsageError() throws {
    let dir = try TestSupport.temporaryDirectory()
    let r = try runTraction([
      "churn", "train", "--data", RiskCLITests.fixture("churn_train.csv"), "--target", "churned",
      "--model", dir.appendingPathComponent("m.traction").path, "--compare",
      Self.badFixture("compare_tickets_report.xml"),
    ])
    #expect(r.status != 0)
    #expect(r.stderr.contains("--compare needs --report DIR"), "\(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }
}
