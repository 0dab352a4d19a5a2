import Foundation

/// Writes a report folder: `report.html`, `report.xml` and, when given, `metrics.json`.
public enum ReportWriter {
  /// Environment variable that turns on snapshot mode (no timestamps) for every written report.
  public static let snapshotEnvironmentKey = "TRACTION_REPORT_SNAPSHOT"

  /// Writes `report.html` and `report.xml` (and `metrics.json` when `metrics` is not empty) into
  /// `directory`, creating it if needed. Each file is written to a temporary file and renamed.
  /// - Parameters:
  ///   - report: The report.
  ///   - directory: Output folder.
  ///   - metrics: Flat snake_case metrics for `metrics.json` (see ARCHITECTURE); keys sorted.
  ///   - snapshot: Leave out the timestamp; defaults to `TRACTION_REPORT_SNAPSHOT=1`.
  /// - Returns: URLs of the files written.
  /// - Throws: `ReportingError.unwritableFile` naming the folder or file.
  @discardableResult
  public static func write(
    _ report: Report, to directory: URL, metrics: [String: Double] = [:],
    snapshot: Bool = ProcessInfo.processInfo.environment[snapshotEnvironmentKey] == "1"
  ) throws -> [URL] {
    let report = snapshot ? report.snapshot() : report
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw ReportingError.unwritableFile(path: directory.path, reason: error.localizedDescription)
    }
    var written: [URL] = []
    let html = directory.appendingPathComponent("report.html")
    try writeAtomically(HTMLRenderer.render(report), to: html)
    written.append(html)
    let xml = directory.appendingPathComponent("report.xml")
    try writeAtomically(XMLRenderer.render(report), to: xml)
    written.append(xml)
    if !metrics.isEmpty {
      let json = directory.appendingPathComponent("metrics.json")
      try writeAtomically(metricsJSON(metrics), to: json)
      written.append(json)
    }
    return written
  }

  /// Flat JSON object with sorted keys, numbers in shortest round-trip form, `null` for NaN/∞.
  public static func metricsJSON(_ metrics: [String: Double]) -> String {
    let lines = metrics.keys.sorted().map { key -> String in
      let value = metrics[key] ?? .nan
      let number =
        value.isFinite
        ? (value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)")
        : "null"
      return "  \"\(jsonEscape(key))\": \(number)"
    }
    return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
  }

  private static func jsonEscape(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// Writes UTF-8 text through a temporary file and a rename.
  /// - Throws: `ReportingError.unwritableFile`.
  public static func writeAtomically(_ text: String, to url: URL) throws {
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw ReportingError.unwritableFile(path: url.path, reason: error.localizedDescription)
    }
  }
}
