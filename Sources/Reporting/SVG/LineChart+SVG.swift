import Foundation

/// Renders charts as standalone inline SVG.
public enum ChartSVG {
  /// The chart as an `<svg>` element; `id` must be unique within the page.
  public static func render(_ chart: Chart, id: String) -> String {
    switch chart {
    case .line(let c): return c.svg(id: id)
    case .bar(let c): return c.svg(id: id)
    case .histogram(let c): return c.svg(id: id)
    case .heatmap(let c): return c.svg(id: id)
    }
  }

  /// Most points drawn per line; longer series (ROC curves of 100k rows) are thinned.
  static let maxPointsPerSeries = 400
}

extension LineChart.Series {
  /// At most `limit` points, evenly spaced by index, always keeping the first and the last.
  func thinned(to limit: Int) -> (x: [Double], y: [Double]) {
    let n = x.count
    guard n > limit, limit >= 2 else { return (x, y) }
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(limit)
    ys.reserveCapacity(limit)
    for k in 0..<limit {
      let i = Int((Double(k) * Double(n - 1) / Double(limit - 1)).rounded())
      xs.append(x[i])
      ys.append(y[i])
    }
    return (xs, ys)
  }
}

extension LineChart {
  func svg(id: String) -> String {
    let width = 640.0
    var canvas = SVGCanvas(width: width, height: 400)
    let drawn = series.map { $0.thinned(to: ChartSVG.maxPointsPerSeries) }
    let xs = drawn.flatMap(\.x).filter(\.isFinite)
    let ys = drawn.flatMap(\.y).filter(\.isFinite)
    let xData = xRange ?? ((xs.min() ?? 0)...(xs.max() ?? 1))
    let yData = yRange ?? (min(0, ys.min() ?? 0)...(ys.max() ?? 1))
    let xt =
      xRange.map { r in (r, Ticks.nice(r.lowerBound, r.upperBound).ticks.filter { r.contains($0) })
      }
      ?? Ticks.nice(xData.lowerBound, xData.upperBound)
    let yt =
      yRange.map { r in (r, Ticks.nice(r.lowerBound, r.upperBound).ticks.filter { r.contains($0) })
      }
      ?? Ticks.nice(yData.lowerBound, yData.upperBound)

    var colorIndex = 0
    var legendItems: [(name: String, color: String, dashed: Bool)] = []
    var colors: [String] = []
    for s in series {
      if s.style == .reference {
        colors.append(SVGCanvas.reference)
      } else {
        colors.append(SVGCanvas.color(colorIndex))
        colorIndex += 1
      }
      legendItems.append(
        (s.name, colors[colors.count - 1], s.style != .solid && s.style != .markers))
    }
    let legendHeight = canvas.legend(legendItems, x: 64, y: 18, maxWidth: width - 80)
    let frame = PlotFrame(
      left: 64, top: 18 + legendHeight, width: width - 84, height: 400 - 18 - legendHeight - 56)
    let xScale = LinearScale(domain: xt.0, range: frame.left...frame.right, inverted: false)
    let yScale = LinearScale(domain: yt.0, range: frame.top...frame.bottom, inverted: true)
    frame.drawYAxis(&canvas, scale: yScale, ticks: yt.1, title: yLabel)
    frame.drawXAxis(&canvas, scale: xScale, ticks: xt.1, title: xLabel)

    for (k, s) in series.enumerated() {
      let pairs = zip(drawn[k].x, drawn[k].y).filter { $0.0.isFinite && $0.1.isFinite }
      let points = pairs.map { (xScale($0.0), yScale($0.1)) }
      switch s.style {
      case .solid: canvas.path(points, stroke: colors[k], width: 2)
      case .dashed: canvas.path(points, stroke: colors[k], width: 2, dash: "6 4")
      case .reference: canvas.path(points, stroke: colors[k], width: 1.2, dash: "4 4")
      case .markers:
        canvas.path(points, stroke: colors[k], width: 1.5)
        for (i, p) in points.enumerated() {
          let tip =
            "\(s.name): \(ReportFormat.plain(pairs[i].0)), \(ReportFormat.plain(pairs[i].1))"
          canvas.circle(p.0, p.1, r: 3.5, fill: colors[k], tooltip: tip)
        }
      }
    }
    return canvas.document(
      id: id, title: title, description: Chart.line(self).resolvedTextAlternative)
  }
}
