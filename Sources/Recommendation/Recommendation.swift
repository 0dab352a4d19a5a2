import NeuralCore

/// Errors raised by the Recommendation module.
public enum RecommendationError: Error, Equatable, Sendable {
  /// The input data cannot be used; the message names the file, line and field.
  case invalidInput(String)
}
