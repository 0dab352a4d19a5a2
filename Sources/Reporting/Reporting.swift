import CLibXML2

/// Errors raised while writing or validating reports.
public enum ReportingError: Error, Equatable, Sendable {
  /// A document did not validate against its schema.
  case schemaViolation(document: String, messages: [String])
}
