import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Writes `reports/index.html`: one card per report with its title, summary, headline figures
/// and links to `report.html` and `report.xml`.
///
/// ```swift
/// let out = URL(fileURLWithPath: "reports")
/// try ReportIndex.write(ReportIndex.entries(in: out), to: out.appendingPathComponent("index.html"))
/// ```
public enum ReportIndex {
  /// One report in the index.
  public struct Entry: Sendable, Equatable {
    /// Report title.
    public var title: String
    /// Report kind (`churn`, `tickets`, …).
    public var kind: String
    /// Plain-language summary.
    public var summary: String
    /// Up to four headline figures, already formatted (label → value).
    public var figures: [KeyValue]
    /// Link to the HTML report, relative to the index file (`churn/report.html`).
    public var href: String
    /// Link to the XML report, if there is one.
    public var xmlHref: String?

    /// Creates an entry.
    public init(
      title: String, kind: String, summary: String, figures: [KeyValue] = [], href: String,
      xmlHref: String? = nil
    ) {
      self.title = title
      self.kind = kind
      self.summary = summary
      self.figures = figures
      self.href = href
      self.xmlHref = xmlHref
    }

    /// An entry for a report written to `folder` (relative to the index), e.g. `"churn"`.
    public init(report: Report, folder: String) {
      self.init(
        title: report.title, kind: report.kind, summary: report.summary,
        figures: report.keyFigures.prefix(4).map {
          KeyValue($0.label, ReportFormat.value($0.value, unit: $0.unit))
        }, href: folder + "/report.html", xmlHref: folder + "/report.xml")
    }
  }

  /// Entries for every `*/report.xml` directly below `directory`, sorted by folder name.
  /// Folders without a readable report are skipped.
  public static func entries(in directory: URL) -> [Entry] {
    let folders = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return folders.sorted().compactMap { folder in
      let xml = directory.appendingPathComponent(folder).appendingPathComponent("report.xml")
      guard let data = try? Data(contentsOf: xml),
        let document = try? XMLDocument(data: data, options: []), let root = document.rootElement(),
        root.name == "report"
      else { return nil }
      func text(_ node: XMLElement, _ name: String) -> String {
        node.elements(forName: name).first?.stringValue ?? ""
      }
      let figures =
        (root.elements(forName: "keyFigures").first?.elements(forName: "keyFigure") ?? [])
        .prefix(4).map { KeyValue(text($0, "label"), text($0, "formatted")) }
      let html = directory.appendingPathComponent(folder).appendingPathComponent("report.html")
      let hasHTML = FileManager.default.fileExists(atPath: html.path)
      return Entry(
        title: text(root, "title"), kind: root.attribute(forName: "kind")?.stringValue ?? "",
        summary: text(root, "summary"), figures: figures,
        href: hasHTML ? folder + "/report.html" : folder + "/report.xml",
        xmlHref: folder + "/report.xml")
    }
  }

  /// The index page as HTML (self-contained, same style as the reports).
  public static func render(_ entries: [Entry], title: String = "Traction reports") -> String {
    let e = Escaping.text
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    out += "style-src 'unsafe-inline'; img-src data:\">\n"
    out += "<title>\(e(title))</title>\n<style>\n\(HTMLAssets.css)\n"
    out += ".cards{list-style:none;padding:0;margin:0;display:grid;gap:16px}\n"
    out += ".card{border:1px solid var(--line);border-radius:6px;padding:14px 16px}\n"
    out += ".card h2{margin:2px 0 6px;border:0;padding:0;font-size:19px}\n"
    out += ".card .figures{margin:10px 0 6px}\n.card .figure .value{font-size:20px}\n"
    out += "</style>\n</head>\n<body>\n<div class=\"page\">\n<header class=\"top\">\n"
    out += "<h1>\(e(title))</h1>\n<p class=\"meta\">\(entries.count) report"
    out += entries.count == 1 ? "" : "s"
    out += ". Each is one offline HTML file; report.xml holds the same content as data.</p>\n"
    out += "</header>\n<main>\n<ul class=\"cards\">\n"
    for entry in entries {
      out += "<li class=\"card\">\n<p class=\"kind\">\(e(entry.kind))</p>\n"
      out += "<h2><a href=\"\(Escaping.attribute(entry.href))\">\(e(entry.title))</a></h2>\n"
      out += "<p>\(e(entry.summary))</p>\n"
      if !entry.figures.isEmpty {
        out += "<ul class=\"figures\">\n"
        for figure in entry.figures {
          out += "<li class=\"figure\"><div class=\"label\">\(e(figure.key))</div>"
          out += "<div class=\"value\">\(e(figure.value))</div></li>\n"
        }
        out += "</ul>\n"
      }
      out += "<p class=\"meta\"><a href=\"\(Escaping.attribute(entry.href))\">Open report</a>"
      if let xml = entry.xmlHref { out += " · <a href=\"\(Escaping.attribute(xml))\">XML data</a>" }
      out += "</p>\n</li>\n"
    }
    out += "</ul>\n</main>\n<footer>Made with Traction.</footer>\n</div>\n</body>\n</html>\n"
    return out
  }

  /// Writes the index page atomically.
  /// - Parameters:
  ///   - entries: Reports to list, in order.
  ///   - url: Where to write, usually `reports/index.html`.
  /// - Throws: `ReportingError.unwritableFile`.
  public static func write(_ entries: [Entry], to url: URL, title: String = "Traction reports")
    throws
  {
    try ReportWriter.writeAtomically(render(entries, title: title), to: url)
  }
}
