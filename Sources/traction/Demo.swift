import ArgumentParser
import Foundation
import Reporting
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
    try TextDemo.run(datasets: datasets, out: out)
    try RecommendDemoStep.run(datasets: datasets, out: out)
    // Link every report folder written above (each holds report.html and report.xml).
    let outURL = URL(fileURLWithPath: out)
    let entries = ReportIndex.entries(in: outURL)
    try ReportIndex.write(entries, to: outURL.appendingPathComponent("index.html"))
    print("demo: \(entries.count) reports written to \(out)/ (index: \(out)/index.html)")
  }
}
