import ArgumentParser
import Foundation
import Reporting

/// Help text of `--compare`, shared by every `train` and `evaluate` subcommand.
let compareHelp = ArgumentHelp(
  "report.xml of an earlier run: key figures then show the change vs that run (needs --report).",
  valueName: "old-report.xml")

/// Loads `--compare FILE` before any other work, so that a missing, damaged or foreign file
/// stops the command before it trains or writes anything.
/// - Parameters:
///   - path: The option value, if given.
///   - kind: Report kind this command writes (`churn`, `tickets`, `sentiment`, `recommend`, …).
/// - Throws: `ReportingError` naming the file (and line and column when the XML parser gives one).
func loadPreviousReport(_ path: String?, kind: String) throws -> ReportComparison? {
  guard let path else { return nil }
  return try ReportComparison.load(xmlAt: URL(fileURLWithPath: path), expectingKind: kind)
}

/// Rejects `--compare` without `--report`: the comparison only appears in a report.
func validateCompare(_ compare: String?, report: String?) throws {
  if compare != nil && report == nil {
    throw ValidationError("--compare needs --report DIR: the comparison is shown in the report")
  }
}
