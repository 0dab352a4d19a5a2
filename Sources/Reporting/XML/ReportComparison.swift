import Foundation

/// Key figures read back from an earlier `report.xml`, so a new report can show
/// "vs previous run" (`--compare old/report.xml`).
///
/// ```swift
/// let previous = try ReportComparison.load(xmlAt: oldReport, expectingKind: "churn")
/// report.compare(with: previous)   // every matching key figure gains a "previous run" delta
/// ```
///
/// Load the file before the expensive work starts: a missing, damaged or foreign file then fails
/// the command before anything is written.
public struct ReportComparison: Sendable, Equatable {
  /// One key figure of the earlier report.
  public struct Figure: Sendable, Equatable {
    /// Machine key, if the figure had one.
    public var key: String?
    /// Human label.
    public var label: String
    /// The value.
    public var value: Double
    /// The unit.
    public var unit: KeyFigure.Unit
  }

  /// Title of the earlier report.
  public var title: String
  /// Report kind of the earlier report (`churn`, `tickets`, `recommend`, …).
  public var kind: String
  /// When the earlier report was generated, as written (ISO 8601), if it was recorded.
  public var generatedAt: String?
  /// Its key figures.
  public var figures: [Figure]
  /// Size and SHA-256 of the earlier `report.xml`, for the new report's provenance.
  public var source: InputFile?

  /// Largest file accepted; reports are a few megabytes at most.
  static let maximumBytes = 64 << 20

  /// Reads the key figures of a `report.xml` written by `XMLRenderer`.
  ///
  /// The file must be well-formed XML whose root is `<report schemaVersion="1">` with at least
  /// one key figure whose `value` is a number. Parse errors carry libxml2's line and column.
  /// - Parameters:
  ///   - given: The earlier `report.xml`, or the report folder holding it.
  ///   - expectingKind: When set, the earlier report must be of this kind (`churn`, `tickets`…);
  ///     comparing a churn run with a ticket report would match nothing meaningful.
  /// - Throws: `ReportingError.unreadableFile`, `.malformedXML`, `.notAReport` or
  ///   `.reportKindMismatch`, each naming the file.
  public static func load(xmlAt given: URL, expectingKind: String? = nil) throws
    -> ReportComparison
  {
    var url = given
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw ReportingError.unreadableFile(path: url.path, reason: "no such file")
    }
    if isDirectory.boolValue {
      // A report folder names its report.xml unambiguously.
      url = given.appendingPathComponent("report.xml")
      guard FileManager.default.fileExists(atPath: url.path) else {
        throw ReportingError.unreadableFile(
          path: given.path, reason: "it is a folder without a report.xml")
      }
    }
    let path = url.path
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= maximumBytes else {
      throw ReportingError.notAReport(
        path: path, reason: "\(size) bytes is far larger than any report.xml")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ReportingError.unreadableFile(path: path, reason: error.localizedDescription)
    }
    guard !data.isEmpty else {
      throw ReportingError.malformedXML(document: path, reason: "the file is empty")
    }
    var comparison = try ReportXMLReader.read(data, path: path)
    if let expectingKind, comparison.kind != expectingKind {
      throw ReportingError.reportKindMismatch(
        path: path, found: comparison.kind, expected: expectingKind)
    }
    comparison.source = try InputFile.describing(
      fileAt: url, name: path, role: "previous report (--compare)")
    return comparison
  }

  /// The earlier value of a figure: matched by `key` when both have one, otherwise by label.
  public func previousValue(for figure: KeyFigure) -> Double? {
    if let key = figure.key, let match = figures.first(where: { $0.key == key }) {
      return match.value
    }
    return figures.first { $0.key == nil || figure.key == nil ? $0.label == figure.label : false }?
      .value
  }
}

extension Report {
  /// Adds a "previous run" comparison to every key figure found in `previous`, and lists the
  /// earlier report in the provenance.
  /// - Parameters:
  ///   - previous: Figures read with `ReportComparison.load(xmlAt:expectingKind:)`.
  ///   - label: Label of the comparison.
  public mutating func compare(with previous: ReportComparison, label: String = "previous run") {
    for i in keyFigures.indices {
      if let value = previous.previousValue(for: keyFigures[i]) {
        keyFigures[i].comparisons.append(Comparison(label: label, value: value))
      }
    }
    if let source = previous.source { provenance.append(source) }
  }
}
