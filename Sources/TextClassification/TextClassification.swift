import Foundation
import NeuralCore

/// Errors raised by the TextClassification module.
public enum TextClassificationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input data cannot be used; the message names the file, line and field.
  case invalidInput(String)
  /// Training needs at least two distinct labels.
  case tooFewClasses(found: [String])
  /// A model file could not be used; `reason` says why and how to fix it.
  case modelFile(path: String, reason: String)

  /// A one-line explanation that names the problem and suggests a fix.
  public var description: String {
    switch self {
    case .invalidInput(let message): return message
    case .tooFewClasses(let found):
      return "need at least 2 distinct labels to train, found \(found.count)"
        + (found.isEmpty ? "" : " (\(found.prefix(3).joined(separator: ", ")))")
        + "; check --label"
    case .modelFile(let path, let reason):
      return "model file '\(path)': \(reason)"
    }
  }
}

/// Re-export of the tool version for report writers.
enum NeuralCoreVersion {
  static var string: String { TractionVersion.string }
}
