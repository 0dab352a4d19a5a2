import Foundation
import Testing
import _TestSupport

@testable import Reporting

@Suite struct RobustnessTests {
  /// Degenerate data must still render valid documents (no crash, no NaN coordinates).
  @Test func degenerateChartsRender() throws {
    let charts: [Chart] = [
      .line(LineChart(title: "empty", xLabel: "x", yLabel: "y", series: [])),
      .line(
        LineChart(
          title: "nan", xLabel: "x", yLabel: "y",
          series: [.init(name: "s", x: [.nan, 1], y: [.infinity, 2])])),
      .line(
        LineChart(
          title: "one point", xLabel: "x", yLabel: "y",
          series: [.init(name: "s", x: [3], y: [3], style: .markers)])),
      .bar(BarChart(title: "no bars", categories: [], values: [], valueLabel: "v")),
      .bar(
        BarChart(
          title: "zeros", categories: ["a", "b"], values: [0, 0], valueLabel: "v", horizontal: false
        )),
      .histogram(Histogram(title: "empty", xLabel: "x", values: [(name: "a", values: [])])),
      .histogram(
        Histogram(
          title: "constant", xLabel: "x", values: [(name: "a", values: [5, 5, 5])], bins: 4)),
      .heatmap(HeatMap(title: "empty", rowLabels: [], columnLabels: [], values: [])),
      .heatmap(
        HeatMap(title: "ragged", rowLabels: ["a", "b"], columnLabels: ["a", "b"], values: [[1]])),
    ]
    let report = Report(
      title: "edge cases", summary: "",
      sections: [Section(title: "s", blocks: charts.map { .chart($0) })])
    let html = HTMLRenderer.render(report)
    #expect(!html.contains("NaN") && !html.contains("nan\"") && !html.contains("inf\""))
    try XSDValidator.validate(xml: XMLRenderer.render(report), schemaAt: FixtureReport.schemaURL)
  }

  /// A report as large as the benchmark datasets produce stays well under 2 MB.
  @Test func largeReportStaysSmall() throws {
    let n = 200_000
    let xs = (0..<n).map { Double($0) / Double(n - 1) }
    let classes = (0..<25).map { "class \($0)" }
    let matrix = classes.indices.map { r in
      classes.indices.map { c in Double(r == c ? 900 : (r + c) % 7) }
    }
    let scores = (0..<n).map { Double(($0 * 7919) % 1000) / 1000 }
    let report = Report(
      title: "big", summary: "many rows",
      sections: [
        Section(
          title: "curves",
          blocks: [
            .chart(
              .line(
                LineChart(
                  title: "ROC", xLabel: "FPR", yLabel: "TPR",
                  series: [.init(name: "m", x: xs, y: xs.map { sqrt($0) })]))),
            .chart(
              .histogram(
                Histogram(
                  title: "scores", xLabel: "p",
                  values: [
                    (name: "a", values: scores), (name: "b", values: scores.map { 1 - $0 }),
                  ], bins: 50))),
            .chart(
              .heatmap(
                HeatMap(
                  title: "confusion", rowLabels: classes, columnLabels: classes, values: matrix))),
            .chart(
              .bar(
                BarChart(
                  title: "F1", categories: classes, values: classes.indices.map { Double($0) / 25 },
                  valueLabel: "F1"))),
            .table(
              Table(
                columns: ["id", "score", "reason"],
                rows: (0..<5000).map { ["c\($0)", "0.5", "tenure below 12 months"] }, sortable: true
              )),
          ])
      ])
    let html = HTMLRenderer.render(report)
    let xml = XMLRenderer.render(report)
    #expect(html.utf8.count < 2_000_000, "HTML is \(html.utf8.count) bytes")
    #expect(html.utf8.count < 600_000)
    #expect(xml.utf8.count < 2_000_000, "XML is \(xml.utf8.count) bytes")
    try XSDValidator.validate(xml: xml, schemaAt: FixtureReport.schemaURL)
    try? ReportWriter.writeAtomically(
      html, to: Chromium.outputDirectory.appendingPathComponent("large.html"))
  }
}
