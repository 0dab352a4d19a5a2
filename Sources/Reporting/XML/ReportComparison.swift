import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Key figures read back from an earlier `report.xml`, so a new report can show
/// "vs previous run" (`--compare old/report.xml`).
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
  /// When the earlier report was generated, as written (ISO 8601), if it was recorded.
  public var generatedAt: String?
  /// Its key figures.
  public var figures: [Figure]

  /// Reads the key figures of a `report.xml` written by `XMLRenderer`.
  /// - Throws: `ReportingError.unreadableFile`, `.malformedXML` or `.notAReport`.
  public static func load(xmlAt url: URL) throws -> ReportComparison {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ReportingError.unreadableFile(path: url.path, reason: error.localizedDescription)
    }
    // Refuse other files (an HTML report, a CSV) before the XML parser complains on stderr.
    let head = String(decoding: data.prefix(512), as: UTF8.self)
    guard
      head.contains("<report") || head.hasPrefix("<?xml") && !head.lowercased().contains("<html")
    else {
      throw ReportingError.notAReport(
        path: url.path, reason: "no <report> element at the start of the file")
    }
    let document: XMLDocument
    do {
      document = try XMLDocument(data: data, options: [])
    } catch {
      throw ReportingError.malformedXML(document: url.path, reason: error.localizedDescription)
    }
    guard let root = document.rootElement(), root.name == "report" else {
      throw ReportingError.notAReport(path: url.path, reason: "the root element is not <report>")
    }
    var figures: [Figure] = []
    let nodes = root.elements(forName: "keyFigures").first?.elements(forName: "keyFigure") ?? []
    for node in nodes {
      guard let text = node.attribute(forName: "value")?.stringValue,
        let value = Double(text)
          ?? (text == "NaN" ? .nan : text == "INF" ? .infinity : text == "-INF" ? -.infinity : nil)
      else { continue }
      figures.append(
        Figure(
          key: node.attribute(forName: "key")?.stringValue,
          label: node.elements(forName: "label").first?.stringValue ?? "",
          value: value,
          unit: ReportFormat.unit(fromToken: node.attribute(forName: "unit")?.stringValue ?? "none")
        ))
    }
    return ReportComparison(
      title: root.elements(forName: "title").first?.stringValue ?? "",
      generatedAt: root.attribute(forName: "generatedAt")?.stringValue, figures: figures)
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
  /// Adds a "previous run" comparison to every key figure found in `previous`.
  /// - Parameters:
  ///   - previous: Figures read with `ReportComparison.load(xmlAt:)`.
  ///   - label: Label of the comparison.
  public mutating func compare(with previous: ReportComparison, label: String = "previous run") {
    for i in keyFigures.indices {
      if let value = previous.previousValue(for: keyFigures[i]) {
        keyFigures[i].comparisons.append(Comparison(label: label, value: value))
      }
    }
  }
}
