import Foundation
import Testing
import _TestSupport

/// End-to-end runs of the built `traction` binary on the risk fixtures.
@Suite(.serialized) struct RiskCLITests {
  static let fixtures = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/risk")
  static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

  /// Trains the small churn model once per test that needs it (fast settings).
  static func trainSmallModel(in dir: URL, preset: String = "churn") throws -> String {
    let model = dir.appendingPathComponent("model.traction").path
    let r = try runTraction([
      preset, "train", "--data", fixture("churn_train.csv"), "--target", "churned",
      "--model", model, "--ensemble", "2", "--seed", "7",
    ])
    #expect(r.status == 0, "train failed: \(r.stderr)")
    return model
  }

  @Test func trainWritesModelReportAndMetrics() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = dir.appendingPathComponent("m.traction").path
    let report = dir.appendingPathComponent("report").path
    let r = try runTraction([
      "churn", "train", "--data", Self.fixture("churn_train.csv"), "--target", "churned",
      "--model", model, "--report", report, "--ensemble", "1",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("roc_auc="))
    for file in ["report.html", "report.xml", "metrics.json"] {
      #expect(FileManager.default.fileExists(atPath: report + "/" + file), "\(file) missing")
    }
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: report + "/metrics.json"))) as? [String: Any]
    let keys = ["roc_auc", "pr_auc", "log_loss", "brier", "ks", "f1", "precision", "recall",
      "threshold", "rows", "fit_seconds"]
    for key in keys { #expect(json?[key] is NSNumber, "metrics.json lacks \(key)") }
    let auc = (json?["roc_auc"] as? NSNumber)?.doubleValue ?? 0
    #expect(auc > 0.7, "validation ROC AUC \(auc) on the churn fixture")
    // 15% of 800 rows are held out for validation.
    #expect((json?["rows"] as? NSNumber)?.intValue == 120)
    let html = try String(contentsOfFile: report + "/report.html", encoding: .utf8)
    #expect(html.contains("20% highest-risk customers reaches"))
  }

  @Test func scoreStreamsOneLinePerInputLineInOrder() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = try Self.trainSmallModel(in: dir)
    let input = try String(contentsOfFile: Self.fixture("churn_score.csv"), encoding: .utf8)
    let inputIDs = input.split(separator: "\n").dropFirst().map {
      String($0.split(separator: ",")[0])
    }
    let out = dir.appendingPathComponent("scores.csv").path
    let file = try runTraction(["churn", "score", "--model", model, "--data", Self.fixture("churn_score.csv"), "--out", out])
    #expect(file.status == 0, "\(file.stderr)")
    let written = try String(contentsOfFile: out, encoding: .utf8)
    let lines = written.split(separator: "\n").map(String.init)
    #expect(lines.first == "customer_id,probability,risk_band,decision,reason_1,reason_2,reason_3")
    #expect(lines.count == inputIDs.count + 1)
    #expect(lines.dropFirst().map { String($0.split(separator: ",")[0]) } == inputIDs)
    for line in lines.dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      let p = Double(cells[1]) ?? -1
      #expect(p >= 0 && p <= 1)
      #expect(["low", "medium", "high", "critical"].contains(String(cells[2])))
      #expect(["contact", "no_action"].contains(String(cells[3])))
      #expect(cells[4].contains("="), "a reason names field=value: \(line)")
    }
    // stdin -> stdout gives the same bytes.
    let piped = try runTraction(
      ["churn", "score", "--model", model, "--data", "-", "--out", "-"], stdin: Data(input.utf8))
    #expect(piped.status == 0)
    #expect(piped.stdout == written)
  }

  @Test func evaluateReportsOnLabelledFile() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = try Self.trainSmallModel(in: dir)
    let report = dir.appendingPathComponent("eval").path
    let r = try runTraction([
      "churn", "evaluate", "--model", model, "--data", Self.fixture("churn_score.csv"),
      "--report", report,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try String(contentsOfFile: report + "/metrics.json", encoding: .utf8)
    #expect(json.contains("\"rows\": 200"))
    #expect(!json.contains("fit_seconds"))
  }

  @Test func creditScoreAddsPointsAndAdverseActionReasons() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = try Self.trainSmallModel(in: dir, preset: "credit")
    let r = try runTraction(["credit", "score", "--model", model, "--data", Self.fixture("churn_score.csv")])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.first == "customer_id,probability,risk_band,decision,score,reason_1,reason_2,reason_3")
    let first = lines.dropFirst().first.map { $0.split(separator: ",", omittingEmptySubsequences: false) } ?? []
    #expect(first.count == 8)
    #expect(Int(first[4]) != nil)
    #expect(first[5].hasSuffix(" pts)"))
  }

  /// Every bad input: one clear line naming the file (and line/column when there is one),
  /// a non-zero exit and no output file.
  @Test(arguments: [
    ("ragged.csv", "churned", "ragged.csv:5: column 16"),
    ("unterminated_quote.csv", "churned", "unterminated_quote.csv:4: column 3: unterminated"),
    ("invalid_utf8.csv", "churned", "invalid_utf8.csv:3: column 2: invalid UTF-8"),
    ("empty.csv", "churned", "empty.csv: the file is empty"),
    ("header_only.csv", "churned", "header_only.csv: no data rows"),
    ("churn_train.csv", "nope", "target column 'nope' not found"),
    ("one_class.csv", "churned", "has only one class"),
    ("three_values.csv", "churned", "has 3 values (Maybe, No, Yes); name the risk outcome with --positive"),
    ("nan_in_training.csv", "churned", "nan_in_training.csv:22: column 'tenure_months': value 'NaN'"),
    ("missing_target_cell.csv", "churned", "missing_target_cell.csv:12: column 'churned'"),
  ])
  func badTrainingInputFailsCleanly(file: String, target: String, message: String) throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = dir.appendingPathComponent("bad.model").path
    let r = try runTraction([
      "churn", "train", "--data", Self.fixture(file), "--target", target, "--model", model,
      "--report", dir.appendingPathComponent("report").path,
    ])
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "one line expected: \(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: model))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("report").path))
  }

  @Test func threeValuedTargetTrainsWithPositive() throws {
    let dir = try TestSupport.temporaryDirectory()
    let r = try runTraction([
      "churn", "train", "--data", Self.fixture("three_values.csv"), "--target", "churned",
      "--positive", "Maybe", "--model", dir.appendingPathComponent("m").path, "--ensemble", "1",
    ])
    #expect(r.status == 0, "\(r.stderr)")
  }

  @Test(arguments: [
    ("score_text_in_numeric.csv", "score_text_in_numeric.csv:6: column 'monthly_fee': value 'twelve'"),
    ("score_infinite.csv", "score_infinite.csv:4: column 'logins_30d': value 'inf'"),
    ("score_missing_columns.csv", "missing column(s) the model was trained with: contract, tenure_months"),
  ])
  func badScoringInputFailsWithoutPartialOutput(file: String, message: String) throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = try Self.trainSmallModel(in: dir)
    let out = dir.appendingPathComponent("scores.csv").path
    let r = try runTraction(["churn", "score", "--model", model, "--data", Self.fixture(file), "--out", out])
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(!left.contains { $0.contains("scores.csv") }, "partial output left: \(left)")
  }

  @Test func damagedModelFileIsRejected() throws {
    let dir = try TestSupport.temporaryDirectory()
    let model = try Self.trainSmallModel(in: dir)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: model))
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: model))
    let r = try runTraction(["churn", "score", "--model", model, "--data", Self.fixture("churn_score.csv")])
    #expect(r.status != 0)
    #expect(r.stderr.contains(model))
    #expect(r.stdout.isEmpty)
  }
}
