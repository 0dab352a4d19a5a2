import ArgumentParser
import Foundation
import RiskScoring

/// Marks which business preset a risk command group runs.
protocol RiskPresetMarker: Sendable {
  /// The preset of this command group.
  static var preset: RiskPreset { get }
}

/// `churn`: which customers will leave.
enum ChurnMarker: RiskPresetMarker { static var preset: RiskPreset { .churn } }
/// `fraud`: which claims or transactions are fraudulent.
enum FraudMarker: RiskPresetMarker { static var preset: RiskPreset { .fraud } }
/// `credit`: which applicants will default.
enum CreditMarker: RiskPresetMarker { static var preset: RiskPreset { .credit } }

/// `traction churn|fraud|credit`: one risk-scoring pipeline with business presets.
struct RiskCommand<Marker: RiskPresetMarker>: ParsableCommand {
  static var configuration: CommandConfiguration {
    let preset = Marker.preset
    return CommandConfiguration(
      commandName: preset.rawValue,
      abstract: "\(preset.title): train, evaluate, score CSV files and export PMML.",
      subcommands: [
        RiskTrainCommand<Marker>.self, RiskEvaluateCommand<Marker>.self,
        RiskScoreCommand<Marker>.self, RiskExportCommand<Marker>.self,
        RiskDemoDataCommand<Marker>.self,
      ])
  }
}

/// Runs a library call, printing a `RiskScoringError` (or any error) as one line on stderr and
/// exiting with status 1, as the CLI contract asks.
func runReportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ExitCode {
    throw error
  } catch {
    let text = String(describing: error)
    FileHandle.standardError.write(Data("error: \(text)\n".utf8))
    throw ExitCode.failure
  }
}

/// Writes a progress line to stderr (stdout is reserved for data when `--out -`).
@Sendable func riskLog(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Splits a comma-separated option value into trimmed, non-empty names.
func commaList(_ value: String?) -> [String] {
  guard let value else { return [] }
  return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    .filter { !$0.isEmpty }
}

/// `traction churn demo-data`: regenerates the bundled demo tables (hidden; for maintainers).
struct RiskDemoDataCommand<Marker: RiskPresetMarker>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "demo-data",
      abstract: "Regenerate the seeded demo tables in datasets/ (churn, fraud, credit).",
      shouldDisplay: false)
  }

  @Option(help: "Folder to write the tables into.")
  var out: String = "datasets"

  func run() throws {
    try runReportingErrors {
      try RiskDemoData.writeAll(to: URL(fileURLWithPath: out))
      for table in RiskDemoData.tables {
        riskLog("wrote \(out)/\(table.folder)/\(table.file) (\(table.rows) rows)")
      }
    }
  }
}
