import Foundation
import Reporting
import _TestSupport

/// Locates or fetches the external tools of the PMML checks, once per test process.
enum PMMLTools {
  static var root: URL { TestSupport.repositoryRoot }

  /// Runs a command; returns its exit status, stdout and stderr.
  static func run(_ executable: String, _ arguments: [String], currentDirectory: URL? = nil) -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.currentDirectoryURL = currentDirectory ?? root
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do {
      try process.run()
    } catch {
      return (127, "", "\(executable): \(error)")
    }
    // Read both pipes before waiting so that a chatty child cannot block on a full pipe.
    let errData = ErrorReader(err.fileHandleForReading)
    let o = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), errData.finish())
  }

  /// `.build/pmml/pmml.xsd`, fetched by `scripts/fetch-pmml-xsd.sh` when missing; or why not.
  static let schema: Result<URL, Unavailable> = {
    let url = root.appendingPathComponent(".build/pmml/pmml.xsd")
    if FileManager.default.fileExists(atPath: url.path) { return .success(url) }
    let r = run(
      "bash", ["scripts/fetch-pmml-xsd.sh", root.appendingPathComponent(".build/pmml").path])
    if r.status == 0, FileManager.default.fileExists(atPath: url.path) { return .success(url) }
    return .failure(
      Unavailable(
        reason: "PMML 4.4 XSD unavailable (scripts/fetch-pmml-xsd.sh exit \(r.status): "
          + r.stderr.trimmingCharacters(in: .whitespacesAndNewlines) + ")"))
  }()

  /// Python of `.build/pmml/venv` with pypmml, created by `scripts/pmml-venv.sh`; or why not.
  static let python: Result<String, Unavailable> = {
    let r = run(
      "bash", ["scripts/pmml-venv.sh", root.appendingPathComponent(".build/pmml/venv").path])
    let path = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    if r.status == 0, !path.isEmpty { return .success(path) }
    let why =
      r.status == 4
      ? "no Java runtime (run scripts/ensure-deps.sh java)"
      : "pypmml could not be installed (offline?)"
    return .failure(
      Unavailable(
        reason: "pypmml parity check skipped: \(why): "
          + r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))
  }()

  struct Unavailable: Error { let reason: String }

  /// Scores `csv` with `pmml` through `Tests/Fixtures/reporting/pmml_score.py`; rows of fields.
  static func score(python: String, pmml: URL, csv: URL, fields: [String]) throws -> [[String]] {
    let script = root.appendingPathComponent("Tests/Fixtures/reporting/pmml_score.py").path
    let r = run(python, [script, pmml.path, csv.path, "--fields", fields.joined(separator: ",")])
    guard r.status == 0 else {
      throw Unavailable(reason: "pmml_score.py failed (\(r.status)): \(r.stderr)")
    }
    let lines = r.stdout.split(separator: "\n").map(String.init)
    guard lines.first == fields.joined(separator: ",") else {
      throw Unavailable(reason: "unexpected header: \(lines.first ?? "<none>")")
    }
    return lines.dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }
}

/// Drains a pipe on a background thread.
final class ErrorReader: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func finish() -> String {
    done.wait()
    return String(decoding: data, as: UTF8.self)
  }
}
