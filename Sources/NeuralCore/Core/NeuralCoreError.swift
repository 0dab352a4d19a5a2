import Foundation

/// Errors thrown by NeuralCore for bad data or damaged files (programmer mistakes are
/// preconditions instead).
public enum NeuralCoreError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
  /// A model file could not be read: missing, truncated, damaged, foreign or of another version.
  case modelFile(path: String, reason: String)
  /// A model file could not be written.
  case writeFailed(path: String, reason: String)
  /// The training loss became NaN or infinite.
  case nonFiniteLoss(epoch: Int, batch: Int)
  /// An argument or input value is outside its valid range.
  case invalidValue(name: String, value: String, expected: String)
  /// A tensor named in a model file is missing or has the wrong shape.
  case missingTensor(name: String, expectedShape: [Int])

  /// A one-line message naming the problem and a fix.
  public var description: String {
    switch self {
    case .modelFile(let path, let reason):
      return "model file '\(path)': \(reason)"
    case .writeFailed(let path, let reason):
      return
        "cannot write model file '\(path)': \(reason) — check the folder exists and is writable"
    case .nonFiniteLoss(let epoch, let batch):
      return "training loss became NaN or infinite in epoch \(epoch), batch \(batch) — "
        + "lower the learning rate, enable gradient clipping or check the data for extreme values"
    case .invalidValue(let name, let value, let expected):
      return "invalid \(name) \(value): expected \(expected)"
    case .missingTensor(let name, let shape):
      return "model file lacks tensor '\(name)' of shape \(shape) — "
        + "the file was written by a different model; retrain it"
    }
  }

  /// Same as ``description``.
  public var errorDescription: String? { description }
}
