import NeuralCore

/// Errors raised by metric computations.
public enum EvaluationError: Error, Equatable, Sendable {
  /// Inputs of different lengths.
  case lengthMismatch(expected: Int, actual: Int)
}
