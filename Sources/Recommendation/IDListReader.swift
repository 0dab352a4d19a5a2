import Foundation
import Tabular

/// Ids (users for `recommend for --users`, items for `--exclude`) read with `Tabular.CSVReader`,
/// streaming, so they get the same quoting, encoding and shape checks and the same messages
/// (file, line, column) as every other input.
///
/// The file is either a CSV whose header names the id column (matched ignoring case and
/// surrounding spaces; other columns are ignored) or a one-column list without a header, where
/// every non-blank line, the first included, is an id. Ids are trimmed of surrounding spaces.
///
/// ```swift
/// var users = try IDListReader(url: URL(fileURLWithPath: "users.csv"), column: "customer_id")
/// while let user = try users.next() { print(user) }
/// ```
public struct IDListReader {
  /// The file name used in messages ("<stdin>" for standard input).
  public let path: String
  /// The id column's name: from the header, or `column` for a headerless list.
  public let columnName: String
  private var reader: CSVReader
  private let index: Int
  /// The first id of a headerless list (read as the header), returned by the first `next()`.
  private var pending: String?
  private var row = CSVRow()

  /// Opens `url` (standard input when nil) and reads its first line.
  /// - Parameters:
  ///   - column: the id column a CSV header must name (the model's user or item column).
  ///   - displayPath: the name used in messages (defaults to the path).
  ///   - flag: the option that names the file, suggested in messages.
  /// - Throws: `TabularError` naming the file, line and column for broken CSV;
  ///   `RecommendationError.missingColumn` when the first line has several fields and none is
  ///   `column`.
  public init(url: URL?, column: String, displayPath: String? = nil, flag: String) throws {
    reader = try InteractionLog.openReader(url, displayPath: displayPath)
    path = reader.path
    let wanted = column.trimmingCharacters(in: .whitespaces).lowercased()
    if let k = reader.header.firstIndex(where: {
      $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted
    }) {
      index = k
      columnName = reader.header[k]
    } else if reader.header.count == 1 {
      index = 0
      columnName = column
      pending = reader.header[0].trimmingCharacters(in: .whitespaces)
    } else {
      throw RecommendationError.missingColumn(
        path: path, column: column,
        available: reader.header.map { $0.trimmingCharacters(in: .whitespaces) },
        flag: "\(flag) (a one-column list of ids, or a CSV whose header names '\(column)')")
    }
  }

  /// The next id, or nil at the end.
  /// - Throws: `TabularError` for broken CSV; `RecommendationError.invalidField` for an empty id.
  public mutating func next() throws -> String? {
    if let first = pending {
      pending = nil
      return first
    }
    guard try reader.nextRow(into: &row) else { return nil }
    let id = row.string(at: index).trimmingCharacters(in: .whitespaces)
    guard !id.isEmpty else {
      throw RecommendationError.invalidField(
        path: path, line: row.line, column: columnName, value: id,
        reason: "empty id; remove the row or fill in the id")
    }
    return id
  }

  /// Reads every remaining id into a set.
  public mutating func readAll() throws -> Set<String> {
    var ids = Set<String>()
    while let id = try next() { ids.insert(id) }
    return ids
  }
}
