/// A column-oriented table of strings, as read from a CSV file.
///
/// ```swift
/// let table = try CSVReader.readAll(url: URL(fileURLWithPath: "train.csv"))
/// let tenure = try table.column(named: "tenure")
/// ```
public struct DataTable: Sendable, Equatable {
  /// Column names.
  public var header: [String]
  /// One array of values per column, each `rowCount` long.
  public var columns: [[String]]
  /// The 1-based line each row starts on in the source file (for messages).
  public var lineNumbers: [Int]
  /// The file the table was read from ("<memory>" otherwise), for messages.
  public var source: String
  /// The field separator of the source file (decides how `1,234` is read; see `NumberFormat`).
  public var delimiter: UInt8 = UInt8(ascii: ",")

  /// Number of rows.
  public var rowCount: Int { lineNumbers.count }

  /// Creates a table; every column must have `lineNumbers.count` values.
  public init(header: [String], columns: [[String]], lineNumbers: [Int], source: String) {
    precondition(header.count == columns.count, "one column per header name")
    precondition(columns.allSatisfy { $0.count == lineNumbers.count }, "columns of equal length")
    self.header = header
    self.columns = columns
    self.lineNumbers = lineNumbers
    self.source = source
  }

  /// Creates a table from rows (line numbers 2, 3, ... as if read from a file with a header).
  public init(header: [String], rows: [[String]], source: String = "<memory>") {
    var columns = [[String]](repeating: [], count: header.count)
    for row in rows {
      precondition(row.count == header.count, "every row needs \(header.count) values")
      for (i, value) in row.enumerated() { columns[i].append(value) }
    }
    self.init(
      header: header, columns: columns, lineNumbers: rows.indices.map { $0 + 2 }, source: source)
  }

  /// The position of a column.
  /// - Throws: `TabularError.missingColumn` listing the available names.
  public func columnIndex(named name: String) throws -> Int {
    guard let index = header.firstIndex(of: name) else {
      throw TabularError.missingColumn(name: name, available: header)
    }
    return index
  }

  /// The values of a column.
  /// - Throws: `TabularError.missingColumn` listing the available names.
  public func column(named name: String) throws -> [String] {
    columns[try columnIndex(named: name)]
  }

  /// Row `index` as an array of values in header order.
  public func row(_ index: Int) -> [String] {
    columns.map { $0[index] }
  }

  /// The table restricted to the given rows, in the given order.
  public func rows(_ indices: [Int]) -> DataTable {
    var table = DataTable(
      header: header, columns: columns.map { column in indices.map { column[$0] } },
      lineNumbers: indices.map { lineNumbers[$0] }, source: source)
    table.delimiter = delimiter
    return table
  }

  /// The table without the named columns (names that are absent are ignored).
  public func dropping(columns names: Set<String>) -> DataTable {
    let keep = header.indices.filter { !names.contains(header[$0]) }
    var table = DataTable(
      header: keep.map { header[$0] }, columns: keep.map { columns[$0] },
      lineNumbers: lineNumbers, source: source)
    table.delimiter = delimiter
    return table
  }
}
