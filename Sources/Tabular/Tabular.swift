import NeuralCore

/// Errors raised while reading or encoding tabular data.
public enum TabularError: Error, Equatable, Sendable {
  /// The file is empty or has no header line.
  case emptyFile(path: String)
}
