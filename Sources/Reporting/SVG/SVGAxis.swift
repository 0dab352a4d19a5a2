import Foundation

/// A linear map from data values to SVG coordinates.
struct LinearScale {
  var domain: ClosedRange<Double>
  var range: ClosedRange<Double>
  /// `true` when larger values map to smaller coordinates (a y axis).
  var inverted: Bool

  func callAsFunction(_ value: Double) -> Double {
    let span = domain.upperBound - domain.lowerBound
    let t = span == 0 ? 0.5 : (value - domain.lowerBound) / span
    let clamped = min(1.05, max(-0.05, t))
    let f = inverted ? 1 - clamped : clamped
    return range.lowerBound + f * (range.upperBound - range.lowerBound)
  }
}

/// "Nice" tick values (Heckbert, "Nice Numbers for Graph Labels", Graphics Gems, 1990).
enum Ticks {
  /// Ticks covering `low...high` with steps of 1, 2 or 5 × 10ⁿ, about `count` of them.
  static func nice(_ low: Double, _ high: Double, count: Int = 5) -> (
    range: ClosedRange<Double>, ticks: [Double]
  ) {
    guard low.isFinite, high.isFinite else { return (0...1, [0, 0.5, 1]) }
    var lo = low
    var hi = high
    if hi <= lo {
      let pad = lo == 0 ? 1 : abs(lo) * 0.1
      lo -= pad
      hi += pad
    }
    let step = niceNumber((hi - lo) / Double(max(1, count)), round: true)
    let start = (lo / step).rounded(.down) * step
    let end = (hi / step).rounded(.up) * step
    // Round to the step's decimals so that 3 × 0.2 prints as 0.6, not 0.6000000000000001.
    let scale = pow(10, max(0, -(log10(step)).rounded(.down)) + 1)
    var ticks: [Double] = []
    var i = 0
    while true {
      let v = ((start + Double(i) * step) * scale).rounded() / scale
      if v > end + step * 0.5 || i > 50 { break }
      ticks.append(abs(v) < step * 1e-9 ? 0 : v)
      i += 1
    }
    return (start...end, ticks)
  }

  static func niceNumber(_ x: Double, round: Bool) -> Double {
    guard x > 0, x.isFinite else { return 1 }
    let exponent = (log10(x)).rounded(.down)
    let fraction = x / pow(10, exponent)
    let nice: Double
    if round {
      nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    return nice * pow(10, exponent)
  }

  /// Label for a tick: enough decimals to tell neighbouring ticks apart.
  static func label(_ value: Double, step: Double) -> String {
    let decimals = step >= 1 ? 0 : min(6, Int((-log10(step)).rounded(.up)))
    if abs(value) >= 10_000 { return ReportFormat.grouped(value, decimals: 0) }
    var text = ReportFormat.fixed(value, decimals: decimals)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }
}

/// Draws gridlines, ticks and axis titles for a plot area.
struct PlotFrame {
  var left: Double
  var top: Double
  var width: Double
  var height: Double
  var right: Double { left + width }
  var bottom: Double { top + height }

  /// Horizontal gridlines with y tick labels on the left.
  func drawYAxis(_ canvas: inout SVGCanvas, scale: LinearScale, ticks: [Double], title: String) {
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
    for t in ticks {
      let y = scale(t)
      canvas.line(left, y, right, y, stroke: t == 0 ? SVGCanvas.reference : SVGCanvas.grid)
      canvas.text(
        Ticks.label(t, step: step), x: left - 6, y: y + 4, anchor: .end, size: 12,
        fill: SVGCanvas.muted)
    }
    canvas.text(
      SVGCanvas.truncate(title, to: 48), x: left - 46, y: top + height / 2, anchor: .middle,
      size: 13,
      fill: SVGCanvas.ink, rotate: -90)
  }

  /// Vertical gridlines with x tick labels below.
  func drawXAxis(_ canvas: inout SVGCanvas, scale: LinearScale, ticks: [Double], title: String) {
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
    for t in ticks {
      let x = scale(t)
      canvas.line(x, top, x, bottom, stroke: SVGCanvas.grid)
      canvas.line(x, bottom, x, bottom + 4, stroke: SVGCanvas.muted)
      canvas.text(
        Ticks.label(t, step: step), x: x, y: bottom + 17, anchor: .middle, size: 12,
        fill: SVGCanvas.muted)
    }
    canvas.line(left, bottom, right, bottom, stroke: SVGCanvas.muted)
    canvas.text(
      SVGCanvas.truncate(title, to: 80), x: left + width / 2, y: bottom + 36, anchor: .middle,
      size: 13)
  }
}
