import Foundation
import Testing
import _TestSupport

/// Issue 7 bad-input corpus (`Tests/Fixtures/bad/` plus big files generated at test time):
/// every file makes `churn train` and `churn score` exit normally with a non-zero status and one
/// message naming the file and line (and column), and writes no output.
@Suite(.serialized) struct HardeningBadInputTests {
  static let fixtures = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/bad")

  /// Runs the binary; `signalled` is true when it died from a signal rather than exiting.
  static func run(_ arguments: [String]) throws -> (status: Int32, signalled: Bool, stderr: String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: HardeningDurabilityTests.tractionPath)
    process.arguments = arguments
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, process.terminationReason == .uncaughtSignal,
      String(decoding: e, as: UTF8.self)
    )
  }

  /// (fixture, message fragment after the path) for files both `train` and `score` reject.
  static let cases: [(String, String)] = [
    ("nul_bytes.csv", ":4: column 7: NUL byte inside a field"),
    ("utf16_bom.csv", ":1: column 1: the file is UTF-16 (little-endian), but Traction reads UTF-8"),
    ("duplicate_header.csv", ":1: column 5: duplicate column name 'monthly_fee' (also column 4)"),
  ]

  /// Rejected by `score` with a model trained on plain numbers.
  static let scoreOnlyCases: [(String, String)] = [
    ("currency_thousands.csv", ":4: column 'monthly_fee': value '$1,234.50' is not a finite number")
  ]

  /// Checks one failed run: a normal exit, non-zero, one line naming `path` and `message`.
  static func expectCleanFailure(
    _ r: (status: Int32, signalled: Bool, stderr: String), path: String, message: String
  ) {
    #expect(!r.signalled, "crashed with signal \(r.status): \(r.stderr)")
    #expect(r.status != 0)
    #expect(r.stderr.contains(path), "stderr does not name \(path): \(r.stderr)")
    #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "one line expected: \(r.stderr)")
  }

  @Test func corpusFailsCleanlyInTrain() throws {
    let dir = try TestSupport.temporaryDirectory()
    for (file, message) in Self.cases {
      let path = Self.fixtures.appendingPathComponent(file).path
      let model = dir.appendingPathComponent("\(file).traction").path
      let r = try Self.run([
        "churn", "train", "--data", path, "--target", "churned", "--model", model,
      ])
      Self.expectCleanFailure(r, path: path, message: message)
      #expect(!FileManager.default.fileExists(atPath: model), "\(file): model written")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test func corpusFailsCleanlyInScore() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = try RiskCLITests.trainSmallModel(in: dir)
    for (file, message) in Self.cases + Self.scoreOnlyCases {
      let path = Self.fixtures.appendingPathComponent(file).path
      let out = dir.appendingPathComponent("\(file).scores").path
      let r = try Self.run(["churn", "score", "--model", model, "--data", path, "--out", out])
      Self.expectCleanFailure(r, path: path, message: message)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.traction"])
  }

  /// CSV injection: a formula-like id is echoed into the score CSV only with a `'` guard.
  @Test func scoreOutputNeutralisesFormulaCells() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = try RiskCLITests.trainSmallModel(in: dir)
    let path = Self.fixtures.appendingPathComponent("formula_id.csv").path
    let out = dir.appendingPathComponent("scores.csv").path
    let r = try Self.run(["churn", "score", "--model", model, "--data", path, "--out", out])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let text = try String(contentsOfFile: out, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("\"'=HYPERLINK(") || $0.hasPrefix("'=HYPERLINK(") })
    #expect(!lines.contains { $0.hasPrefix("\"=") || $0.hasPrefix("=") })
  }

  /// Excel's `sep=;` line is honoured and currency/thousands values are read as numbers, both in
  /// `train` and, with the format remembered by the model, in `score`.
  @Test func excelSeparatorAndCurrencyTrainAndScore() throws {
    let dir = try TestSupport.temporaryDirectory()
    for file in ["excel_sep.csv", "currency_thousands.csv"] {
      let path = Self.fixtures.appendingPathComponent(file).path
      let model = dir.appendingPathComponent("\(file).traction").path
      let train = try runTraction([
        "churn", "train", "--data", path, "--target", "churned", "--model", model,
        "--ensemble", "1", "--epochs", "3",
      ])
      #expect(train.status == 0, "\(file): \(train.stderr)")
      if file == "currency_thousands.csv" {
        #expect(train.stderr.contains("column 'monthly_fee': numbers written like $1,234.50"))
      }
      let out = dir.appendingPathComponent("\(file).scores").path
      let score = try runTraction([
        "churn", "score", "--model", model, "--data", path, "--out", out,
      ])
      #expect(score.status == 0, "\(file): \(score.stderr)")
      let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
      #expect(lines.count == 61, "\(file): one line per row plus the header")
    }
  }

  /// 100,000 columns: a clear error naming the limit, quickly, from every reader.
  @Test func hundredThousandColumnsFailClearly() throws {
    let dir = try TestSupport.temporaryDirectory()
    let path = dir.appendingPathComponent("wide.csv").path
    let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
    let row = [String](repeating: "1", count: 100_000).joined(separator: ",")
    try (header + "\n" + row + "\n" + row + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    let model = dir.appendingPathComponent("m.traction").path
    for arguments in [
      ["churn", "train", "--data", path, "--target", "c0", "--model", model],
      ["recommend", "train", "--data", path, "--user", "c0", "--item", "c1", "--model", model],
    ] {
      let r = try Self.run(arguments)
      Self.expectCleanFailure(
        r, path: path,
        message: ":1: column 16385: the header has 100000 columns but Traction "
          + "reads at most 16384")
    }
    #expect(!FileManager.default.fileExists(atPath: model))
  }

  /// Paths with spaces and Unicode work for --data, --model, --report and --out.
  @Test func unicodePathsWithSpaces() throws {
    let root = try TestSupport.temporaryDirectory().appendingPathComponent("données clients")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let data = root.appendingPathComponent("é 客户.csv").path
    try FileManager.default.copyItem(atPath: RiskCLITests.fixture("churn_train.csv"), toPath: data)
    let model = root.appendingPathComponent("modèle 1.traction").path
    let report = root.appendingPathComponent("rapport final").path
    let train = try runTraction([
      "churn", "train", "--data", data, "--target", "churned", "--model", model, "--report",
      report, "--ensemble", "1", "--epochs", "3",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    #expect(FileManager.default.fileExists(atPath: report + "/report.html"))
    let html = try String(contentsOfFile: report + "/report.html", encoding: .utf8)
    #expect(html.contains("é 客户.csv"))
    let out = root.appendingPathComponent("scores été.csv").path
    let score = try runTraction(["churn", "score", "--model", model, "--data", data, "--out", out])
    #expect(score.status == 0, "\(score.stderr)")
    #expect(FileManager.default.fileExists(atPath: out))
    let missing = root.appendingPathComponent("absent é.csv").path
    let bad = try Self.run(["churn", "score", "--model", model, "--data", missing, "--out", out])
    Self.expectCleanFailure(bad, path: missing, message: "cannot open")
  }

  /// CSV injection in `recommend for` and `similar`: formula-like user and item ids are echoed
  /// with a `'`.
  @Test func recommendOutputNeutralisesFormulaIds() throws {
    let dir = try TestSupport.temporaryDirectory()
    let source = TestSupport.repositoryRoot.appendingPathComponent(
      "Tests/Fixtures/recommend/purchases.csv")
    var text = try String(contentsOf: source, encoding: .utf8)
    for k in 0..<30 {
      text +=
        "\"=HYPERLINK(\"\"http://evil.example\"\")\",@SUM(1),3,2024-09-0\(k % 9 + 1)T10:00:00Z\n"
      text += "C0000\(k % 9 + 1),@SUM(1),3,2024-09-0\(k % 9 + 1)T11:00:00Z\n"
      text += "C0000\(k % 9 + 1),+cmd,1,2024-09-0\(k % 9 + 1)T12:00:00Z\n"
    }
    let data = dir.appendingPathComponent("purchases.csv").path
    try text.write(toFile: data, atomically: true, encoding: .utf8)
    let model = dir.appendingPathComponent("m.model").path
    let train = try runTraction([
      "recommend", "train", "--data", data, "--user", "customer_id", "--item", "product_id",
      "--weight", "quantity", "--model", model, "--quiet",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let out = try runTraction(
      ["recommend", "for", "--model", model, "--users", "-", "--k", "200", "--include-seen"],
      stdin: Data("\"=HYPERLINK(\"\"http://evil.example\"\")\"\nC00002\n".utf8))
    #expect(out.status == 0, "\(out.stderr)")
    let lines = out.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("'=HYPERLINK(") || $0.hasPrefix("\"'=HYPERLINK(") })
    #expect(lines.contains { $0.contains(",'@SUM(1),") })
    #expect(!lines.contains { $0.hasPrefix("=") || $0.hasPrefix("\"=") || $0.contains(",@") })
    // `recommend similar` echoes the asked item and the similar ones: both guarded.
    let similar = try runTraction(["recommend", "similar", "--model", model, "--item", "@SUM(1)"])
    #expect(similar.status == 0, "\(similar.stderr)")
    let rows = similar.stdout.split(separator: "\n").dropFirst()
    #expect(!rows.isEmpty && rows.allSatisfy { $0.hasPrefix("'@SUM(1),") })
    #expect(rows.contains { $0.contains(",'+cmd,") })
    #expect(!rows.contains { $0.contains(",+") || $0.contains(",@") || $0.contains(",=") })
  }
}
