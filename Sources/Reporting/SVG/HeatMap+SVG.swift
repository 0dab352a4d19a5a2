import Foundation

extension HeatMap {
  /// Blue sequential colour for `t` in 0...1 (white → dark blue, ColorBrewer "Blues").
  static func color(_ t: Double) -> String {
    let stops: [(Double, Double, Double)] = [
      (247, 251, 255), (198, 219, 239), (107, 174, 214), (33, 113, 181), (8, 48, 107),
    ]
    let x = min(1, max(0, t.isFinite ? t : 0)) * Double(stops.count - 1)
    let i = min(stops.count - 2, Int(x))
    let f = x - Double(i)
    let a = stops[i]
    let b = stops[i + 1]
    func mix(_ p: Double, _ q: Double) -> Int { Int((p + (q - p) * f).rounded()) }
    return String(format: "#%02x%02x%02x", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
  }

  private func value(_ r: Int, _ c: Int) -> Double {
    r < values.count && c < values[r].count && values[r][c].isFinite ? values[r][c] : 0
  }

  func svg(id: String) -> String {
    let width = 640.0
    let rowNames = rowLabels.map { SVGCanvas.truncate($0, to: 22) }
    let columnNames = columnLabels.map { SVGCanvas.truncate($0, to: 14) }
    let labelWidth = min(170, max(40, rowNames.map { SVGCanvas.textWidth($0) }.max() ?? 40)) + 34
    let columns = max(1, columnLabels.count)
    let rows = max(1, rowLabels.count)
    let cell = min(96, max(18, (width - labelWidth - 24) / Double(columns)))
    let rotateColumns = columnNames.contains { SVGCanvas.textWidth($0, size: 11) > cell - 4 }
    let headerHeight =
      rotateColumns
      ? min(110, (columnNames.map { SVGCanvas.textWidth($0, size: 11) }.max() ?? 20) + 12) : 20.0
    let top = 22 + headerHeight
    let gridHeight = cell * Double(rows)
    var canvas = SVGCanvas(width: width, height: top + gridHeight + 64)
    let gridLeft = labelWidth

    canvas.text(
      columnAxisLabel, x: gridLeft + cell * Double(columns) / 2, y: 14, anchor: .middle, size: 12,
      weight: "600")
    canvas.text(
      rowAxisLabel, x: 14, y: top + gridHeight / 2, anchor: .middle, size: 12, weight: "600",
      rotate: -90)
    for (c, name) in columnNames.enumerated() {
      let x = gridLeft + (Double(c) + 0.5) * cell
      if rotateColumns {
        canvas.text(
          name, x: x + 4, y: top - 6, anchor: .start, size: 11, fill: SVGCanvas.muted, rotate: -60)
      } else {
        canvas.text(name, x: x, y: top - 6, anchor: .middle, size: 11, fill: SVGCanvas.muted)
      }
    }
    let globalMax = values.flatMap { $0 }.filter(\.isFinite).max() ?? 1
    let showNumbers = cell >= 30
    for r in 0..<rowLabels.count {
      let y = top + Double(r) * cell
      canvas.text(
        rowNames[r], x: gridLeft - 8, y: y + cell / 2 + 4, anchor: .end, size: 11,
        fill: SVGCanvas.muted)
      let rowTotal = (0..<columnLabels.count).reduce(0.0) { $0 + value(r, $1) }
      for c in 0..<columnLabels.count {
        let v = value(r, c)
        let denominator = colorByRowShare ? rowTotal : globalMax
        let t = denominator > 0 ? v / denominator : 0
        let x = gridLeft + Double(c) * cell
        var tip =
          "\(rowAxisLabel) \(rowLabels[r]), \(columnAxisLabel.lowercased()) \(columnLabels[c]): \(ReportFormat.plain(v))"
        if colorByRowShare { tip += " (\(ReportFormat.fixed(t * 100, decimals: 1))% of row)" }
        canvas.rect(x, y, cell - 1, cell - 1, fill: Self.color(t), tooltip: tip)
        if showNumbers {
          let label = cell >= 48 || v < 10_000 ? ReportFormat.plain(v) : ""
          canvas.text(
            label, x: x + cell / 2, y: y + cell / 2 + 4, anchor: .middle,
            size: cell >= 48 ? 12 : 10,
            fill: t > 0.55 ? "#ffffff" : SVGCanvas.ink)
        }
      }
    }
    // Colour scale as the legend.
    let legendTop = top + gridHeight + 20
    let legendLeft = gridLeft
    let steps = 10
    for s in 0..<steps {
      canvas.rect(
        legendLeft + Double(s) * 18, legendTop, 18, 10,
        fill: Self.color(Double(s) / Double(steps - 1)))
    }
    canvas.text(
      "0", x: legendLeft, y: legendTop + 24, anchor: .start, size: 11, fill: SVGCanvas.muted)
    canvas.text(
      colorByRowShare ? "100% of row" : ReportFormat.plain(globalMax),
      x: legendLeft + 18 * Double(steps),
      y: legendTop + 24, anchor: .end, size: 11, fill: SVGCanvas.muted)
    canvas.text(
      colorByRowShare ? "Colour: share of the \(rowAxisLabel.lowercased()) row" : "Colour: value",
      x: legendLeft + 18 * Double(steps) + 12, y: legendTop + 9, size: 11, fill: SVGCanvas.muted)
    return canvas.document(
      id: id, title: title, description: Chart.heatmap(self).resolvedTextAlternative)
  }
}
