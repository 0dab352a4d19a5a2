import ArgumentParser
import Foundation
import RiskScoring

/// `traction demo`: runs every pipeline on the bundled demo data and writes reports.
struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run every pipeline on the bundled demo data and write reports/.")

  @Option(help: "Output folder for the reports.")
  var out: String = "reports"

  @Option(help: "Folder holding the bundled demo datasets.")
  var datasets: String = "datasets"

  func run() throws {
    let fm = FileManager.default
    try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
    try runReportingErrors {
      try RiskDemo.run(
        datasets: URL(fileURLWithPath: datasets), out: URL(fileURLWithPath: out), log: riskLog)
    }
    print("demo: reports written to \(out)/")
  }
}
