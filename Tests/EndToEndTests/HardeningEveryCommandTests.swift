import Foundation
import Testing
import _TestSupport

/// The bad-input corpus (`BadInputCase.all`) against every risk, text and recommend command that
/// reads a user CSV: each fails with exit status 1 and one line naming the file, line and column, and
/// leaves no output (and an existing model untouched). Excel's `sep=;` line and paths with
/// spaces and Unicode work; formula-like ids are never echoed unescaped into CSV output.
@Suite(.serialized) struct HardeningEveryCommandTests {
  static let text = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/text")
  static let shop = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/recommend")
  static let churnData = TestSupport.repositoryRoot.appendingPathComponent(
    "Tests/Fixtures/risk/churn_train.csv")

  /// Models trained once for the whole suite, in their own folder.
  struct Models: Sendable {
    let churn: String
    let tickets: String
    let reviews: String
    let shop: String
  }

  static let trained = Result { try trainModels() }

  static func trainModels() throws -> Models {
    let dir = try TestSupport.temporaryDirectory()
    let models = Models(
      churn: dir.appendingPathComponent("c.traction").path,
      tickets: dir.appendingPathComponent("t.traction").path,
      reviews: dir.appendingPathComponent("s.traction").path,
      shop: dir.appendingPathComponent("r.model").path)
    for arguments in [
      [
        "churn", "train", "--data", churnData.path, "--target", "churned", "--model", models.churn,
        "--ensemble", "1", "--epochs", "5",
      ],
      [
        "tickets", "train", "--data", text.appendingPathComponent("tickets_small.csv").path,
        "--text", "text", "--label", "intent", "--id", "ticket_id", "--model", models.tickets,
      ],
      [
        "sentiment", "train", "--data", text.appendingPathComponent("reviews_small.csv").path,
        "--text", "review", "--label", "label", "--id", "id", "--model", models.reviews,
      ],
      [
        "recommend", "train", "--data", shop.appendingPathComponent("purchases.csv").path,
        "--user", "customer_id", "--item", "product_id", "--model", models.shop,
      ],
    ] {
      let r = try runCLI(arguments + (arguments[0] == "churn" ? [] : ["--quiet"]))
      guard r.status == 0 else { throw CocoaError(.featureUnsupported, userInfo: ["run": r]) }
    }
    return models
  }

  /// The good input each command family reads, as lines (the header and up to `rows` rows
  /// without quotes).
  static func goodLines(_ kind: String, rows: Int = 8) throws -> [String] {
    let fixture: URL
    switch kind {
    case "churn": fixture = churnData
    case "tickets": fixture = text.appendingPathComponent("tickets_small.csv")
    case "reviews": fixture = text.appendingPathComponent("reviews_small.csv")
    case "purchases": fixture = shop.appendingPathComponent("purchases.csv")
    case "catalogue": fixture = shop.appendingPathComponent("catalogue.csv")
    case "users":
      return ["customer_id,segment"] + (1...8).map { "C0000\($0),s\($0 % 3)" }
    default:
      return ["product_id,reason"] + (1...8).map { "P000\($0),r\($0 % 2)" }
    }
    return BadInputCase.goodLines(try String(contentsOf: fixture, encoding: .utf8), rows: rows)
  }

  /// A command that reads a file of kind `kind`; `arguments` gets that file's path and a folder
  /// for outputs (which must stay empty when the command fails).
  /// `stdin`: the option also takes `-` for standard input.
  struct Command: Sendable {
    let kind: String
    var stdin = true
    let arguments: @Sendable (_ file: String, _ out: String, _ models: Models) -> [String]
  }

  static func good(_ kind: String) -> String {
    switch kind {
    case "purchases": return shop.appendingPathComponent("purchases.csv").path
    case "reviews": return text.appendingPathComponent("reviews_small.csv").path
    default: return text.appendingPathComponent("tickets_small.csv").path
    }
  }

