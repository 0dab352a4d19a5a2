/// RFC 4180 encoding of CSV records into a byte array.
///
/// `CSVWriter` uses it for every row it writes; a caller that formats records on worker threads
/// (such as a scorer that overlaps reading, computing and writing) encodes into its own byte array
/// with the same rules and hands the bytes to `CSVWriter.write(encoded:)` in order.
///
/// ```swift
/// let encoder = CSVRecordEncoder(guardsFormulas: true)
/// var bytes: [UInt8] = []
/// encoder.appendRecord(["id", "=1+1"], to: &bytes)  // id,"'=1+1"\n
/// ```
public struct CSVRecordEncoder: Sendable {
  /// The separator written between fields.
  public let delimiter: UInt8
  /// Whether cells that a spreadsheet would run as a formula are neutralised (see
  /// `CSVWriter.guardsFormulas`).
  public let guardsFormulas: Bool
  /// The bytes that end a record (LF, or CRLF).
  public let lineEnding: [UInt8]

  /// Creates an encoder.
  /// - Parameters:
  ///   - delimiter: The separator (comma by default).
  ///   - guardsFormulas: Neutralise spreadsheet formulas.
  ///   - crlf: End records with CRLF (RFC 4180) instead of LF.
  public init(
    delimiter: UInt8 = UInt8(ascii: ","), guardsFormulas: Bool = false, crlf: Bool = false
  ) {
    self.delimiter = delimiter
    self.guardsFormulas = guardsFormulas
    lineEnding = crlf ? [13, 10] : [10]
  }

  /// Appends a whole record: the fields separated by the delimiter, then the line ending.
  public func appendRecord(_ fields: [String], to bytes: inout [UInt8]) {
    for i in fields.indices {
      var field = fields[i]
      field.withUTF8 { appendField($0, first: i == 0, to: &bytes) }
    }
    endRecord(&bytes)
  }

  /// Appends one field, preceded by the delimiter unless it is the record's first.
  public func appendField(_ field: String, first: Bool, to bytes: inout [UInt8]) {
    var field = field
    field.withUTF8 { appendField($0, first: first, to: &bytes) }
  }

  /// Appends one field given as UTF-8 bytes, preceded by the delimiter unless it is the first.
  public func appendField(
    _ field: UnsafeBufferPointer<UInt8>, first: Bool, to bytes: inout [UInt8]
  ) {
    if !first { bytes.append(delimiter) }
    var needsQuotes = false
    var guarded = false
    if guardsFormulas, let lead = field.first,
      lead == UInt8(ascii: "=") || lead == UInt8(ascii: "+") || lead == UInt8(ascii: "-")
        || lead == UInt8(ascii: "@") || lead == 9 || lead == 13,
      NumberParsing.parse(field) == nil
    {
      guarded = true
      needsQuotes = true
    }
    if !needsQuotes {
      for b in field where b == delimiter || b == UInt8(ascii: "\"") || b == 10 || b == 13 {
        needsQuotes = true
        break
      }
    }
    guard needsQuotes else {
      bytes.append(contentsOf: field)
      return
    }
    bytes.append(UInt8(ascii: "\""))
    if guarded { bytes.append(UInt8(ascii: "'")) }
    for b in field {
      if b == UInt8(ascii: "\"") { bytes.append(b) }
      bytes.append(b)
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends the line ending.
  public func endRecord(_ bytes: inout [UInt8]) {
    bytes.append(contentsOf: lineEnding)
  }
}
