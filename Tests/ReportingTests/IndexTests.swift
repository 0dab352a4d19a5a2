import Foundation
import Testing
import _TestSupport

@testable import Reporting

@Suite struct IndexTests {
  @Test func indexLinksEveryWrittenReport() throws {
    let dir = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try ReportWriter.write(FixtureReport.make(), to: dir.appendingPathComponent("churn"))
    try ReportWriter.write(
      FixtureReport.make(text: FixtureReport.evil), to: dir.appendingPathComponent("evil"))
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
    let entries = ReportIndex.entries(in: dir)
    #expect(entries.map(\.href) == ["churn/report.html", "evil/report.html"])
    #expect(entries[0] == ReportIndex.Entry(report: FixtureReport.make(), folder: "churn"))
    #expect(entries[1].title == FixtureReport.evil)
    let index = dir.appendingPathComponent("index.html")
    try ReportIndex.write(entries, to: index)
    let html = try String(contentsOf: index, encoding: .utf8)
    #expect(html.contains("<a href=\"churn/report.html\">Churn risk — fixture</a>"))
    #expect(html.contains("<a href=\"evil/report.xml\">XML data</a>"))
    #expect(html.contains("2 reports."))
    #expect(html.contains("<div class=\"value\">EUR 12,300</div>"))
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("<script"))
  }
}