  static let commands: [Command] = [
    Command(kind: "churn", stdin: false) { f, out, _ in
      [
        "churn", "train", "--data", f, "--target", "churned", "--model", out + "/new.traction",
        "--report", out + "/report", "--ensemble", "1", "--epochs", "3",
      ]
    },
    Command(kind: "churn", stdin: false) { f, out, m in
      ["churn", "evaluate", "--model", m.churn, "--data", f, "--report", out + "/report"]
    },
    Command(kind: "churn") { f, out, m in
      ["churn", "score", "--model", m.churn, "--data", f, "--out", out + "/s.csv"]
    },
    Command(kind: "tickets") { f, out, _ in
      [
        "tickets", "train", "--data", f, "--text", "text", "--label", "intent", "--model",
        out + "/new.traction", "--report", out + "/report",
      ]
    },
    Command(kind: "tickets") { f, out, m in
      ["tickets", "evaluate", "--model", m.tickets, "--data", f, "--report", out + "/report"]
    },
    Command(kind: "tickets") { f, out, m in
      ["tickets", "predict", "--model", m.tickets, "--data", f, "--out", out + "/p.csv"]
    },
    Command(kind: "reviews") { f, out, _ in
      [
        "sentiment", "train", "--data", f, "--text", "review", "--label", "label", "--group",
        "shop", "--time", "day", "--model", out + "/new.traction", "--report", out + "/report",
      ]
    },
    Command(kind: "reviews") { f, out, m in
      ["sentiment", "evaluate", "--model", m.reviews, "--data", f, "--report", out + "/report"]
    },
    Command(kind: "reviews") { f, out, m in
      ["sentiment", "predict", "--model", m.reviews, "--data", f, "--out", out + "/p.csv"]
    },
    Command(kind: "purchases") { f, out, _ in
      [
        "recommend", "train", "--data", f, "--user", "customer_id", "--item", "product_id",
        "--model", out + "/new.model", "--report", out + "/report",
      ]
    },
    Command(kind: "catalogue", stdin: false) { f, out, _ in
      [
        "recommend", "train", "--data", good("purchases"), "--user", "customer_id", "--item",
        "product_id", "--items", f, "--model", out + "/new.model",
      ]
    },
    Command(kind: "purchases") { f, out, m in
      ["recommend", "evaluate", "--model", m.shop, "--test", f, "--report", out + "/report"]
    },
    Command(kind: "purchases") { f, _, m in
      ["recommend", "evaluate", "--model", m.shop, "--test", good("purchases"), "--train", f]
    },
    Command(kind: "users") { f, out, m in
      ["recommend", "for", "--model", m.shop, "--users", f, "--out", out + "/for.csv"]
    },
    Command(kind: "items", stdin: false) { f, out, m in
      [
        "recommend", "for", "--model", m.shop, "--users", "-", "--exclude", f, "--out",
        out + "/for.csv",
      ]
    },
    Command(kind: "purchases") { f, out, m in
      ["recommend", "update", "--model", m.shop, "--data", f, "--out", out + "/new.model"]
    },
    // In place: the model must be left as it was.
    Command(kind: "purchases") { f, _, m in ["recommend", "update", "--model", m.shop, "--data", f]
    },
  ]

