import Foundation
import Testing
import _TestSupport

/// pypmml (an independent PMML engine on the JVM), located once per test process.
enum RiskPMMLEngine {
  /// The python of `.build/pmml/venv` (created by `scripts/pmml-venv.sh`), or nil without Java.
  static let python: String? = {
    let root = TestSupport.repositoryRoot
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["bash", "scripts/pmml-venv.sh", root.appendingPathComponent(".build/pmml/venv").path]
    process.currentDirectoryURL = root
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    if process.terminationStatus != 0 || path.isEmpty {
      print("risk PMML parity skipped: no Java runtime or pypmml (run scripts/ensure-deps.sh java)")
      return nil
    }
    return path
  }()
}

/// `export --pmml` then scoring the rows with pypmml gives `traction score`'s probabilities.
@Test(
  .enabled(if: RiskPMMLEngine.python != nil, "needs Java and pypmml (scripts/ensure-deps.sh java)"),
  arguments: ["churn", "credit"])
func pmmlExportScoresLikeTraction(preset: String) throws {
  guard let python = RiskPMMLEngine.python else { return }
  let dir = try TestSupport.temporaryDirectory()
  let fixtures = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/risk")
  let data = fixtures.appendingPathComponent("churn_score.csv").path
  let model = dir.appendingPathComponent("m.traction").path
  let pmml = dir.appendingPathComponent("m.pmml").path
  let train = try runTraction([
    preset, "train", "--data", fixtures.appendingPathComponent("churn_train.csv").path,
    "--target", "churned", "--model", model, "--ensemble", "2",
  ])
  #expect(train.status == 0, "\(train.stderr)")
  let export = try runTraction([preset, "export", "--model", model, "--pmml", pmml])
  #expect(export.status == 0, "\(export.stderr)")
  let score = try runTraction([preset, "score", "--model", model, "--data", data])
  let ours = score.stdout.split(separator: "\n").dropFirst().map {
    Double($0.split(separator: ",")[1]) ?? -1
  }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: python)
  process.arguments = [
    TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/reporting/pmml_score.py").path,
    pmml, data, "--fields", "probability_Yes",
  ]
  let out = Pipe()
  process.standardOutput = out
  try process.run()
  let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  let theirs = text.split(separator: "\n").dropFirst().map { Double($0) ?? -2 }
  #expect(theirs.count == ours.count && ours.count == 200)
  var worst = 0.0
  for (a, b) in zip(ours, theirs) { worst = max(worst, abs(a - b)) }
  // `score` prints 6 decimals, so agreement is limited to 5e-7.
  #expect(worst < 1e-5, "max |pypmml - traction| = \(worst)")
}
