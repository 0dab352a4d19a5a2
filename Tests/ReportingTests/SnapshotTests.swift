import Foundation
import Testing
import _TestSupport

@testable import Reporting

/// Compares `text` with a committed snapshot; `UPDATE_SNAPSHOTS=1` (or a missing file) rewrites it.
func assertSnapshot(
  _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = FixtureReport.fixtures.appendingPathComponent(name)
  let update = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
  guard !update, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try text.write(to: url, atomically: true, encoding: .utf8)
    Issue.record("snapshot \(name) recorded; re-run the tests", sourceLocation: sourceLocation)
    return
  }
  if expected != text {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line =
      zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    let got = line < b.count ? String(b[line].prefix(200)) : "<end>"
    let want = line < a.count ? String(a[line].prefix(200)) : "<end>"
    let message: String =
      "snapshot \(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n"
      + "(run with UPDATE_SNAPSHOTS=1 to accept)"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
  }
}

@Suite struct SnapshotTests {
  @Test func htmlMatchesSnapshot() throws {
    try assertSnapshot(HTMLRenderer.render(FixtureReport.make()), named: "snapshot.html")
  }

  @Test func xmlMatchesSnapshot() throws {
    try assertSnapshot(XMLRenderer.render(FixtureReport.make()), named: "snapshot.xml")
  }

  @Test func snapshotModeHasNoTimestamp() {
    var report = FixtureReport.make()
    report.generatedAt = Date(timeIntervalSince1970: 1_800_000_000)
    let stamped = HTMLRenderer.render(report)
    #expect(stamped.contains("Generated 2027-01-15T08:00:00Z"))
    #expect(XMLRenderer.render(report).contains("generatedAt=\"2027-01-15T08:00:00Z\""))
    #expect(!HTMLRenderer.render(report.snapshot()).contains("Generated"))
    #expect(HTMLRenderer.render(report.snapshot()) == HTMLRenderer.render(FixtureReport.make()))
  }

  @Test func htmlIsSelfContained() {
    let html = HTMLRenderer.render(FixtureReport.make())
    #expect(html.contains("Content-Security-Policy"))
    #expect(html.contains("default-src 'none'"))
    // The SVG namespace is an identifier, not a request; nothing else may name a URL.
    let withoutNamespace = html.replacingOccurrences(
      of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    for forbidden in ["http://", "https://", "src=", "url(", "@import", "<link", "//fonts"] {
      #expect(!withoutNamespace.contains(forbidden), "found \(forbidden)")
    }
    #expect(html.components(separatedBy: "<svg ").count - 1 == 6)
    #expect(html.components(separatedBy: "role=\"img\"").count - 1 == 6)
    #expect(html.contains("@media print"))
    #expect(html.contains("@media (max-width:600px)"))
    #expect(html.contains("<script>"))  // sortable table
    #expect(html.utf8.count < 100_000)
  }

  @Test func everyChartHasTitleDescriptionAxesAndLegend() {
    let report = FixtureReport.make()
    for section in report.sections {
      for case .chart(let chart) in section.blocks {
        let svg = ChartSVG.render(chart, id: "c")
        #expect(svg.contains("<title id=\"c-t\">\(Escaping.text(chart.title))</title>"))
        #expect(svg.contains("<desc id=\"c-d\">"))
        #expect(!chart.resolvedTextAlternative.isEmpty)
        #expect(svg.contains("<text"))  // tick and axis labels
      }
    }
    if case .chart(.line(let roc)) = report.sections[0].blocks[1] {
      let svg = ChartSVG.render(.line(roc), id: "r")
      #expect(svg.contains(">False positive rate</text>"))
      #expect(svg.contains(">True positive rate</text>"))
      #expect(svg.contains(">Model (AUC 0.846)</text>"))  // legend
      #expect(svg.contains(">0.4</text>"))  // ticks
      #expect(svg.contains(">1</text>"))
    }
  }

  @Test func tablesCapRowsAndAlignNumbers() {
    let rows = (0..<1500).map { [String($0), "x\($0)"] }
    let report = Report(
      title: "t", summary: "s",
      sections: [
        Section(title: "big", blocks: [.table(Table(columns: ["n", "name"], rows: rows))])
      ])
    let html = HTMLRenderer.render(report)
    #expect(html.contains("First 1000 of 1500 rows shown"))
    #expect(html.contains("<td class=\"num\">999</td>"))
    #expect(!html.contains("<td class=\"num\">1000</td>"))
  }

  @Test func longLinesAreThinned() {
    let n = 100_000
    let xs = (0..<n).map { Double($0) / Double(n - 1) }
    let chart = LineChart(
      title: "ROC", xLabel: "x", yLabel: "y", series: [.init(name: "m", x: xs, y: xs)])
    let svg = ChartSVG.render(.line(chart), id: "c")
    #expect(svg.utf8.count < 20_000)
    let thinned = chart.series[0].thinned(to: 400)
    #expect(thinned.x.count == 400)
    #expect(thinned.x.first == 0 && thinned.x.last == 1)
  }
}
