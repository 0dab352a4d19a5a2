import Foundation

/// Locale-independent number formatting shared by the HTML and SVG renderers, so that
/// snapshots do not depend on the machine's locale.
public enum ReportFormat {
  /// Formats a key-figure value in its unit ("25.3%", "EUR 12,300", "0.873").
  public static func value(_ value: Double, unit: KeyFigure.Unit) -> String {
    guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "−∞") }
    switch unit {
    case .none: return plain(value)
    case .count: return grouped(value, decimals: 0)
    case .percent: return fixed(value * 100, decimals: 1) + "%"
    case .score: return fixed(value, decimals: 3)
    case .currency(let code): return code + " " + grouped(value, decimals: 0)
    case .seconds:
      return value < 10 ? fixed(value, decimals: 2) + " s" : grouped(value, decimals: 0) + " s"
    case .custom(let unit): return plain(value) + " " + unit
    }
  }

  /// Formats a change between two values in a unit ("+2.1 pp", "+0.034", "−120").
  public static func delta(_ delta: Double, unit: KeyFigure.Unit) -> String {
    guard delta.isFinite else { return "n/a" }
    let sign = delta > 0 ? "+" : (delta < 0 ? "−" : "±")
    let magnitude = abs(delta)
    switch unit {
    case .percent: return sign + fixed(magnitude * 100, decimals: 1) + " pp"
    case .score: return sign + fixed(magnitude, decimals: 3)
    case .count: return sign + grouped(magnitude, decimals: 0)
    case .currency(let code): return sign + code + " " + grouped(magnitude, decimals: 0)
    case .seconds: return sign + fixed(magnitude, decimals: 2) + " s"
    case .none: return sign + plain(magnitude)
    case .custom(let unit): return sign + plain(magnitude) + " " + unit
    }
  }

  /// A number with up to three decimals and no trailing zeros ("0.5", "12", "1,234.57").
  public static func plain(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "−∞") }
    if abs(value) >= 1000 { return grouped(value, decimals: abs(value) >= 100_000 ? 0 : 1) }
    var text = fixed(value, decimals: 3)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  /// Fixed decimals with a plain minus, e.g. `fixed(0.12345, decimals: 2) == "0.12"`.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    let text = String(format: "%.\(max(0, decimals))f", value)
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
  }

  /// Fixed decimals with thousands separators, e.g. `grouped(12345.6, decimals: 0) == "12,346"`.
  public static func grouped(_ value: Double, decimals: Int) -> String {
    let text = fixed(value, decimals: decimals)
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    let parts = body.split(separator: ".", maxSplits: 1)
    let integer = Array(parts.first.map(String.init) ?? "0")
    var out = ""
    for (i, ch) in integer.enumerated() {
      if i > 0, (integer.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    if parts.count > 1 { out += "." + parts[1] }
    return (negative ? "-" : "") + out
  }

  /// A number for XML data: shortest round-trip form; `NaN`, `INF`, `-INF` as in XSD `double`.
  public static func xmlNumber(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "INF" : "-INF" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// The unit as a short machine token for XML (`percent`, `currency:EUR`, `custom:tickets`).
  public static func unitToken(_ unit: KeyFigure.Unit) -> String {
    switch unit {
    case .none: return "none"
    case .count: return "count"
    case .percent: return "percent"
    case .score: return "score"
    case .seconds: return "seconds"
    case .currency(let code): return "currency:" + code
    case .custom(let name): return "custom:" + name
    }
  }

  /// Parses a token written by `unitToken`; unknown tokens become `.none`.
  public static func unit(fromToken token: String) -> KeyFigure.Unit {
    switch token {
    case "count": return .count
    case "percent": return .percent
    case "score": return .score
    case "seconds": return .seconds
    default:
      if token.hasPrefix("currency:") { return .currency(String(token.dropFirst(9))) }
      if token.hasPrefix("custom:") { return .custom(String(token.dropFirst(7))) }
      return .none
    }
  }

  /// ISO 8601 timestamp in UTC, e.g. `2026-11-03T14:05:00Z`.
  public static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}
