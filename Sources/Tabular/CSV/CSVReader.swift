import Foundation

/// One parsed CSV record: its fields as strings and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
  /// The field values, unquoted and unescaped, one per header column.
  public var fields: [String]
  /// The 1-based physical line the record starts on (the header is line 1).
  public var line: Int

  /// Creates a record.
  public init(fields: [String], line: Int) {
    self.fields = fields
    self.line = line
  }
}

/// A streaming RFC 4180 CSV reader over a file, standard input or bytes in memory.
///
/// The reader reads the header when it is created (skipping a UTF-8 byte-order mark and detecting
/// the delimiter among `,` `;` tab `|` unless one is given) and then yields one record at a time,
/// in constant memory. Quoted fields may contain delimiters, doubled quotes and line breaks; lines
/// may end in LF, CRLF or CR; blank lines are skipped. Every record must have as many fields as
/// the header, be valid UTF-8 and contain no NUL byte; otherwise a `TabularError.malformed`
/// names the file, line and column.
///
/// ```swift
/// var reader = try CSVReader(url: URL(fileURLWithPath: "customers.csv"))
/// print(reader.header)
/// while let record = try reader.nextRecord() { print(record.line, record.fields) }
/// ```
///
/// For the fastest path (no `String` per field) reuse one `CSVRow` with `nextRow(into:)`.
/// `CSVReader` is a value wrapping a reference to its input: copies share the read position.
public struct CSVReader {
  /// Column names from the first line.
  public let header: [String]
  /// The file name used in messages ("<stdin>" for standard input).
  public let path: String
  private let parser: CSVParser

  /// The field separator in use (given or detected).
  public var delimiter: UInt8 { parser.delimiter }

  /// Opens a file for reading.
  /// - Parameters:
  ///   - url: The CSV file.
  ///   - delimiter: The separator byte, or nil to detect `,` `;` tab or `|` from the first lines.
  /// - Throws: `TabularError` if the file cannot be opened, is empty or has a bad header.
  public init(url: URL, delimiter: UInt8? = nil) throws {
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else {
      throw TabularError.io(
        path: url.path, reason: "cannot open: \(String(cString: strerror(errno))) — check the path")
    }
    try self.init(
      parser: CSVParser(descriptor: fd, ownsDescriptor: true, path: url.path),
      delimiter: delimiter)
  }

  /// Opens a path, where "-" means standard input.
  public init(path: String, delimiter: UInt8? = nil) throws {
    if path == "-" {
      try self.init(standardInputDelimiter: delimiter)
    } else {
      try self.init(url: URL(fileURLWithPath: path), delimiter: delimiter)
    }
  }

  /// Reads standard input.
  public init(standardInputDelimiter delimiter: UInt8? = nil) throws {
    try self.init(
      parser: CSVParser(descriptor: 0, ownsDescriptor: false, path: "<stdin>"),
      delimiter: delimiter)
  }

  /// Reads an open file descriptor (not closed by the reader).
  public init(descriptor: Int32, name: String, delimiter: UInt8? = nil) throws {
    try self.init(
      parser: CSVParser(descriptor: descriptor, ownsDescriptor: false, path: name),
      delimiter: delimiter)
  }

  /// Reads CSV text held in memory (tests, small inputs).
  public init(string: String, name: String = "<memory>", delimiter: UInt8? = nil) throws {
    try self.init(bytes: Array(string.utf8), name: name, delimiter: delimiter)
  }

  /// Reads CSV bytes held in memory.
  public init(bytes: [UInt8], name: String = "<memory>", delimiter: UInt8? = nil) throws {
    try self.init(parser: CSVParser(bytes: bytes, path: name), delimiter: delimiter)
  }

  private init(parser: CSVParser, delimiter: UInt8?) throws {
    self.parser = parser
    path = parser.path
    let head = try parser.prefetch(3)
    if head.count == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF {
      parser.skip(3)
    }
    if let delimiter {
      parser.setDelimiter(delimiter)
    } else {
      let sample = try parser.prefetch(1 << 16)
      parser.setDelimiter(DelimiterDetection.detect(sample))
    }
    guard try parser.nextRecord() else { throw TabularError.emptyFile(path: parser.path) }
    var names: [String] = []
    var seen: [String: Int] = [:]
    for i in 0..<parser.fieldCount {
      let bytes = parser.field(i)
      if let bad = UTF8Validation.firstInvalidOffset(bytes) {
        throw TabularError.invalidHeader(
          path: parser.path, column: i + 1,
          reason: "column name is not valid UTF-8 (byte \(bad + 1)) — save the file as UTF-8")
      }
      let name = String(decoding: bytes, as: UTF8.self)
      if name.allSatisfy(\.isWhitespace) {
        throw TabularError.invalidHeader(
          path: parser.path, column: i + 1,
          reason: "empty column name — give every column a name in the header line")
      }
      if let previous = seen[name] {
        throw TabularError.invalidHeader(
          path: parser.path, column: i + 1,
          reason: "duplicate column name '\(name)' (also column \(previous)) — rename one of them")
      }
      seen[name] = i + 1
      names.append(name)
    }
    header = names
  }

  /// Parses the next record into the parser's buffers and checks its shape and encoding.
  private func advance() throws -> Bool {
    guard try parser.nextRecord() else { return false }
    let count = parser.fieldCount
    if count != header.count {
      let column = count > header.count ? header.count + 1 : count + 1
      throw TabularError.malformed(
        path: path, line: parser.recordLine, column: column,
        reason: "expected \(header.count) fields as in the header but found \(count) — "
          + "quote fields that contain '\(Character(Unicode.Scalar(delimiter)))' or line breaks")
    }
    if parser.recordHasNonASCII {
      for i in 0..<count {
        if let bad = UTF8Validation.firstInvalidOffset(parser.field(i)) {
          throw TabularError.malformed(
            path: path, line: parser.recordLine, column: i + 1,
            reason: "invalid UTF-8 at byte \(bad + 1) of field '\(header[i])' — "
              + "convert the file to UTF-8 (for example iconv -f latin1 -t utf-8)")
        }
      }
    }
    return true
  }

  /// Reads the next record, or nil at the end of the input.
  /// - Throws: `TabularError.malformed` for ragged rows, unterminated quotes, NUL bytes or
  ///   invalid UTF-8, naming the file, line and column.
  public mutating func nextRecord() throws -> CSVRecord? {
    guard try advance() else { return nil }
    var fields: [String] = []
    fields.reserveCapacity(parser.fieldCount)
    for i in 0..<parser.fieldCount {
      fields.append(String(decoding: parser.field(i), as: UTF8.self))
    }
    return CSVRecord(fields: fields, line: parser.recordLine)
  }

  /// Reads the next record into a reusable row without creating strings (the fast path).
  /// - Returns: false at the end of the input.
  public mutating func nextRow(into row: inout CSVRow) throws -> Bool {
    guard try advance() else { return false }
    row.load(from: parser)
    return true
  }

  /// Reads every remaining record into a column-oriented table.
  public mutating func readAll() throws -> DataTable {
    var columns = [[String]](repeating: [], count: header.count)
    var lines: [Int] = []
    while try advance() {
      for i in 0..<header.count {
        columns[i].append(String(decoding: parser.field(i), as: UTF8.self))
      }
      lines.append(parser.recordLine)
    }
    return DataTable(header: header, columns: columns, lineNumbers: lines, source: path)
  }

  /// Reads a whole CSV file into a table.
  public static func readAll(url: URL, delimiter: UInt8? = nil) throws -> DataTable {
    var reader = try CSVReader(url: url, delimiter: delimiter)
    return try reader.readAll()
  }
}
