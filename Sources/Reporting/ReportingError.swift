import Foundation

/// Errors raised while building, writing, reading or validating reports and PMML documents.
///
/// Every case names the file or field involved and suggests a fix, so the command-line tool can
/// print the message as one line.
public enum ReportingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A document did not validate against its schema; `messages` hold `line N: text` entries.
  case schemaViolation(document: String, messages: [String])
  /// A schema file could not be read or compiled.
  case schemaUnreadable(path: String, reason: String)
  /// A document is not well-formed XML.
  case malformedXML(document: String, reason: String)
  /// A file could not be read.
  case unreadableFile(path: String, reason: String)
  /// A file or folder could not be written.
  case unwritableFile(path: String, reason: String)
  /// A model handed to the PMML builder is inconsistent (shapes, names, activations).
  case invalidModel(field: String, reason: String)
  /// A previous report given to `--compare` has no usable key figures.
  case notAReport(path: String, reason: String)
  /// A previous report given to `--compare` is of another kind than the run that reads it.
  case reportKindMismatch(path: String, found: String, expected: String)

  /// A one-line message naming the file or field and a fix.
  public var description: String {
    switch self {
    case .schemaViolation(let document, let messages):
      let shown = messages.prefix(5).joined(separator: "; ")
      let more = messages.count > 5 ? " (and \(messages.count - 5) more)" : ""
      return "\(document) does not follow its schema: \(shown)\(more)"
    case .schemaUnreadable(let path, let reason):
      return
        "schema \(path) could not be loaded: \(reason) — check the path or re-run the fetch script"
    case .malformedXML(let document, let reason):
      return "\(document) is not well-formed XML: \(reason)"
    case .unreadableFile(let path, let reason):
      return "cannot read \(path): \(reason) — check that the file exists and is readable"
    case .unwritableFile(let path, let reason):
      return "cannot write \(path): \(reason) — check that the folder exists and is writable"
    case .invalidModel(let field, let reason):
      return "model field '\(field)' is invalid for PMML export: \(reason)"
    case .notAReport(let path, let reason):
      return
        "\(path) is not a Traction report.xml: \(reason) — pass the report.xml of an earlier run"
    case .reportKindMismatch(let path, let found, let expected):
      let shown = found.isEmpty ? "a report of no stated kind" : "a '\(found)' report"
      return
        "\(path) is \(shown); --compare needs the report.xml of an earlier '\(expected)' run"
    }
  }
}
