import NeuralCore

/// Errors raised by the RiskScoring module.
public enum RiskScoringError: Error, Equatable, Sendable {
  /// The input data cannot be used; the message names the file, line and field.
  case invalidInput(String)
}
