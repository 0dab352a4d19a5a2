import Foundation

extension Chart {
  /// The chart's text alternative: the caller's text, or one generated from the data.
  public var resolvedTextAlternative: String {
    switch self {
    case .line(let c):
      return c.textAlternative.isEmpty ? c.generatedTextAlternative : c.textAlternative
    case .bar(let c):
      return c.textAlternative.isEmpty ? c.generatedTextAlternative : c.textAlternative
    case .histogram(let c):
      return c.textAlternative.isEmpty ? c.generatedTextAlternative : c.textAlternative
    case .heatmap(let c):
      return c.textAlternative.isEmpty ? c.generatedTextAlternative : c.textAlternative
    }
  }
}

extension LineChart {
  /// A sentence per series: point count and the range of x and y.
  var generatedTextAlternative: String {
    let parts = series.filter { $0.style != .reference }.map { s -> String in
      guard let x0 = s.x.first, let x1 = s.x.last, let y0 = s.y.first, let y1 = s.y.last else {
        return "\(s.name): no points"
      }
      return "\(s.name): \(s.x.count) points from (\(ReportFormat.plain(x0)), "
        + "\(ReportFormat.plain(y0))) to (\(ReportFormat.plain(x1)), \(ReportFormat.plain(y1)))"
    }
    return "Line chart of \(yLabel) against \(xLabel). " + parts.joined(separator: "; ") + "."
  }
}

extension BarChart {
  /// Lists up to ten categories with their values.
  var generatedTextAlternative: String {
    let items = categories.enumerated().prefix(10).map { i, name -> String in
      let values = series.map { s in i < s.values.count ? ReportFormat.plain(s.values[i]) : "n/a" }
      return "\(name) \(values.joined(separator: " / "))"
    }
    let more = categories.count > 10 ? ", and \(categories.count - 10) more" : ""
    let names = series.count > 1 ? " (" + series.map(\.name).joined(separator: " / ") + ")" : ""
    return "Bar chart of \(valueLabel)\(names): " + items.joined(separator: ", ") + more + "."
  }
}

extension Histogram {
  /// Names the range and, per series, the bin with the most weight.
  var generatedTextAlternative: String {
    let low = binEdges.first ?? 0
    let high = binEdges.last ?? 1
    let parts = series.map { s -> String in
      guard let peak = s.counts.indices.max(by: { s.counts[$0] < s.counts[$1] }),
        peak + 1 < binEdges.count
      else { return "\(s.name): empty" }
      return "\(s.name) peaks between \(ReportFormat.plain(binEdges[peak])) and "
        + "\(ReportFormat.plain(binEdges[peak + 1]))"
    }
    return "Histogram of \(xLabel) from \(ReportFormat.plain(low)) to \(ReportFormat.plain(high)), "
      + "\(max(0, binEdges.count - 1)) bins. " + parts.joined(separator: "; ") + "."
  }
}

extension HeatMap {
  /// Reads the matrix row by row.
  var generatedTextAlternative: String {
    let rows = rowLabels.enumerated().prefix(12).map { r, label -> String in
      let cells = columnLabels.enumerated().map { c, column -> String in
        let v = r < values.count && c < values[r].count ? values[r][c] : .nan
        return "\(column) \(ReportFormat.plain(v))"
      }
      return "\(rowAxisLabel.lowercased()) \(label): " + cells.joined(separator: ", ")
    }
    return "Matrix of \(rowAxisLabel) by \(columnAxisLabel). " + rows.joined(separator: "; ") + "."
  }
}
