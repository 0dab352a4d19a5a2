import NeuralCore

/// Errors raised while processing text.
public enum TextProcessingError: Error, Equatable, Sendable {
  /// The text is not valid UTF-8.
  case invalidUTF8(line: Int)
}
