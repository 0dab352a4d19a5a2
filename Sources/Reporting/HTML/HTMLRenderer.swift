import Foundation

/// Renders a `Report` as one self-contained HTML file: inline CSS, inline SVG charts, an
/// optional tiny inline script for sortable tables, and a Content-Security-Policy that forbids
/// every network request.
///
/// Every string from the report is escaped. With `report.generatedAt == nil` (snapshot mode)
/// the output contains no timestamp and is byte-for-byte reproducible.
public enum HTMLRenderer {
  /// Rows shown per table; longer tables are cut with a note (keeps reports small).
  public static let maxTableRows = 1000

  /// Renders the report.
  /// - Parameter report: The report to render.
  /// - Returns: A complete HTML5 document.
  /// - Complexity: O(size of the report), charts thinned to a few hundred points per line.
  public static func render(_ report: Report) -> String {
    var page = PageBuilder()
    page.render(report)
    return page.out
  }
}

/// Accumulates the HTML of one page; holds the chart counter for unique ids.
struct PageBuilder {
  var out = ""
  private var chartCount = 0
  private var usesSortableTables = false

  private func e(_ s: String) -> String { Escaping.text(s) }

  mutating func render(_ report: Report) {
    let tocTargets = report.sections.enumerated().map { ("s\($0.offset + 1)", $0.element.title) }
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    out += "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
    out += "<meta name=\"generator\" content=\"Traction\">\n"
    out +=
      "<title>\(e(report.title))</title>\n<style>\n\(HTMLAssets.css)\n</style>\n</head>\n<body>\n"
    out += "<div class=\"page\">\n<header class=\"top\">\n"
    out += "<p class=\"kind\">\(e(report.kind))</p>\n<h1>\(e(report.title))</h1>\n"
    var meta: [String] = []
    if let date = report.generatedAt { meta.append("Generated \(e(ReportFormat.timestamp(date)))") }
    if !report.modelCard.toolVersion.isEmpty {
      meta.append("Traction \(e(report.modelCard.toolVersion))")
    }
    if !meta.isEmpty { out += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n" }
    out += "</header>\n<main>\n"
    out += "<p class=\"summary\">\(e(report.summary))</p>\n"
    if !report.keyFigures.isEmpty { keyFigures(report.keyFigures) }
    var links = tocTargets.map { "<a href=\"#\($0.0)\">\(e($0.1))</a>" }
    links.append("<a href=\"#data\">Data</a>")
    if !report.modelCard.isEmpty { links.append("<a href=\"#model-card\">Model card</a>") }
    if !report.provenance.isEmpty { links.append("<a href=\"#provenance\">Provenance</a>") }
    out += "<nav class=\"toc\" aria-label=\"Contents\">\(links.joined(separator: " "))</nav>\n"
    for (i, section) in report.sections.enumerated() {
      out += "<section id=\"\(tocTargets[i].0)\">\n<h2>\(e(section.title))</h2>\n"
      for block in section.blocks { self.block(block) }
      out += "</section>\n"
    }
    dataSummary(report.dataSummary)
    if !report.modelCard.isEmpty { modelCard(report.modelCard) }
    if !report.provenance.isEmpty { provenance(report.provenance) }
    out += "</main>\n<footer>Made with Traction"
    if !report.modelCard.toolVersion.isEmpty { out += " \(e(report.modelCard.toolVersion))" }
    out += ". This file is self-contained and makes no network requests.</footer>\n</div>\n"
    if usesSortableTables { out += "<script>\n\(HTMLAssets.sortScript)\n</script>\n" }
    out += "</body>\n</html>\n"
  }

  private mutating func keyFigures(_ figures: [KeyFigure]) {
    out += "<ul class=\"figures\" aria-label=\"Key figures\">\n"
    for figure in figures {
      out += "<li class=\"figure\"><div class=\"label\">\(e(figure.label))</div>"
      out += "<div class=\"value\">\(e(ReportFormat.value(figure.value, unit: figure.unit)))</div>"
      for comparison in figure.comparisons {
        let delta = figure.value - comparison.value
        var tone = ""
        if let higher = figure.higherIsBetter, delta != 0, delta.isFinite {
          tone = (delta > 0) == higher ? " good" : " bad"
        }
        out += "<div class=\"delta\(tone)\">\(e(ReportFormat.delta(delta, unit: figure.unit))) vs "
        out +=
          "\(e(comparison.label)) (\(e(ReportFormat.value(comparison.value, unit: figure.unit))))</div>"
      }
      out += "</li>\n"
    }
    out += "</ul>\n"
  }

  private mutating func block(_ block: Block) {
    switch block {
    case .paragraph(let text):
      for part in text.components(separatedBy: "\n\n") where !part.isEmpty {
        out += "<p>\(e(part))</p>\n"
      }
    case .note(let text): out += "<p class=\"note\" role=\"note\">\(e(text))</p>\n"
    case .table(let table): self.table(table)
    case .chart(let chart): self.chart(chart)
    }
  }

  private mutating func chart(_ chart: Chart) {
    chartCount += 1
    let id = "chart\(chartCount)"
    out += "<figure class=\"chart\">\n<figcaption>\(e(chart.title))</figcaption>\n"
    out += "\(ChartSVG.render(chart, id: id))\n</figure>\n"
  }

  /// Whether a cell reads as a number (right-aligned, sorted numerically).
  static func isNumeric(_ cell: String) -> Bool {
    var s = cell.trimmingCharacters(in: .whitespaces)
    guard !s.isEmpty else { return false }
    s = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "−", with: "-")
    if s.hasSuffix("%") { s.removeLast() }
    return Double(s) != nil
  }

