import Foundation

/// A streaming RFC 4180 CSV reader for text data: quoted fields with embedded separators,
/// quotes and newlines, CRLF, a UTF-8 byte order mark, and the separator detected from the
/// header (`,` `;` tab or `|`). Memory stays constant: the file is read in 64 KiB chunks.
///
/// Every field is checked to be valid UTF-8; errors name the file, line and column.
/// (A minimal reader local to the text module; the project-wide `Tabular.CSVReader` had not
/// landed when this was written.)
public final class TextCSVReader {
  /// Column names from the first line.
  public private(set) var header: [String] = []
  /// File name used in messages (`stdin` for `-`).
  public let displayName: String
  /// Separator byte in use.
  public private(set) var separator: UInt8 = UInt8(ascii: ",")
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEOF = false
  private var line = 1

  /// Opens `path` (`-` reads standard input) and reads the header.
  /// - Throws: ``TextClassificationError/invalidInput(_:)`` when the file is missing, empty or
  ///   not UTF-8.
  public init(path: String) throws {
    if path == "-" {
      handle = FileHandle.standardInput
      displayName = "stdin"
    } else {
      guard let h = FileHandle(forReadingAtPath: path) else {
        throw TextClassificationError.invalidInput(
          "\(path): file not found or not readable; check --data")
      }
      handle = h
      displayName = (path as NSString).lastPathComponent
    }
    fill()
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    separator = detectSeparator()
    guard let first = try nextRecord() else {
      throw TextClassificationError.invalidInput(
        "\(displayName): the file is empty; expected a header line with column names")
    }
    header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// Index of column `name`, or a message listing the available columns.
  public func column(_ name: String, option: String) throws -> Int {
    if let i = header.firstIndex(of: name) { return i }
    throw TextClassificationError.invalidInput(
      "column '\(name)' not found in \(displayName); available: "
        + header.prefix(20).joined(separator: ", ") + " — check \(option)")
  }

  private func fill() {
    if position > 0 {
      buffer.removeFirst(position)
      position = 0
    }
    if atEOF { return }
    let data = handle.readData(ofLength: 1 << 16)
    if data.isEmpty { atEOF = true } else { buffer.append(contentsOf: data) }
  }

  private func detectSeparator() -> UInt8 {
    var counts: [UInt8: Int] = [:]
    var quoted = false
    for b in buffer[position...] {
      if b == UInt8(ascii: "\"") { quoted.toggle() }
      if quoted { continue }
      if b == UInt8(ascii: "\n") { break }
      if b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: "\t")
        || b == UInt8(ascii: "|")
      {
        counts[b, default: 0] += 1
      }
    }
    return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
      ?? UInt8(ascii: ",")
  }

  /// The next record and the line it starts on, or `nil` at the end of the file. Blank lines
  /// are skipped.
  public func nextRecord() throws -> (fields: [String], line: Int)? {
    while true {
      if position >= buffer.count { fill() }
      if position >= buffer.count { return nil }
      let startLine = line
      var fields: [String] = []
      var field: [UInt8] = []
      var quoted = false
      var fieldStart = true
      var wasQuoted = false
      func finishField() throws {
        guard let s = String(validating: field, as: UTF8.self) else {
          throw TextClassificationError.invalidInput(
            "\(displayName) line \(startLine), column \(fields.count + 1): text is not valid "
              + "UTF-8; re-encode the file as UTF-8")
        }
        fields.append(s)
        field.removeAll(keepingCapacity: true)
        fieldStart = true
        wasQuoted = false
      }
      recordLoop: while true {
        if position >= buffer.count {
          fill()
          if position >= buffer.count {
            if quoted {
              throw TextClassificationError.invalidInput(
                "\(displayName) line \(startLine): a quoted field is never closed; "
                  + "check for a stray \" character")
            }
            break recordLoop
          }
        }
        let b = buffer[position]
        position += 1
        if quoted {
          if b == UInt8(ascii: "\"") {
            if position >= buffer.count { fill() }
            if position < buffer.count && buffer[position] == UInt8(ascii: "\"") {
              field.append(b)
              position += 1
            } else {
              quoted = false
            }
          } else {
            if b == UInt8(ascii: "\n") { line += 1 }
            field.append(b)
          }
          continue
        }
        switch b {
        case UInt8(ascii: "\""):
          if fieldStart {
            quoted = true
            wasQuoted = true
            fieldStart = false
          } else {
            field.append(b)
          }
        case separator:
          try finishField()
        case UInt8(ascii: "\n"):
          line += 1
          break recordLoop
        case UInt8(ascii: "\r"):
          if position >= buffer.count { fill() }
          if position < buffer.count && buffer[position] == UInt8(ascii: "\n") { continue }
          field.append(b)
        default:
          fieldStart = false
          if wasQuoted { continue }  // junk after a closing quote is dropped
          field.append(b)
        }
      }
      try finishField()
      if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
      return (fields, startLine)
    }
  }
}
