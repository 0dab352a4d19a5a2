/// What a column holds, as inferred from its values (or set by an override).
public enum ColumnKind: String, Codable, Sendable, CaseIterable {
  /// Numbers: standardised, with a missing indicator.
  case numeric
  /// A limited set of labels: one-hot encoded (hashed when there are many).
  case categorical
  /// Unique per row (a customer or transaction id): the row key, not a feature.
  case identifier
  /// A single value (or nothing): carries no information, not a feature.
  case constant
  /// Free text (many distinct multi-word values): not a feature here, with a warning.
  case text
  /// Calendar dates: not a feature; usable for time-ordered splits.
  case date
}

/// The inferred description of one column.
public struct ColumnSchema: Codable, Sendable, Equatable {
  /// Column name.
  public var name: String
  /// Inferred (or overridden) kind.
  public var kind: ColumnKind
  /// Whether the column feeds the model (numeric or categorical, not dropped, not the target).
  public var isFeature: Bool
  /// Number of missing values.
  public var missingCount: Int
  /// Number of distinct non-missing values.
  public var distinctCount: Int
  /// Why the column got its kind, in plain words.
  public var note: String
  /// For a numeric column written with thousands separators, a decimal comma, a currency or
  /// percent sign: how to read its values (nil for plain decimals).
  public var numberFormat: NumberFormat?
  /// For a date column: how its numeric dates order day and month.
  public var dateOrder: DateOrder?

  /// Creates a column description.
  public init(
    name: String, kind: ColumnKind, isFeature: Bool, missingCount: Int, distinctCount: Int,
    note: String, numberFormat: NumberFormat? = nil, dateOrder: DateOrder? = nil
  ) {
    self.name = name
    self.kind = kind
    self.isFeature = isFeature
    self.missingCount = missingCount
    self.distinctCount = distinctCount
    self.note = note
    self.numberFormat = numberFormat
    self.dateOrder = dateOrder
  }
}

/// Caller decisions that take precedence over inference (the `--id`, `--drop`, `--categorical`
/// and `--target` options).
public struct SchemaOverrides: Codable, Sendable, Equatable {
  /// The row-key column (forced to `.identifier`).
  public var identifier: String?
  /// Columns excluded from the features.
  public var drop: [String]
  /// Columns forced to `.categorical` (for example numeric codes such as `EDUCATION`).
  public var categorical: [String]
  /// Columns forced to `.numeric`.
  public var numeric: [String]
  /// The label column: described, but never a feature.
  public var target: String?

  /// Creates overrides; every named column must exist in the table.
  public init(
    identifier: String? = nil, drop: [String] = [], categorical: [String] = [],
    numeric: [String] = [], target: String? = nil
  ) {
    self.identifier = identifier
    self.drop = drop
    self.categorical = categorical
    self.numeric = numeric
    self.target = target
  }
}

/// The inferred schema of a table: one `ColumnSchema` per column, in header order.
///
/// Codable (stored in model files) and printable as an aligned table.
public struct Schema: Codable, Sendable, Equatable, CustomStringConvertible {
  /// Columns in header order.
  public var columns: [ColumnSchema]
  /// Rows the schema was inferred from.
  public var rowCount: Int
  /// The target column, if one was named.
  public var target: String?
  /// The row-key column (the override, else the first identifier column), if any.
  public var identifier: String?
  /// Messages for the user (free-text columns excluded, and the like).
  public var warnings: [String]

  /// Creates a schema.
  public init(
    columns: [ColumnSchema], rowCount: Int, target: String? = nil, identifier: String? = nil,
    warnings: [String] = []
  ) {
    self.columns = columns
    self.rowCount = rowCount
    self.target = target
    self.identifier = identifier
    self.warnings = warnings
  }

  /// Names of the columns that feed the model, in header order.
  public var featureColumns: [String] { columns.filter(\.isFeature).map(\.name) }

  /// The description of a column, if present.
  public func column(named name: String) -> ColumnSchema? {
    columns.first { $0.name == name }
  }

  /// The kind of a column, if present.
  public func kind(of name: String) -> ColumnKind? { column(named: name)?.kind }

  /// An aligned plain-text table: column, kind, use, missing, distinct, note.
  public var description: String {
    var rows = [["column", "kind", "use", "missing", "distinct", "note"]]
    for c in columns {
      let use =
        c.name == target
        ? "target" : c.isFeature ? "feature" : c.name == identifier ? "row key" : "-"
      rows.append([c.name, c.kind.rawValue, use, "\(c.missingCount)", "\(c.distinctCount)", c.note])
    }
    var widths = [Int](repeating: 0, count: 6)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    let lines = rows.map { row in
      row.enumerated().map { i, cell in
        i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
      }.joined(separator: "  ")
    }
    return lines.joined(separator: "\n")
  }
}
