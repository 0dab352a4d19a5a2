/// Infers a column kind for every column of a table.
///
/// Rules, applied to the non-missing values of each column (see `MissingValues`):
/// 1. Overrides first: `identifier`, `drop`, `categorical`, `numeric`, `target`.
/// 2. No values, or one value and nothing missing: `.constant` (excluded).
/// 3. Every value a number: `.identifier` if the values are whole, unique per row and either the
///    name looks like an id (`id`, `*_id`, `customerID`) or there are at least 100 rows;
///    otherwise `.numeric`.
///    Numbers written with thousands separators, a decimal comma, a currency or percent sign
///    count as numbers when every value fits one `NumberFormat` (stored in the column).
/// 4. Every value a date (see `DateParsing`: ISO, `03/01/2024`, `01.03.2024`, `1 Mar 2024`,
///    optional time): `.date`, with the column's day/month order; excluded with a warning.
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
      var column = describe(name: name, values: table.columns[index], delimiter: table.delimiter)
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
      } else if column.kind == .date {
        warnings.append(
          "column '\(name)' holds dates (\(column.note)); dates are not used as features — add "
            + "a numeric column (such as days since signup) if the date matters")
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
  static func describe(
    name: String, values: [String], delimiter: UInt8 = UInt8(ascii: ",")
  ) -> ColumnSchema {
    var missing = 0
    // Occurrences of every distinct value: lengths and word counts are measured once per
    // distinct value, not per row (splitting on `isWhitespace` per row took a third of the
    // training time of the 12,000-row fraud file).
    var distinct: [String: Int] = [:]
    var allNumeric = true
    var allWhole = true
    for value in values {
      if MissingValues.isMissing(value) {
        missing += 1
        continue
      }
      distinct[value, default: 0] += 1
      if allNumeric {
        if let number = NumberParsing.parse(value) {
          if allWhole && (number.rounded() != number || !number.isFinite) { allWhole = false }
        } else {
          allNumeric = false
        }
      }
    }
    var totalLength = 0
    var totalWords = 0
    if !allNumeric {
      for (value, count) in distinct {
        totalLength += value.count * count
        totalWords += value.split(whereSeparator: \.isWhitespace).count * count
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
    if let format = NumberFormat.infer(values, delimiter: delimiter) {
      var column = make(.numeric, "numbers written like \(format)")
      column.numberFormat = format
      return column
    }
    if let order = DateParsing.inferOrder(values) {
      var column = make(.date, "dates, \(order.rawValue)")
      column.dateOrder = order
      return column
    }
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
