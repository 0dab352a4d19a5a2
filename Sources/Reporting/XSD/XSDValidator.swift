import CLibXML2
import Foundation

/// Validates XML documents against an XML Schema (XSD 1.0) with libxml2.
///
/// FoundationXML can only validate against DTDs, so this calls libxml2's `xmlschemas` API
/// directly. Errors are collected through a structured error handler into
/// `ReportingError.schemaViolation` (nothing is printed to stderr).
///
/// ```swift
/// try XSDValidator.validate(xml: XMLRenderer.render(report), schemaAt: schemaURL)
/// ```
public enum XSDValidator {
  /// libxml2 must be initialised once before use from several threads.
  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  /// Validates an XML string.
  /// - Parameters:
  ///   - xml: The document.
  ///   - schemaURL: Path of the `.xsd` file.
  ///   - documentName: Name used in messages (e.g. `report.xml`).
  /// - Throws: `ReportingError.schemaViolation` listing `line N: message` entries,
  ///   `.malformedXML` when the document does not parse, `.schemaUnreadable` when the schema
  ///   cannot be loaded.
  public static func validate(
    xml: String, schemaAt schemaURL: URL, documentName: String = "document"
  )
    throws
  {
    let schema = try CompiledSchema(url: schemaURL)
    try schema.validate(xml: xml, documentName: documentName)
  }

  /// Validates an XML file.
  /// - Throws: as `validate(xml:schemaAt:documentName:)`, plus `.unreadableFile`.
  public static func validate(xmlAt url: URL, schemaAt schemaURL: URL) throws {
    let xml: String
    do {
      xml = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ReportingError.unreadableFile(path: url.path, reason: error.localizedDescription)
    }
    try validate(xml: xml, schemaAt: schemaURL, documentName: url.lastPathComponent)
  }

  /// A schema compiled once, for validating many documents.
  public final class CompiledSchema {
    private let schema: xmlSchemaPtr
    private let path: String

    /// Loads and compiles the schema at `url`.
    /// - Throws: `ReportingError.schemaUnreadable` with libxml2's messages.
    public init(url: URL) throws {
      _ = XSDValidator.initialized
      path = url.path
      guard FileManager.default.isReadableFile(atPath: url.path) else {
        throw ReportingError.schemaUnreadable(
          path: url.path, reason: "file not found or not readable")
      }
      guard let parser = xmlSchemaNewParserCtxt(url.path) else {
        throw ReportingError.schemaUnreadable(
          path: url.path, reason: "libxml2 could not create a parser")
      }
      defer { xmlSchemaFreeParserCtxt(parser) }
      let collector = MessageCollector()
      let box = Unmanaged.passUnretained(collector).toOpaque()
      xmlSchemaSetParserStructuredErrors(parser, collectError, box)
      let compiled = withExtendedLifetime(collector) { xmlSchemaParse(parser) }
      guard let compiled else {
        let reason =
          collector.messages.isEmpty
          ? "not a valid XML Schema" : collector.messages.joined(separator: "; ")
        throw ReportingError.schemaUnreadable(path: url.path, reason: reason)
      }
      schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates one document against the compiled schema.
    /// - Throws: `ReportingError.schemaViolation` or `.malformedXML`.
    public func validate(xml: String, documentName: String = "document") throws {
      let bytes = Array(xml.utf8)
      let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
      guard let parserContext = xmlNewParserCtxt() else {
        throw ReportingError.malformedXML(
          document: documentName, reason: "libxml2 could not create a parser")
      }
      defer { xmlFreeParserCtxt(parserContext) }
      let document = bytes.withUnsafeBufferPointer { buffer in
        buffer.baseAddress.map { base in
          base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
            xmlCtxtReadMemory(
              parserContext, $0, Int32(buffer.count), documentName, "UTF-8", options)
          }
        } ?? nil
      }
      guard let document else {
        var reason = "empty document"
        if let error = xmlCtxtGetLastError(parserContext) {
          reason = MessageCollector.describe(error.pointee)
        }
        throw ReportingError.malformedXML(document: documentName, reason: reason)
      }
      defer { xmlFreeDoc(document) }
      guard let validator = xmlSchemaNewValidCtxt(schema) else {
        throw ReportingError.schemaUnreadable(
          path: path, reason: "libxml2 could not create a validator")
      }
      defer { xmlSchemaFreeValidCtxt(validator) }
      let collector = MessageCollector()
      xmlSchemaSetValidStructuredErrors(
        validator, collectError, Unmanaged.passUnretained(collector).toOpaque())
      let status = withExtendedLifetime(collector) { xmlSchemaValidateDoc(validator, document) }
      if status != 0 {
        let messages =
          collector.messages.isEmpty ? ["libxml2 status \(status)"] : collector.messages
        throw ReportingError.schemaViolation(document: documentName, messages: messages)
      }
    }
  }
}

/// Receives libxml2's structured errors (called synchronously during parse/validate).
private final class MessageCollector {
  var messages: [String] = []

  static func describe(_ error: xmlError) -> String {
    let text = error.message.map { String(cString: $0) } ?? "unknown error"
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return error.line > 0 ? "line \(error.line): \(trimmed)" : trimmed
  }
}

/// C-compatible error callback: `userData` is an unretained `MessageCollector`.
private func collectError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let userData, let error else { return }
  let collector = Unmanaged<MessageCollector>.fromOpaque(userData).takeUnretainedValue()
  collector.messages.append(MessageCollector.describe(error.pointee))
}
