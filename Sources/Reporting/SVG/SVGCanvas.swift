import Foundation

/// A minimal SVG writer: every text is escaped, numbers are written with one decimal so that
/// output is small and stable.
struct SVGCanvas {
  let width: Double
  let height: Double
  private(set) var body = ""

  /// Colour-blind-safe palette (Okabe & Ito, "Color Universal Design", 2008), darkest first.
  static let palette = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#333333",
  ]
  static let ink = "#1f2933"
  static let muted = "#52606d"
  static let grid = "#e4e7eb"
  static let reference = "#9aa5b1"

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  static func color(_ index: Int) -> String { palette[index % palette.count] }

  /// Formats a coordinate with at most one decimal.
  static func n(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let r = (v * 10).rounded() / 10
    if r == r.rounded() { return String(Int(r)) }
    return String(format: "%.1f", r)
  }

  mutating func raw(_ markup: String) { body += markup }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
    width: Double = 1, dash: String? = nil
  ) {
    body +=
      "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" "
      + "y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
      + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
  }

  mutating func rect(
    _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, opacity: Double? = nil,
    stroke: String? = nil, tooltip: String? = nil
  ) {
    body +=
      "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, w)))\" "
      + "height=\"\(Self.n(max(0, h)))\" fill=\"\(fill)\""
      + (opacity.map { " fill-opacity=\"\(String(format: "%.2f", $0))\"" } ?? "")
      + (stroke.map { " stroke=\"\($0)\"" } ?? "")
    if let tooltip {
      body += "><title>\(Escaping.text(tooltip))</title></rect>"
    } else {
      body += "/>"
    }
  }

  mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, tooltip: String? = nil) {
    body += "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" fill=\"\(fill)\""
    if let tooltip {
      body += "><title>\(Escaping.text(tooltip))</title></circle>"
    } else {
      body += "/>"
    }
  }

  /// A polyline through `points` as a path.
  mutating func path(
    _ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil,
    fill: String = "none", fillOpacity: Double? = nil, close: Bool = false
  ) {
    guard let first = points.first else { return }
    var d = "M\(Self.n(first.0)) \(Self.n(first.1))"
    for p in points.dropFirst() { d += "L\(Self.n(p.0)) \(Self.n(p.1))" }
    if close { d += "Z" }
    body +=
      "<path d=\"\(d)\" fill=\"\(fill)\""
      + (fillOpacity.map { " fill-opacity=\"\(String(format: "%.2f", $0))\"" } ?? "")
      + " stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\""
      + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
  }

  enum Anchor: String { case start, middle, end }

  mutating func text(
    _ string: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
    fill: String = SVGCanvas.ink, weight: String? = nil, rotate: Double? = nil
  ) {
    body +=
      "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" "
      + "fill=\"\(fill)\" text-anchor=\"\(anchor.rawValue)\""
      + (weight.map { " font-weight=\"\($0)\"" } ?? "")
      + (rotate.map { " transform=\"rotate(\(Self.n($0)) \(Self.n(x)) \(Self.n(y)))\"" } ?? "")
      + ">\(Escaping.text(string))</text>"
  }

  /// Approximate rendered width of `string` at `size` px in a sans-serif font.
  static func textWidth(_ string: String, size: Double = 12) -> Double {
    Double(string.count) * size * 0.56
  }

  /// Shortens `string` to at most `limit` characters, ending in an ellipsis.
  static func truncate(_ string: String, to limit: Int) -> String {
    string.count <= limit ? string : String(string.prefix(max(1, limit - 1))) + "…"
  }

  /// Wraps the drawing in an `<svg>` element with `<title>` and `<desc>` for assistive technology.
  func document(id: String, title: String, description: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" "
      + "width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\" "
      + "aria-labelledby=\"\(id)-t \(id)-d\" class=\"chart\" font-family=\"system-ui, -apple-system, "
      + "'Segoe UI', Roboto, Helvetica, Arial, sans-serif\">"
      + "<title id=\"\(id)-t\">\(Escaping.text(title))</title>"
      + "<desc id=\"\(id)-d\">\(Escaping.text(description))</desc>"
      + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
      + body + "</svg>"
  }

  /// Draws a legend of coloured swatches starting at (`x`, `y`), wrapping at `maxWidth`;
  /// returns the height used.
  @discardableResult
  mutating func legend(
    _ items: [(name: String, color: String, dashed: Bool)], x: Double, y: Double, maxWidth: Double
  ) -> Double {
    guard !items.isEmpty else { return 0 }
    var cx = x
    var cy = y
    for item in items {
      let label = Self.truncate(item.name, to: 40)
      let w = 26 + Self.textWidth(label) + 14
      if cx + w > x + maxWidth, cx > x {
        cx = x
        cy += 18
      }
      if item.dashed {
        line(cx, cy - 4, cx + 20, cy - 4, stroke: item.color, width: 2, dash: "5 3")
      } else {
        rect(cx, cy - 9, 20, 10, fill: item.color)
      }
      text(label, x: cx + 26, y: cy, fill: Self.ink)
      cx += w
    }
    return cy - y + 18
  }
}
