/// Infers a column kind for every column of a table.
///
/// Rules, applied to the non-missing values of each column (see `MissingValues`):
/// 1. Overrides first: `identifier`, `drop`, `categorical`, `numeric`, `target`.
/// 2. No values, or one value and nothing missing: `.constant` (excluded).
/// 3. Every value a number: `.identifier` if the values are whole, unique per row and either the
///    name looks like an id (`id`, `*_id`, `customerID`) or there are at least 100 rows;
///    otherwise `.numeric`.
/// 4. Every value a date (`2024-05-31`, `2024/05/31`, `31/05/2024`, optional time): `.date`.
/// 5. Text values unique per row: `.text` if they read like prose (on average 4 or more words
///    or 40 or more characters), otherwise `.identifier` when the name looks like an id or there
///    are at least 20 rows.
/// 6. Text values where over half the rows are distinct and that read like prose: `.text`.
/// 7. Anything else: `.categorical`.
public enum SchemaInference {
  /// Infers the schema of `table`.
  /// - Parameters:
  ///   - table: The training data.
  ///   - overrides: Caller decisions that take precedence.
  /// - Returns: One `ColumnSchema` per column, the row key, and warnings.
  /// - Throws: `TabularError.missingColumn` if an override names an absent column.
  /// - Complexity: O(rows × columns).
  public static func infer(_ table: DataTable, overrides: SchemaOverrides = SchemaOverrides())
    throws -> Schema
  {
    let named =
      [overrides.identifier, overrides.target].compactMap { $0 } + overrides.drop
      + overrides.categorical + overrides.numeric
    for name in named where !table.header.contains(name) {
      throw TabularError.missingColumn(name: name, available: table.header)
    }
    var columns: [ColumnSchema] = []
    var warnings: [String] = []
    for (index, name) in table.header.enumerated() {
      var column = describe(name: name, values: table.columns[index])
      if name == overrides.identifier {
        column.kind = .identifier
        column.note = "row key (--id)"
      } else if overrides.categorical.contains(name) {
        column.kind = .categorical
        column.note = "categorical (override)"
      } else if overrides.numeric.contains(name) {
        column.kind = .numeric
        column.note = "numeric (override)"
      }
      column.isFeature = column.kind == .numeric || column.kind == .categorical
      if name == overrides.target {
        column.isFeature = false
        column.note = "target"
      } else if overrides.drop.contains(name) {
        column.isFeature = false
        column.note = "dropped (--drop)"
      } else if column.kind == .text {
        warnings.append(
          "column '\(name)' looks like free text (\(column.note)); it is not used as a feature")
      }
      columns.append(column)
    }
    let identifier =
      overrides.identifier
      ?? columns.first { $0.kind == .identifier && $0.name != overrides.target }?.name
    return Schema(
      columns: columns, rowCount: table.rowCount, target: overrides.target,
      identifier: identifier, warnings: warnings)
  }

  /// Describes one column from its values alone.
  static func describe(name: String, values: [String]) -> ColumnSchema {
    var missing = 0
    var distinct = Set<String>()
    var allNumeric = true
    var allWhole = true
    var allDates = true
    var totalLength = 0
    var totalWords = 0
    for value in values {
      if MissingValues.isMissing(value) {
        missing += 1
        continue
      }
      distinct.insert(value)
      if allNumeric {
        if let number = NumberParsing.parse(value) {
          if allWhole && (number.rounded() != number || !number.isFinite) { allWhole = false }
        } else {
          allNumeric = false
        }
      }
      if !allNumeric {
        if allDates && !DateDetection.looksLikeDate(value) { allDates = false }
        totalLength += value.count
        totalWords += value.split(whereSeparator: \.isWhitespace).count
      }
    }
    let present = values.count - missing
    func make(_ kind: ColumnKind, _ note: String) -> ColumnSchema {
      ColumnSchema(
        name: name, kind: kind, isFeature: false, missingCount: missing,
        distinctCount: distinct.count, note: note)
    }
    if present == 0 { return make(.constant, "no values") }
    if distinct.count == 1 && missing == 0 { return make(.constant, "single value") }
    let uniquePerRow = missing == 0 && distinct.count == values.count && values.count >= 2
    let idName = looksLikeIdentifierName(name)
    if allNumeric {
      if uniquePerRow && allWhole && (idName || values.count >= 100) {
        return make(.identifier, "unique whole numbers: row key")
      }
      return make(.numeric, allWhole ? "whole numbers" : "numbers")
    }
    if allDates { return make(.date, "dates") }
    let meanLength = Double(totalLength) / Double(present)
    let meanWords = Double(totalWords) / Double(present)
    let prose = meanWords >= 4 || meanLength >= 40
    let proseNote = "on average \(Int(meanWords.rounded())) words"
    if uniquePerRow {
      if prose { return make(.text, proseNote) }
      if idName || values.count >= 20 { return make(.identifier, "unique per row: row key") }
    }
    if prose && distinct.count * 2 > present { return make(.text, proseNote) }
    return make(.categorical, "\(distinct.count) categories")
  }

  /// Whether a column name reads like an identifier: `id`, `*_id`, `*-id`, `customerID`, `uuid`.
  static func looksLikeIdentifierName(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower == "id" || lower == "uuid" || lower == "key" || lower.hasSuffix("_id")
      || lower.hasSuffix("-id") || lower.hasSuffix(" id") || lower.hasSuffix(".id")
      || name.hasSuffix("ID") || name.hasSuffix("Id")
  }
}

/// Recognises common calendar date spellings.
enum DateDetection {
  /// `yyyy-mm-dd`, `yyyy/mm/dd`, `dd/mm/yyyy`, `mm/dd/yyyy`, `dd.mm.yyyy`, optionally followed by
  /// a space or `T` and a time.
  static func looksLikeDate(_ value: String) -> Bool {
    let bytes = Array(value.utf8)
    var datePart = bytes[...]
    if let cut = bytes.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "T") }) {
      datePart = bytes[..<cut]
    }
    let parts = datePart.split(omittingEmptySubsequences: false) {
      $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".")
    }
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 &- 48 < 10 } })
    else { return false }
    let numbers = parts.map { part in part.reduce(0) { $0 * 10 + Int($1 - 48) } }
    let lengths = parts.map { $0.count }
    if lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2 {
      return (1...12).contains(numbers[1]) && (1...31).contains(numbers[2])
    }
    if lengths[2] == 4 && lengths[0] <= 2 && lengths[1] <= 2 {
      return (1...31).contains(numbers[0]) && (1...31).contains(numbers[1])
        && (numbers[0] <= 12 || numbers[1] <= 12)
    }
    return false
  }
}
