import Foundation

/// A small RFC 4180 reader used until `Tabular.CSVReader` is available on every branch:
/// quoted fields with embedded separators, quotes and newlines, CRLF, a UTF-8 BOM and delimiter
/// detection (`,` `;` tab `|`) from the header line. The whole input is held in memory, which
/// suits interaction logs of up to a few million rows.
struct DelimitedText {
  /// Column names from the first line.
  private(set) var header: [String]
  /// Path used in messages.
  let path: String
  private let bytes: [UInt8]
  private var position: Int
  private var line: Int
  private let delimiter: UInt8

  /// Reads `url`, or standard input when `url` is nil.
  init(url: URL?, displayPath: String? = nil) throws {
    let name = displayPath ?? url?.path ?? "<stdin>"
    let data: Data
    do {
      if let url {
        data = try Data(contentsOf: url)
      } else {
        data = FileHandle.standardInput.readDataToEndOfFile()
      }
    } catch {
      throw RecommendationError.unreadableFile(
        path: name, reason: "\(error.localizedDescription); check the path")
    }
    try self.init(bytes: [UInt8](data), path: name)
  }

  /// Parses in-memory bytes (used by tests).
  init(bytes input: [UInt8], path: String) throws {
    var bytes = input
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    self.bytes = bytes
    self.path = path
    self.position = 0
    self.line = 1
    self.delimiter = DelimitedText.detectDelimiter(bytes)
    self.header = []
    guard let first = try nextFields() else {
      throw RecommendationError.notEnoughData(
        path: path, reason: "the file is empty; expected a header line and interaction rows")
    }
    self.header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// The next record and the line it starts on, or nil at the end. Blank lines are skipped.
  mutating func nextRecord() throws -> (fields: [String], line: Int)? {
    while let record = try nextFields() {
      if record.fields.count == 1 && record.fields[0].isEmpty { continue }
      return record
    }
    return nil
  }

  private mutating func nextFields() throws -> (fields: [String], line: Int)? {
    guard position < bytes.count else { return nil }
    let startLine = line
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var wasQuoted = false
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      if quoted {
        if byte == UInt8(ascii: "\"") {
          if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
            field.append(byte)
            position += 1
          } else {
            quoted = false
          }
        } else {
          if byte == UInt8(ascii: "\n") { line += 1 }
          field.append(byte)
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""):
        if field.isEmpty && !wasQuoted {
          quoted = true
          wasQuoted = true
        } else {
          field.append(byte)
        }
      case delimiter:
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        wasQuoted = false
      case UInt8(ascii: "\n"):
        line += 1
        if field.last == UInt8(ascii: "\r") { field.removeLast() }
        fields.append(String(decoding: field, as: UTF8.self))
        return (fields, startLine)
      default:
        field.append(byte)
      }
    }
    if quoted {
      throw RecommendationError.invalidField(
        path: path, line: startLine, column: "#\(fields.count + 1)",
        value: String(decoding: field.prefix(40), as: UTF8.self),
        reason: "a quoted field is never closed; check for a stray double quote")
    }
    if field.last == UInt8(ascii: "\r") { field.removeLast() }
    fields.append(String(decoding: field, as: UTF8.self))
    return (fields, startLine)
  }

  /// The candidate separator seen most often outside quotes on the first line (comma on ties).
  static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
    let candidates: [UInt8] = [
      UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|"),
    ]
    var counts = [Int](repeating: 0, count: candidates.count)
    var quoted = false
    for byte in bytes {
      if byte == UInt8(ascii: "\"") { quoted.toggle() }
      if quoted { continue }
      if byte == UInt8(ascii: "\n") { break }
      if let k = candidates.firstIndex(of: byte) { counts[k] += 1 }
    }
    var best = 0
    for k in 1..<candidates.count where counts[k] > counts[best] { best = k }
    return candidates[best]
  }

  /// The index of `column` in the header.
  /// - Throws: `RecommendationError.missingColumn` naming the flag to fix.
  func columnIndex(_ column: String, flag: String) throws -> Int {
    if let k = header.firstIndex(of: column) { return k }
    if let k = header.firstIndex(where: { $0.lowercased() == column.lowercased() }) { return k }
    throw RecommendationError.missingColumn(
      path: path, column: column, available: header, flag: flag)
  }
}
