import CLibXML2
import Foundation

/// Reads the key figures of a `report.xml` with libxml2, so that every error can name the line
/// (and, for syntax errors, the column) where the file went wrong.
///
/// No DTD is loaded, no entity is expanded beyond the predefined ones and no network access is
/// allowed (`XML_PARSE_NONET`), so a hostile file cannot make the reader fetch anything.
enum ReportXMLReader {
  /// Parses `data` (the contents of `path`) into a comparison.
  /// - Throws: `ReportingError.malformedXML` with "line L, column C: …" or `.notAReport`.
  static func read(_ data: Data, path: String) throws -> ReportComparison {
    xmlInitParser()
    guard let context = xmlNewParserCtxt() else {
      throw ReportingError.malformedXML(document: path, reason: "libxml2 could not create a parser")
    }
    defer { xmlFreeParserCtxt(context) }
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let document = data.withUnsafeBytes { raw -> xmlDocPtr? in
      guard let base = raw.bindMemory(to: CChar.self).baseAddress else { return nil }
      return xmlCtxtReadMemory(context, base, Int32(raw.count), path, nil, options)
    }
    guard let document else {
      var reason = "not well-formed XML"
      if let error = xmlCtxtGetLastError(context) { reason = describe(error.pointee) }
      throw ReportingError.malformedXML(document: path, reason: reason)
    }
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document) else {
      throw ReportingError.notAReport(path: path, reason: "the document has no root element")
    }
    let rootName = name(of: root)
    guard rootName == "report", root.pointee.ns == nil else {
      let shown = root.pointee.ns == nil ? "<\(rootName)>" : "<\(rootName)> in a namespace"
      throw ReportingError.notAReport(
        path: path, reason: "line \(xmlGetLineNo(root)): the root element is \(shown), not <report>"
      )
    }
    let version = attribute("schemaVersion", of: root)
    guard version == XMLRenderer.schemaVersion else {
      let found = version.map { "schemaVersion '\($0)'" } ?? "no schemaVersion attribute"
      throw ReportingError.notAReport(
        path: path,
        reason: "line \(xmlGetLineNo(root)): \(found); this version reads schemaVersion "
          + "'\(XMLRenderer.schemaVersion)'")
    }
    var figures: [ReportComparison.Figure] = []
    for group in children(of: root, named: "keyFigures") {
      for node in children(of: group, named: "keyFigure") {
        let label = children(of: node, named: "label").first.map(text(of:)) ?? ""
        let key = attribute("key", of: node)
        let shown = key ?? label
        guard let token = attribute("value", of: node) else {
          throw ReportingError.notAReport(
            path: path, reason: "line \(xmlGetLineNo(node)): key figure '\(shown)' has no value")
        }
        guard let value = number(token) else {
          throw ReportingError.notAReport(
            path: path,
            reason: "line \(xmlGetLineNo(node)): key figure '\(shown)' has value '\(token)', "
              + "which is not a number")
        }
        figures.append(
          .init(
            key: key, label: label, value: value,
            unit: ReportFormat.unit(fromToken: attribute("unit", of: node) ?? "none")))
      }
    }
    guard !figures.isEmpty else {
      throw ReportingError.notAReport(path: path, reason: "it has no key figures to compare with")
    }
    return ReportComparison(
      title: children(of: root, named: "title").first.map(text(of:)) ?? "",
      kind: attribute("kind", of: root) ?? "", generatedAt: attribute("generatedAt", of: root),
      figures: figures, source: nil)
  }

  /// `xs:double` lexical forms, including `NaN`, `INF` and `-INF`.
  static func number(_ token: String) -> Double? {
    let trimmed = token.trimmingCharacters(in: .whitespaces)
    switch trimmed {
    case "NaN": return .nan
    case "INF", "+INF": return .infinity
    case "-INF": return -.infinity
    default:
      // Swift also accepts "inf"/"nan" spellings and hexadecimal; the schema does not.
      guard !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }) else {
        return nil
      }
      return Double(trimmed)
    }
  }

  /// "line L, column C: message" from a libxml2 error.
  static func describe(_ error: xmlError) -> String {
    let message = (error.message.map { String(cString: $0) } ?? "not well-formed XML")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard error.line > 0 else { return message }
    return error.int2 > 0
      ? "line \(error.line), column \(error.int2): \(message)" : "line \(error.line): \(message)"
  }

  static func name(of node: xmlNodePtr) -> String {
    node.pointee.name.map { String(cString: $0) } ?? ""
  }

  /// Element children of `node` with the given local name, in document order.
  static func children(of node: xmlNodePtr, named wanted: String) -> [xmlNodePtr] {
    var found: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE, name(of: current) == wanted {
        found.append(current)
      }
      child = current.pointee.next
    }
    return found
  }

  /// Text content directly inside `node` (text and CDATA children, concatenated).
  static func text(of node: xmlNodePtr) -> String {
    var out = ""
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
        let content = current.pointee.content
      {
        out += String(cString: content)
      }
      child = current.pointee.next
    }
    return out
  }

  /// The value of attribute `wanted` of `node`, if present.
  static func attribute(_ wanted: String, of node: xmlNodePtr) -> String? {
    var property = node.pointee.properties
    while let current = property {
      if current.pointee.name.map({ String(cString: $0) }) == wanted {
        var value = ""
        var child = current.pointee.children
        while let part = child {
          if let content = part.pointee.content { value += String(cString: content) }
          child = part.pointee.next
        }
        return value
      }
      property = current.pointee.next
    }
    return nil
  }
}
