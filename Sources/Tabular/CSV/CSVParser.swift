import Foundation

/// The byte-level RFC 4180 record parser behind `CSVReader`.
///
/// Reads its input in large chunks with `read(2)` into one growable buffer and parses a record at
/// a time into a second buffer of unescaped field bytes plus field end offsets, so the hot loop
/// touches raw bytes only (no per-character `String` work). A record that straddles a chunk
/// boundary is re-parsed from its start after the buffer is compacted and refilled.
///
/// Reference: RFC 4180 ("Common Format and MIME Type for CSV Files"), with the usual relaxations
/// of Python's `csv` module: a lone quote inside an unquoted field is literal, a bare CR ends a
/// line, blank lines are skipped.
final class CSVParser {
  /// Name used in error messages (a path or "<stdin>").
  let path: String
  /// The field separator.
  private(set) var delimiter: UInt8 = UInt8(ascii: ",")

  private var fd: Int32
  private let ownsDescriptor: Bool
  private var atEOF = false

  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var position = 0
  private var end = 0

  /// Unescaped bytes of the current record's fields, back to back.
  private(set) var out: UnsafeMutablePointer<UInt8>
  /// End offset (into `out`) of each field of the current record.
  private(set) var ends: UnsafeMutablePointer<Int>
  private var endsCapacity = 64
  /// Number of fields in the current record.
  private(set) var fieldCount = 0
  /// Physical line (1-based) where the current record starts.
  private(set) var recordLine = 0
  /// Physical line of the next byte to parse.
  private var line = 1
  /// Whether the current record has a byte >= 0x80 (and so needs UTF-8 validation).
  private(set) var recordHasNonASCII = false

  /// Output bytes of the record that a `.needMore` attempt had parsed (-1: between records),
  /// so that an over-long field is reported before the buffer grows without bound.
  private var pendingOut = -1

  /// The longest field accepted (16 MiB); a longer one is an error naming its line and column.
  static let maximumFieldBytes = 16 << 20
  /// The message for a field over `maximumFieldBytes`.
  static let fieldTooLong =
    "field longer than \(maximumFieldBytes >> 20) MiB, Traction's limit per field — is a quote "
    + "never closed? Otherwise shorten the field"
  /// The longest record accepted (64 MiB of raw bytes).
  static let maximumRecordBytes = 64 << 20

  /// Byte classes: 0 plain, 1 delimiter, 2 quote, 3 LF, 4 CR, 5 NUL, 6 non-ASCII.
  private let classes: UnsafeMutablePointer<UInt8>

  private static let initialCapacity = 1 << 20

  /// Parses from an open file descriptor.
  init(descriptor: Int32, ownsDescriptor: Bool, path: String) {
    self.fd = descriptor
    self.ownsDescriptor = ownsDescriptor
    self.path = path
    capacity = Self.initialCapacity
    buffer = .allocate(capacity: capacity + 1)
    out = .allocate(capacity: capacity + 1)
    ends = .allocate(capacity: endsCapacity)
    classes = .allocate(capacity: 256)
    setDelimiter(delimiter)
  }

