import Foundation

extension BarChart {
  func svg(id: String) -> String {
    horizontal ? horizontalSVG(id: id) : verticalSVG(id: id)
  }

  private var valueTicks: (range: ClosedRange<Double>, ticks: [Double]) {
    let values = series.flatMap(\.values).filter(\.isFinite)
    return Ticks.nice(min(0, values.min() ?? 0), max(0, values.max() ?? 1))
  }

  private var legendItems: [(name: String, color: String, dashed: Bool)] {
    series.count > 1 ? series.enumerated().map { ($1.name, SVGCanvas.color($0), false) } : []
  }

  private func value(_ s: Series, _ i: Int) -> Double {
    i < s.values.count && s.values[i].isFinite ? s.values[i] : 0
  }

  /// Categories down the left, bars to the right: long labels stay readable on a phone.
  private func horizontalSVG(id: String) -> String {
    let width = 640.0
    let labels = categories.map { SVGCanvas.truncate($0, to: 28) }
    let labelWidth = min(200, max(40, labels.map { SVGCanvas.textWidth($0) }.max() ?? 40)) + 12
    let groupHeight = Double(max(1, series.count)) * 16 + 8
    let probe = SVGCanvas(width: width, height: 0)
    var legendCanvas = probe
    let legendHeight = legendCanvas.legend(
      legendItems, x: labelWidth, y: 18, maxWidth: width - labelWidth - 16)
    let top = 12 + legendHeight
    let plotHeight = groupHeight * Double(max(1, categories.count))
    var canvas = SVGCanvas(width: width, height: top + plotHeight + 48)
    canvas.legend(legendItems, x: labelWidth, y: 18, maxWidth: width - labelWidth - 16)
    let frame = PlotFrame(
      left: labelWidth, top: top, width: width - labelWidth - 56, height: plotHeight)
    let vt = valueTicks
    let scale = LinearScale(domain: vt.range, range: frame.left...frame.right, inverted: false)
    frame.drawXAxis(&canvas, scale: scale, ticks: vt.ticks, title: valueLabel)
    let zero = scale(0)
    for (i, label) in labels.enumerated() {
      let groupTop = frame.top + Double(i) * groupHeight + 4
      canvas.text(
        label, x: labelWidth - 8, y: groupTop + groupHeight / 2 + 2, anchor: .end, size: 12)
      for (k, s) in series.enumerated() {
        let v = value(s, i)
        let x = scale(v)
        let y = groupTop + Double(k) * 16
        let tip =
          "\(categories[i])\(series.count > 1 ? " — " + s.name : ""): \(ReportFormat.plain(v))"
        canvas.rect(min(x, zero), y, abs(x - zero), 13, fill: SVGCanvas.color(k), tooltip: tip)
        canvas.text(
          ReportFormat.plain(v), x: v >= 0 ? x + 4 : x - 4, y: y + 11,
          anchor: v >= 0 ? .start : .end,
          size: 11, fill: SVGCanvas.muted)
      }
    }
    canvas.line(zero, frame.top, zero, frame.bottom, stroke: SVGCanvas.muted)
    return canvas.document(
      id: id, title: title, description: Chart.bar(self).resolvedTextAlternative)
  }

  /// Categories along the bottom; used for few, short categories (deciles, classes).
  private func verticalSVG(id: String) -> String {
    let width = 640.0
    var canvas = SVGCanvas(width: width, height: 400)
    let legendHeight = canvas.legend(legendItems, x: 64, y: 18, maxWidth: width - 80)
    let frame = PlotFrame(
      left: 64, top: 18 + legendHeight, width: width - 84, height: 400 - 18 - legendHeight - 64)
    let vt = valueTicks
    let scale = LinearScale(domain: vt.range, range: frame.top...frame.bottom, inverted: true)
    frame.drawYAxis(&canvas, scale: scale, ticks: vt.ticks, title: valueLabel)
    let n = Double(max(1, categories.count))
    let slot = frame.width / n
    let barWidth = max(2, (slot - 8) / Double(max(1, series.count)))
    let zero = scale(0)
    let maxChars = max(3, Int(slot / 6.7))
    for (i, category) in categories.enumerated() {
      let slotLeft = frame.left + Double(i) * slot + 4
      for (k, s) in series.enumerated() {
        let v = value(s, i)
        let y = scale(v)
        let tip = "\(category)\(series.count > 1 ? " — " + s.name : ""): \(ReportFormat.plain(v))"
        canvas.rect(
          slotLeft + Double(k) * barWidth, min(y, zero), barWidth - 1, abs(zero - y),
          fill: SVGCanvas.color(k), tooltip: tip)
      }
      canvas.text(
        SVGCanvas.truncate(category, to: maxChars), x: slotLeft + (slot - 8) / 2,
        y: frame.bottom + 17,
        anchor: .middle, size: 11, fill: SVGCanvas.muted)
    }
    canvas.line(frame.left, zero, frame.right, zero, stroke: SVGCanvas.muted)
    return canvas.document(
      id: id, title: title, description: Chart.bar(self).resolvedTextAlternative)
  }
}

extension Histogram {
  func svg(id: String) -> String {
    let width = 640.0
    var canvas = SVGCanvas(width: width, height: 400)
    let items = series.enumerated().map { ($1.name, SVGCanvas.color($0), false) }
    let legendHeight = canvas.legend(items, x: 64, y: 18, maxWidth: width - 80)
    let frame = PlotFrame(
      left: 64, top: 18 + legendHeight, width: width - 84, height: 400 - 18 - legendHeight - 56)
    let low = binEdges.first ?? 0
    let high = binEdges.last ?? 1
    let xt = Ticks.nice(low, high)
    let xTicks = xt.ticks.filter { $0 >= low - 1e-12 && $0 <= high + 1e-12 }
    let xScale = LinearScale(
      domain: low...max(high, low + 1e-12), range: frame.left...frame.right, inverted: false)
    let peak = series.flatMap(\.counts).filter(\.isFinite).max() ?? 1
    let yt = Ticks.nice(0, max(peak, 1e-12))
    let yScale = LinearScale(domain: yt.range, range: frame.top...frame.bottom, inverted: true)
    frame.drawYAxis(&canvas, scale: yScale, ticks: yt.ticks, title: yLabel)
    frame.drawXAxis(&canvas, scale: xScale, ticks: xTicks, title: xLabel)
    let base = yScale(0)
    for (k, s) in series.enumerated() {
      // A filled step outline per series; translucency lets overlapping groups show through.
      var points: [(Double, Double)] = [(xScale(low), base)]
      for (b, count) in s.counts.enumerated() where b + 1 < binEdges.count {
        let y = yScale(count.isFinite ? count : 0)
        points.append((xScale(binEdges[b]), y))
        points.append((xScale(binEdges[b + 1]), y))
      }
      points.append((xScale(high), base))
      canvas.path(
        points, stroke: SVGCanvas.color(k), width: 1.5, fill: SVGCanvas.color(k), fillOpacity: 0.28)
    }
    return canvas.document(
      id: id, title: title, description: Chart.histogram(self).resolvedTextAlternative)
  }
}
