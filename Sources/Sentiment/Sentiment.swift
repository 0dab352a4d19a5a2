import NeuralCore

/// Errors raised by the Sentiment module.
public enum SentimentError: Error, Equatable, Sendable {
  /// The input data cannot be used; the message names the file, line and field.
  case invalidInput(String)
}