  /// Parses bytes held in memory.
  init(bytes: [UInt8], path: String) {
    fd = -1
    ownsDescriptor = false
    self.path = path
    capacity = max(bytes.count, 16)
    buffer = .allocate(capacity: capacity + 1)
    out = .allocate(capacity: capacity + 1)
    ends = .allocate(capacity: endsCapacity)
    classes = .allocate(capacity: 256)
    bytes.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { buffer.update(from: base, count: source.count) }
    }
    end = bytes.count
    atEOF = true
    setDelimiter(delimiter)
  }

  deinit {
    buffer.deallocate()
    out.deallocate()
    ends.deallocate()
    classes.deallocate()
    if ownsDescriptor && fd >= 0 { close(fd) }
  }

  /// Sets the separator and rebuilds the byte-class table.
  func setDelimiter(_ byte: UInt8) {
    delimiter = byte
    for b in 0..<256 { classes[b] = b >= 0x80 ? 6 : 0 }
    classes[Int(UInt8(ascii: "\""))] = 2
    classes[10] = 3
    classes[13] = 4
    classes[0] = 5
    classes[Int(byte)] = 1
  }

  // MARK: Input buffer

  /// Moves the unparsed tail `[keep, end)` to the front and reads more input.
  /// Returns false when nothing more can be read.
  private func refill(keepingFrom keep: Int) throws -> Bool {
    if atEOF { return false }
    if keep > 0 {
      let remaining = end - keep
      if remaining > 0 { buffer.update(from: buffer + keep, count: remaining) }
      end = remaining
      position -= keep
    }
    if end == capacity { grow() }
    while true {
      let n = read(fd, buffer + end, capacity - end)
      if n > 0 {
        end += n
        return true
      }
      if n == 0 {
        atEOF = true
        return true
      }
      if errno == EINTR { continue }
      throw TabularError.io(path: path, reason: "read failed: \(String(cString: strerror(errno)))")
    }
  }

  private func grow() {
    let newCapacity = capacity * 2
    let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + 1)
    newBuffer.update(from: buffer, count: end)
    buffer.deallocate()
    buffer = newBuffer
    out.deallocate()
    out = .allocate(capacity: newCapacity + 1)
    capacity = newCapacity
  }

  /// Ensures at least `count` bytes (or everything up to EOF) are buffered from `position`;
  /// used for the BOM and delimiter sniffing.
  func prefetch(_ count: Int) throws -> UnsafeBufferPointer<UInt8> {
    while end - position < count, try refill(keepingFrom: position) {
      if atEOF { break }
    }
    return UnsafeBufferPointer(start: buffer + position, count: min(end - position, count))
  }

  /// Skips `count` already buffered bytes (the BOM).
  func skip(_ count: Int) { position += min(count, end - position) }

  /// Skips `count` already buffered bytes that end a physical line (Excel's `sep=;` line).
  func skipLine(_ count: Int) {
    skip(count)
    line += 1
  }

  // MARK: Records

  private enum Step {
    case record
    case needMore
    case endOfInput
  }

  /// Parses the next record into `out`/`ends`. Returns false at the end of the input.
  func nextRecord() throws -> Bool {
    while true {
      switch try parse() {
      case .record: return true
      case .endOfInput: return false
      case .needMore:
        try checkLimits()
        if !(try refill(keepingFrom: position)) { return false }
      }
    }
  }

  /// Throws when the record being parsed has outgrown `maximumFieldBytes` or
  /// `maximumRecordBytes`, before more input is buffered.
  private func checkLimits() throws {
    guard pendingOut >= 0 else { return }
    let fieldStart = fieldCount == 0 ? 0 : ends[fieldCount - 1]
    if pendingOut - fieldStart > Self.maximumFieldBytes {
      throw malformed(Self.fieldTooLong, line: recordLine)
    }
    if end - position > Self.maximumRecordBytes {
      throw malformed(
        "record longer than \(Self.maximumRecordBytes >> 20) MiB, Traction's limit per record "
          + "— is a quote never closed?", line: recordLine)
    }
  }

  @inline(__always)
  private func endField(_ o: Int) {
    if fieldCount == endsCapacity {
      let bigger = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
      bigger.update(from: ends, count: endsCapacity)
      ends.deallocate()
      ends = bigger
      endsCapacity *= 2
    }
    ends[fieldCount] = o
    fieldCount += 1
  }

  private func malformed(_ reason: String, line: Int) -> TabularError {
    .malformed(path: path, line: line, column: fieldCount + 1, reason: reason)
  }

  /// One attempt at parsing a record from `position`; on `.needMore` nothing is consumed.
  private func parse() throws -> Step {
    let quote = UInt8(ascii: "\"")
    let eof = atEOF
    // Local copies: stores through `out` could otherwise force reloads of these properties.
    let buffer = self.buffer
    let end = self.end
    let classes = self.classes
    let out = self.out
    let delimiter = self.delimiter
    var p = position
    var lines = 0
    pendingOut = -1
    // Skip blank lines (they are not records).
    while p < end, buffer[p] == 10 || buffer[p] == 13 {
      if buffer[p] == 13 {
        if p + 1 == end && !eof { position = p; line += lines; return .needMore }
        if p + 1 < end && buffer[p + 1] == 10 { p += 1 }
      }
      p += 1
      lines += 1
    }
    line += lines
    position = p
    lines = 0
    if p == end { return eof ? .endOfInput : .needMore }
    fieldCount = 0
    recordLine = line
    var o = 0
    var high: UInt8 = 0
    while true {
      // At the start of a field.
      if p == end {
        if !eof { return needMore(o) }
        endField(o)
        break
      }
      if buffer[p] == quote {
        let fieldLine = line + lines
        p += 1
        while true {
          if p == end {
            if !eof { return needMore(o) }
            throw malformed(
              "unterminated quoted field (opened on line \(fieldLine)) — close the quote or "
                + "double any quote inside the field (\"\")", line: fieldLine)
          }
          let c = buffer[p]
          if c == quote {
            if p + 1 == end && !eof { return needMore(o) }
            if p + 1 < end && buffer[p + 1] == quote {
              out[o] = quote
              o += 1
              p += 2
              continue
            }
            p += 1
            break
          }
          if c == 0 {
            throw malformed("NUL byte inside a field — is this a binary file?", line: line + lines)
          }
          if c == 10 {
            lines += 1
          } else if c == 13 && !(p + 1 < end && buffer[p + 1] == 10) {
            lines += 1
          }
          high |= c
          out[o] = c
          o += 1
          p += 1
        }
        // After the closing quote: a delimiter, a line end or the end of input.
        if p == end {
          if !eof { return needMore(o) }
          endField(o)
          break
        }
        let c = buffer[p]
        if c == delimiter {
          endField(o)
          p += 1
          continue
        }
        if c == 10 || c == 13 {
          endField(o)
          if c == 13 {
            if p + 1 == end && !eof { return needMore(o) }
            if p + 1 < end && buffer[p + 1] == 10 { p += 1 }
          }
          p += 1
          lines += 1
          break
        }
        throw malformed(
          "unexpected character '\(Character(Unicode.Scalar(c)))' after a closing quote — "
            + "quote the whole field and double quotes inside it (\"\")", line: line + lines)
      }
      // Unquoted field: copy the run of plain bytes, then look at the byte that stopped it.
      var recordDone = false
      while true {
        // Copy while scanning: fields are short, so a call to memmove per run costs more.
        while p < end {
          let c = buffer[p]
          if classes[Int(c)] != 0 { break }
          out[o] = c
          o += 1
          p += 1
        }
        if p == end {
          if !eof { return needMore(o) }
          endField(o)
          recordDone = true
          break
        }
        let c = buffer[p]
        switch classes[Int(c)] {
        case 1:
          endField(o)
          p += 1
        case 3:
          endField(o)
          p += 1
          lines += 1
          recordDone = true
        case 4:
          if p + 1 == end && !eof { return needMore(o) }
          endField(o)
          if p + 1 < end && buffer[p + 1] == 10 { p += 1 }
          p += 1
          lines += 1
          recordDone = true
        case 5:
          throw malformed("NUL byte inside a field — is this a binary file?", line: line + lines)
        default:
          // A quote inside an unquoted field, or a non-ASCII byte: kept literally.
          high |= c
          out[o] = c
          o += 1
          p += 1
          continue
        }
        break
      }
      if recordDone { break }
    }
    position = p
    line += lines
    recordHasNonASCII = high >= 0x80
    return .record
  }

  /// Remembers how far an unfinished record got (see `checkLimits`).
  @inline(__always)
  private func needMore(_ o: Int) -> Step {
    pendingOut = o
    return .needMore
  }

  /// The bytes of field `index` of the current record.
  @inline(__always)
  func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    let start = index == 0 ? 0 : ends[index - 1]
    return UnsafeBufferPointer(start: out + start, count: ends[index] - start)
  }

  /// All unescaped bytes of the current record.
  var recordBytes: UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: out, count: fieldCount == 0 ? 0 : ends[fieldCount - 1])
  }
}
