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
/// The reader reads the header when it is created (skipping a UTF-8 byte-order mark, honouring
/// Excel's `sep=;` first line and otherwise detecting the delimiter among `,` `;` tab `|` unless
/// one is given) and then yields one record at a time,
/// in constant memory. Quoted fields may contain delimiters, doubled quotes and line breaks; lines
/// may end in LF, CRLF or CR; blank lines are skipped. Every record must have as many fields as
/// the header, be valid UTF-8 and contain no NUL byte; otherwise a `TabularError.malformed`
/// names the file, line and column. UTF-16 and UTF-32 files (with a byte-order mark, or
/// recognised by their NUL bytes) are rejected with a message that says how to convert them.
/// Limits: `maximumColumns` columns, `maximumFieldBytes` per field (64 MiB per record).
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

  /// Opens a file for reading and names it `name` in messages (the path as the user typed it).
  /// - Throws: `TabularError` if the file cannot be opened, is empty or has a bad header.
  public init(url: URL, name: String, delimiter: UInt8? = nil) throws {
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else {
      throw TabularError.io(
        path: name, reason: "cannot open: \(String(cString: strerror(errno))) — check the path")
    }
    try self.init(
      parser: CSVParser(descriptor: fd, ownsDescriptor: true, path: name), delimiter: delimiter)
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

  /// The most columns a header may have: 16,384, Excel's own limit.
  public static let maximumColumns = 16_384
  /// The longest field accepted, in bytes (16 MiB); a longer one is a `TabularError.malformed`.
  public static let maximumFieldBytes = CSVParser.maximumFieldBytes

  private init(parser: CSVParser, delimiter: UInt8?) throws {
    self.parser = parser
    path = parser.path
    let head = try parser.prefetch(4)
    if head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF {
      parser.skip(3)
    } else if let encoding = TextEncodingSniffing.wideEncoding(try parser.prefetch(512)) {
      throw TabularError.malformed(
        path: parser.path, line: 1, column: 1,
        reason: "the file is \(encoding), but Traction reads UTF-8 — convert it first, for "
          + "example: iconv -f \(encoding.iconvName) -t UTF-8 in.csv > out.csv")
    }
    var headerLine = 1
    var chosen = delimiter
    if let (separator, length) = ExcelSeparatorLine.parse(try parser.prefetch(16)) {
      // Excel's `sep=;` first line names the delimiter; it is not the header.
      parser.skipLine(length)
      headerLine = 2
      chosen = chosen ?? separator
    }
    if let chosen {
      parser.setDelimiter(chosen)
    } else {
      let sample = try parser.prefetch(1 << 16)
      parser.setDelimiter(DelimiterDetection.detect(sample))
    }
    guard try parser.nextRecord() else { throw TabularError.emptyFile(path: parser.path) }
    headerLine = parser.recordLine
    if parser.fieldCount > Self.maximumColumns {
      throw TabularError.invalidHeader(
        path: parser.path, column: Self.maximumColumns + 1,
        reason: "the header has \(parser.fieldCount) columns but Traction reads at most "
          + "\(Self.maximumColumns) (Excel's limit) — keep only the columns you need, for "
          + "example with cut -d, -f1-100", line: headerLine)
    }
    var names: [String] = []
    var seen: [String: Int] = [:]
    for i in 0..<parser.fieldCount {
      let bytes = parser.field(i)
      if let bad = UTF8Validation.firstInvalidOffset(bytes) {
        throw TabularError.invalidHeader(
          path: parser.path, column: i + 1,
          reason: "column name is not valid UTF-8 (byte \(bad + 1)) — save the file as UTF-8",
          line: headerLine)
      }
      let name = String(decoding: bytes, as: UTF8.self)
      if name.allSatisfy(\.isWhitespace) {
        throw TabularError.invalidHeader(
          path: parser.path, column: i + 1,
          reason: "empty column name — give every column a name in the header line",
          line: headerLine)
      }
      if let previous = seen[name] {
        throw TabularError.invalidHeader(
          path: parser.path, column: i + 1,
          reason: "duplicate column name '\(name)' (also column \(previous)) — rename one of them",
          line: headerLine)
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
    // The parser checks the limit only while a record spans refills; a field that arrived
    // whole in one (grown) buffer is caught here, at one comparison per record.
    if parser.recordBytes.count > Self.maximumFieldBytes {
      for i in 0..<count where parser.field(i).count > Self.maximumFieldBytes {
        throw TabularError.malformed(
          path: path, line: parser.recordLine, column: i + 1, reason: CSVParser.fieldTooLong)
      }
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
    var table = DataTable(header: header, columns: columns, lineNumbers: lines, source: path)
    table.delimiter = delimiter
    return table
  }

  /// Reads a whole CSV file into a table.
  public static func readAll(url: URL, delimiter: UInt8? = nil) throws -> DataTable {
    var reader = try CSVReader(url: url, delimiter: delimiter)
    return try reader.readAll()
  }
}