  mutating func table(_ table: Table) {
    let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
    let shown = table.rows.prefix(HTMLRenderer.maxTableRows)
    let numeric = (0..<width).map { c in
      let cells = shown.compactMap { c < $0.count && !$0[c].isEmpty ? $0[c] : nil }
      return !cells.isEmpty && cells.allSatisfy(Self.isNumeric)
    }
    if table.sortable { usesSortableTables = true }
    out += "<div class=\"table-wrap\"><table\(table.sortable ? " class=\"sortable\"" : "")>"
    if let caption = table.caption { out += "<caption>\(e(caption))</caption>" }
    out += "\n<thead><tr>"
    for c in 0..<width {
      let name = c < table.columns.count ? table.columns[c] : ""
      out += "<th scope=\"col\"\(numeric[c] ? " class=\"num\"" : "")>\(e(name))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for row in shown {
      out += "<tr>"
      for c in 0..<width {
        let cell = c < row.count ? row[c] : ""
        out += numeric[c] ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody></table></div>\n"
    if table.rows.count > shown.count {
      out += "<p class=\"meta\">First \(shown.count) of \(table.rows.count) rows shown; "
      out += "report.xml holds all rows.</p>\n"
    }
  }

  private mutating func keyValues(_ items: [KeyValue]) {
    guard !items.isEmpty else { return }
    out += "<dl class=\"kv\">\n"
    for item in items { out += "<dt>\(e(item.key))</dt><dd>\(e(item.value))</dd>\n" }
    out += "</dl>\n"
  }

  private mutating func dataSummary(_ data: DataSummary) {
    out += "<section id=\"data\">\n<h2>Data</h2>\n"
    keyValues(
      [
        KeyValue("Rows", ReportFormat.grouped(Double(data.rows), decimals: 0)),
        KeyValue("Columns", ReportFormat.grouped(Double(data.columns), decimals: 0)),
      ] + data.facts)
    if !data.fields.isEmpty {
      table(
        Table(
          caption: "Columns", columns: ["Column", "Kind", "Role", "Missing", "Distinct"],
          rows: data.fields.map {
            [$0.name, $0.kind, $0.role, String($0.missing), $0.distinct.map(String.init) ?? ""]
          }, sortable: true))
    }
    out += "</section>\n"
  }

  private mutating func modelCard(_ card: ModelCard) {
    out += "<section id=\"model-card\" class=\"appendix\">\n<h2>Model card</h2>\n"
    var items: [KeyValue] = []
    if !card.modelType.isEmpty { items.append(KeyValue("Model", card.modelType)) }
    if !card.intendedUse.isEmpty { items.append(KeyValue("Intended use", card.intendedUse)) }
    if !card.trainingData.isEmpty { items.append(KeyValue("Training data", card.trainingData)) }
    if !card.evaluationData.isEmpty {
      items.append(KeyValue("Evaluation data", card.evaluationData))
    }
    if !card.date.isEmpty { items.append(KeyValue("Date", card.date)) }
    if !card.toolVersion.isEmpty {
      items.append(KeyValue("Tool version", "Traction " + card.toolVersion))
    }
    keyValues(items)
    if !card.configuration.isEmpty {
      out += "<h3>Configuration</h3>\n"
      table(
        Table(columns: ["Setting", "Value"], rows: card.configuration.map { [$0.key, $0.value] }))
    }
    if !card.limitations.isEmpty {
      out += "<h3>Limitations</h3>\n<ul>\n"
      for item in card.limitations { out += "<li>\(e(item))</li>\n" }
      out += "</ul>\n"
    }
    out += "</section>\n"
  }

  private mutating func provenance(_ files: [InputFile]) {
    out += "<section id=\"provenance\">\n<h2>Provenance</h2>\n"
    out += "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">File</th>"
    out += "<th scope=\"col\">Role</th><th scope=\"col\" class=\"num\">Bytes</th>"
    out += "<th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n"
    for f in files {
      out += "<tr><td>\(e(f.name))</td><td>\(e(f.role ?? ""))</td>"
      out += "<td class=\"num\">\(ReportFormat.grouped(Double(f.bytes), decimals: 0))</td>"
      out += "<td class=\"hash\">\(e(f.sha256))</td></tr>\n"
    }
    out += "</tbody></table></div>\n</section>\n"
  }
}