  /// Checks one failed run: exit status 1, no crash, one line with `path` + `message`.
  static func expectCleanFailure(
    _ r: CLIRun, path: String, message: String, _ context: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(!r.signalled, "\(context): crashed: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.status == 1, "\(context): exit \(r.status)", sourceLocation: sourceLocation)
    #expect(
      r.stderr.contains(path + message), "\(context): \(r.stderr.prefix(600))",
      sourceLocation: sourceLocation)
    #expect(
      r.stderr.split(separator: "\n").count == 1, "\(context): \(r.stderr.prefix(600))",
      sourceLocation: sourceLocation)
  }

  static func snapshot(_ models: Models) throws -> [Data] {
    try [models.churn, models.tickets, models.reviews, models.shop].map {
      try Data(contentsOf: URL(fileURLWithPath: $0))
    }
  }

  @Test(arguments: BadInputCase.all)
  func everyCommandRejectsTheCase(_ bad: BadInputCase) throws {
    let models = try Self.trained.get()
    let before = try Self.snapshot(models)
    let dir = try TestSupport.temporaryDirectory()
    let out = dir.appendingPathComponent("out").path
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    for command in Self.commands {
      let lines = try Self.goodLines(command.kind)
      let file = dir.appendingPathComponent("\(command.kind)-\(bad.name).csv").path
      if !FileManager.default.fileExists(atPath: file) {
        try Data(bad.make(lines)).write(to: URL(fileURLWithPath: file))
      }
      let arguments = command.arguments(file, out, models)
      let r = try runCLI(arguments)
      Self.expectCleanFailure(
        r, path: file, message: bad.message(lines), "\(arguments.prefix(2)) \(bad.name)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "\(arguments)")
      // The same bytes on standard input are named <stdin>.
      if bad.small, command.stdin, let data = arguments.firstIndex(of: file) {
        var piped = arguments
        piped[data] = "-"
        let p = try runCLI(piped, stdin: bad.make(lines))
        Self.expectCleanFailure(
          p, path: "<stdin>", message: bad.message(lines), "\(piped.prefix(2)) - \(bad.name)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
      }
    }
    #expect(try Self.snapshot(models) == before, "a failed run changed a model")
  }

  /// Excel's `sep=;` first line sets the delimiter for every command.
  @Test func excelSeparatorLineWorksEverywhere() throws {
    let models = try Self.trained.get()
    let dir = try TestSupport.temporaryDirectory()
    var files: [String: String] = [:]
    for kind in ["churn", "tickets", "reviews", "purchases", "catalogue", "users", "items"] {
      let lines = try Self.goodLines(kind, rows: .max)
      #expect(!lines.joined().contains(";"))
      let path = dir.appendingPathComponent("\(kind)-sep.csv").path
      try
        ("sep=;\n"
        + lines.map { $0.replacingOccurrences(of: ",", with: ";") }
        .joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      files[kind] = path
    }
    for command in Self.commands {
      let out = dir.appendingPathComponent("out-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      var arguments = command.arguments(files[command.kind] ?? "", out, models)
      if arguments.contains("update") && !arguments.contains("--out") {
        arguments += ["--out", out + "/updated.model"]
      }
      let r = try runCLI(arguments, stdin: Array("C00001\n".utf8))
      #expect(r.status == 0, "\(arguments): \(r.stderr)")
      if arguments[1] == "predict" || arguments[1] == "score" {
        let written = try String(
          contentsOfFile: out + (arguments[1] == "score" ? "/s.csv" : "/p.csv"), encoding: .utf8)
        let rows = try Self.goodLines(command.kind, rows: .max).count
        #expect(written.split(separator: "\n").count == rows, "\(arguments): header + rows")
      }
      if arguments[1] == "for" {
        let written = try String(contentsOfFile: out + "/for.csv", encoding: .utf8)
        let users = Set(written.split(separator: "\n").dropFirst().map { $0.prefix(6) })
        #expect(users.count == (arguments.contains("--exclude") ? 1 : 8), "\(arguments)")
        if arguments.contains("--exclude") { #expect(!written.contains(",P0001,")) }
      }
    }
  }

  /// Paths with spaces and Unicode for --data, --model, --report, --out, --users, --items.
  @Test func unicodePathsWithSpacesWorkEverywhere() throws {
    let models = try Self.trained.get()
    let root = try TestSupport.temporaryDirectory().appendingPathComponent("données clients")
    let out = root.appendingPathComponent("sorties été").path
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    var files: [String: String] = [:]
    for kind in ["churn", "tickets", "reviews", "purchases", "catalogue", "users", "items"] {
      let path = root.appendingPathComponent("\(kind) 客户 é.csv").path
      try (try Self.goodLines(kind, rows: .max).joined(separator: "\n") + "\n").write(
        toFile: path, atomically: true, encoding: .utf8)
      files[kind] = path
    }
    let moved = Models(
      churn: root.appendingPathComponent("modèle c.traction").path,
      tickets: root.appendingPathComponent("modèle t.traction").path,
      reviews: root.appendingPathComponent("modèle s.traction").path,
      shop: root.appendingPathComponent("modèle r.model").path)
    for (from, to) in [
      (models.churn, moved.churn), (models.tickets, moved.tickets),
      (models.reviews, moved.reviews), (models.shop, moved.shop),
    ] {
      try FileManager.default.copyItem(atPath: from, toPath: to)
    }
    for command in Self.commands {
      let arguments = command.arguments(files[command.kind] ?? "", out, moved)
      let r = try runCLI(arguments, stdin: Array("C00001\n".utf8))
      #expect(r.status == 0, "\(arguments): \(r.stderr)")
    }
    let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(written == ["for.csv", "new.model", "new.traction", "p.csv", "report", "s.csv"])
    let missing = root.appendingPathComponent("absent 客户.csv").path
    for command in Self.commands {
      let arguments = command.arguments(missing, out, moved)
      let r = try runCLI(arguments)
      Self.expectCleanFailure(
        r, path: missing, message: ": cannot open: No such file or directory", "\(arguments)")
    }
  }

  /// Ids starting with `=`, `+`, `-`, `@`, tab or CR (not numbers) get a `'` guard in the output
  /// of `tickets predict` and `sentiment predict`; numbers such as -5 are left alone.
  @Test func textPredictOutputNeutralisesFormulaIds() throws {
    let models = try Self.trained.get()
    let ids = [
      "=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
      "\tpadded", "\rreturn", "-5", "C-1",
    ]
    for (model, textColumn, idColumn) in [
      (models.tickets, "text", "ticket_id"), (models.reviews, "review", "id"),
    ] {
      var input = "\(idColumn),\(textColumn)\n"
      for id in ids {
        input +=
          "\"" + id.replacingOccurrences(of: "\"", with: "\"\"") + "\",i forgot my password\n"
      }
      let r = try runCLI(
        [
          "\(model == models.tickets ? "tickets" : "sentiment")", "predict", "--model", model,
          "--data", "-", "--out", "-",
        ],
        stdin: Array(input.utf8))
      #expect(r.status == 0, "\(r.stderr)")
      // A guarded cell is written quoted, with the guard inside the quotes.
      let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
      #expect(lines.count == ids.count + 1, "one line per row and a final newline")
      for (id, line) in zip(ids, lines) {
        let cell =
          id == "-5" || id == "C-1"
          ? id : "\"'" + id.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(line.hasPrefix(cell + ","), "\(model): \(line)")
      }
    }
  }

  /// Labels come from the training file too: a formula-like intent is guarded in the intent
  /// and top_intents cells of `tickets predict`.
  @Test func ticketsPredictNeutralisesFormulaLabels() throws {
    let dir = try TestSupport.temporaryDirectory()
    let data = dir.appendingPathComponent("tickets.csv").path
    let text = try String(
      contentsOf: Self.text.appendingPathComponent("tickets_small.csv"), encoding: .utf8)
    try text.replacingOccurrences(of: ",password", with: ",=password").write(
      toFile: data, atomically: true, encoding: .utf8)
    let model = dir.appendingPathComponent("t.traction").path
    let train = try runCLI([
      "tickets", "train", "--data", data, "--text", "text", "--label", "intent", "--model", model,
      "--quiet",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let r = try runCLI(
      ["tickets", "predict", "--model", model, "--data", "-", "--out", "-"],
      stdin: Array("text\ni forgot my password\n".utf8))
    #expect(r.status == 0, "\(r.stderr)")
    let row = r.stdout.split(separator: "\n").dropFirst().first ?? ""
    // id (the row number), intent, probability, decision, top_intents
    #expect(row.hasPrefix("1,\"'=password\","), "\(row)")
    #expect(row.contains(",\"'=password="), "\(row)")
    #expect(!row.contains(",=") && !row.contains(",\"="), "\(row)")
  }
}
