import Foundation

/// Errors raised by the Recommendation module. Every message names the file, line, column or
/// identifier involved and suggests a fix.
public enum RecommendationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A file could not be opened or read.
  case unreadableFile(path: String, reason: String)
  /// A named column is not in the header.
  case missingColumn(path: String, column: String, available: [String], flag: String)
  /// A field could not be parsed (bad number, bad date, empty id, broken quoting).
  case invalidField(path: String, line: Int, column: String, value: String, reason: String)
  /// The log holds too little data to train or evaluate.
  case notEnoughData(path: String, reason: String)
  /// An item id given on the command line is not in the model.
  case unknownItem(id: String)
  /// A model file holds something this version cannot use.
  case invalidModel(path: String, reason: String)
  /// An option value is out of range.
  case invalidOption(name: String, reason: String)

  /// A one-line message for people.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "cannot read '\(path)': \(reason)"
    case .missingColumn(let path, let column, let available, let flag):
      return "\(path): column '\(column)' not found; available: "
        + "\(available.joined(separator: ", ")) — check \(flag)"
    case .invalidField(let path, let line, let column, let value, let reason):
      return "\(path):\(line): column '\(column)' value '\(value)': \(reason)"
    case .notEnoughData(let path, let reason):
      return "\(path): \(reason)"
    case .unknownItem(let id):
      return "item '\(id)' is not in the model; check the id or run `recommend update` with "
        + "interactions that include it"
    case .invalidModel(let path, let reason):
      return "\(path): \(reason)"
    case .invalidOption(let name, let reason):
      return "--\(name): \(reason)"
    }
  }
}

extension RecommendationError: LocalizedError {
  /// Same as `description`, so Foundation callers see the full message.
  public var errorDescription: String? { description }
}
