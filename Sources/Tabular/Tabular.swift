import NeuralCore

/// Errors raised while reading, writing, inferring or encoding tabular data.
///
/// Every case carries enough context to name the file, line and column (or field) and its
/// `description` suggests a fix, so the command-line tool can print it as one line.
public enum TabularError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file is empty or has no header line.
  case emptyFile(path: String)
  /// The file could not be opened, read or written.
  case io(path: String, reason: String)
  /// A syntax problem in the CSV text (ragged row, unterminated quote, stray quote, NUL byte,
  /// invalid UTF-8). `line` is 1-based (the header is line 1), `column` the 1-based field number.
  case malformed(path: String, line: Int, column: Int, reason: String)
  /// The header has an empty or a duplicated column name, or too many columns. `line` is the
  /// header's line (2 after Excel's `sep=;` line).
  case invalidHeader(path: String, column: Int, reason: String, line: Int = 1)
  /// A column named by the caller (or remembered by a model) is absent from the header.
  case missingColumn(name: String, available: [String])
  /// A value that cannot be used for its column, for example text in a numeric column.
  /// `path` and `line` are filled in by the caller when known (see `located(path:line:)`).
  case invalidValue(path: String?, line: Int?, column: String, value: String, reason: String)
  /// A request that cannot be satisfied by the data (for example a split of an empty set).
  case invalidArgument(String)

  /// This error with the file and line filled in (used by callers of `FeatureEncoder.transform`).
  public func located(path: String?, line: Int?) -> TabularError {
    guard case .invalidValue(let oldPath, let oldLine, let column, let value, let reason) = self
    else { return self }
    return .invalidValue(
      path: path ?? oldPath, line: line ?? oldLine, column: column, value: value, reason: reason)
  }

  /// A one-line message naming the place and suggesting a fix.
  public var description: String {
    switch self {
    case .emptyFile(let path):
      return "\(path): the file is empty — expected a header line with column names"
    case .io(let path, let reason):
      return "\(path): \(reason)"
    case .malformed(let path, let line, let column, let reason):
      return "\(path):\(line): column \(column): \(reason)"
    case .invalidHeader(let path, let column, let reason, let line):
      return "\(path):\(line): column \(column): \(reason)"
    case .missingColumn(let name, let available):
      let list = available.prefix(30).joined(separator: ", ")
      return "column '\(name)' not found; available: \(list)"
    case .invalidValue(let path, let line, let column, let value, let reason):
      var place = ""
      if let path { place += path + ":" }
      if let line { place += "\(line):" }
      if !place.isEmpty { place += " " }
      let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
      return "\(place)column '\(column)': value '\(shown)' \(reason)"
    case .invalidArgument(let message):
      return message
    }
  }
}
