import Foundation

/// Errors raised by the RiskScoring module. Every message names the file, line and column (or
/// the option) involved and suggests a fix; the CLI prints it as one line and exits non-zero.
public enum RiskScoringError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The target column is not in the file's header.
  case targetNotFound(file: String, column: String, available: [String])
  /// The target column has a single class, so there is nothing to learn.
  case singleClassTarget(file: String, column: String, value: String)
  /// The target has more than two values and `--positive` was not given.
  case targetNotBinary(file: String, column: String, values: [String])
  /// `--positive` names a value that the target column never takes.
  case positiveLabelNotFound(file: String, column: String, value: String, values: [String])
  /// A target cell is missing (empty or a missing-value token).
  case missingTarget(file: String, line: Int, column: String)
  /// A cell cannot be used: text in a numeric column, NaN or infinity.
  case invalidValue(file: String, line: Int, column: String, value: String, reason: String)
  /// Columns the model needs are absent from the file.
  case missingColumns(file: String, columns: [String])
  /// The file holds no data rows (empty file or header only).
  case noRows(file: String)
  /// A column named in an option does not exist.
  case unknownColumn(option: String, column: String, available: [String])
  /// An option value is invalid.
  case invalidOption(option: String, reason: String)
  /// The model file is valid but was trained for another task.
  case wrongModel(path: String, reason: String)
  /// Training could not produce a model (for example too few rows of one class).
  case trainingFailed(reason: String)

  /// One line for the terminal, naming file, line and column and the fix.
  public var description: String {
    switch self {
    case .targetNotFound(let file, let column, let available):
      return "\(file): target column '\(column)' not found; available: "
        + "\(Self.list(available)) — check --target"
    case .singleClassTarget(let file, let column, let value):
      return "\(file): target column '\(column)' has only one class ('\(value)'); "
        + "a risk model needs both outcomes — check --target or the file"
    case .targetNotBinary(let file, let column, let values):
      return "\(file): target column '\(column)' has \(values.count) values "
        + "(\(Self.list(values))); name the risk outcome with --positive VALUE"
    case .positiveLabelNotFound(let file, let column, let value, let values):
      return "\(file): --positive '\(value)' never occurs in target column '\(column)'; "
        + "values: \(Self.list(values))"
    case .missingTarget(let file, let line, let column):
      return "\(file):\(line): column '\(column)': the target is missing; "
        + "remove unlabelled rows or score them with `score`"
    case .invalidValue(let file, let line, let column, let value, let reason):
      return "\(file):\(line): column '\(column)': value '\(Self.clip(value))' \(reason)"
    case .missingColumns(let file, let columns):
      return "\(file): missing column(s) the model was trained with: \(Self.list(columns)); "
        + "add them (empty cells count as missing)"
    case .noRows(let file):
      return "\(file): no data rows (the file is empty or has only a header)"
    case .unknownColumn(let option, let column, let available):
      return "\(option) '\(column)': no such column; available: \(Self.list(available))"
    case .invalidOption(let option, let reason):
      return "\(option): \(reason)"
    case .wrongModel(let path, let reason):
      return "\(path): \(reason)"
    case .trainingFailed(let reason):
      return "training failed: \(reason)"
    }
  }

  static func list(_ names: [String]) -> String {
    let shown = names.prefix(12).map { $0 }.joined(separator: ", ")
    return names.count > 12 ? shown + ", … (\(names.count) in all)" : shown
  }

  static func clip(_ value: String) -> String {
    value.count > 40 ? String(value.prefix(40)) + "…" : value
  }
}
