import NeuralCore

/// Errors raised by the TextClassification module.
public enum TextClassificationError: Error, Equatable, Sendable {
  /// The input data cannot be used; the message names the file, line and field.
  case invalidInput(String)
}
