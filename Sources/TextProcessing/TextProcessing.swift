import NeuralCore

/// Errors raised while processing text.
public enum TextProcessingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text is not valid UTF-8; `line` is the 1-based input line (0 when unknown).
  case invalidUTF8(line: Int)
  /// A feature configuration value is out of range; the message names the field and the fix.
  case invalidConfiguration(String)
  /// Fitting needs at least one non-empty document.
  case noDocuments

  /// A one-line explanation that names the problem and suggests a fix.
  public var description: String {
    switch self {
    case .invalidUTF8(let line):
      return "line \(line): text is not valid UTF-8; re-encode the file as UTF-8"
    case .invalidConfiguration(let message):
      return "invalid text feature configuration: \(message)"
    case .noDocuments:
      return "no usable text to learn features from: every text is empty; check --text"
    }
  }
}
