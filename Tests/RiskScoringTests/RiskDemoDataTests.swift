import Foundation
import Testing
import _TestSupport

@testable import RiskScoring

/// The committed demo tables in `datasets/` are exactly what the generator produces.
@Test(arguments: RiskDemoData.tables.map { $0.folder })
func demoDataRegeneratesIdenticalBytes(folder: String) throws {
  guard let table = RiskDemoData.tables.first(where: { $0.folder == folder }) else {
    Issue.record("unknown table \(folder)")
    return
  }
  let url = TestSupport.repositoryRoot.appendingPathComponent("datasets")
    .appendingPathComponent(table.folder).appendingPathComponent(table.file)
  let committed = try Data(contentsOf: url)
  let generated = Data((RiskDemoData.csv(folder: folder, rows: table.rows) ?? "").utf8)
  #expect(committed == generated, "regenerate with `traction churn demo-data --out datasets`")
  #expect(committed.count < 1_000_000)
}

@Test func demoDataHasPlausibleClassBalance() {
  func positiveShare(_ csv: String, positive: String) -> Double {
    let lines = csv.split(separator: "\n").dropFirst()
    let positives = lines.filter { $0.split(separator: ",", omittingEmptySubsequences: false).last == Substring(positive) }
    return Double(positives.count) / Double(lines.count)
  }
  let churn = positiveShare(RiskDemoData.churnCSV(rows: 4000), positive: "Yes")
  let fraud = positiveShare(RiskDemoData.fraudCSV(rows: 6000), positive: "1")
  let credit = positiveShare(RiskDemoData.creditCSV(rows: 2500), positive: "Yes")
  #expect((0.15...0.35).contains(churn), "churn rate \(churn)")
  #expect((0.015...0.06).contains(fraud), "fraud rate \(fraud)")
  #expect((0.08...0.25).contains(credit), "default rate \(credit)")
}

@Test func demoFormatIsLocaleFree() {
  #expect(DemoFormat.fixed(3.14159, 2) == "3.14")
  #expect(DemoFormat.fixed(-0.004, 2) == "0.00")
  #expect(DemoFormat.fixed(-2.5, 1) == "-2.5")
  #expect(DemoFormat.fixed(7, 0) == "7")
  #expect(DemoFormat.identifier("C-", 42, width: 5) == "C-00042")
}
