import Foundation

/// Writes CSV (RFC 4180 quoting) to a file, atomically, or streams it to standard output.
///
/// A file is written to a temporary file beside the target and renamed over it by `finish()`,
/// so readers never see half a file and a failed run leaves no partial output: if the writer is
/// released without `finish()`, the temporary file is removed.
///
/// ```swift
/// let writer = try CSVWriter(url: URL(fileURLWithPath: "scores.csv"))
/// try writer.writeRow(["id", "probability"])
/// try writer.writeRow(["c-1", "0.82"])
/// try writer.finish()
/// ```
public final class CSVWriter {
  /// Whether cells that a spreadsheet would run as a formula are neutralised.
  ///
  /// When on, a cell starting with `=`, `+`, `-`, `@`, tab or CR that is not a number is written
  /// with a leading `'` (OWASP "CSV injection"), so `=HYPERLINK(...)` stays text.
  public let guardsFormulas: Bool
  /// The separator written between fields.
  public let delimiter: UInt8
  /// The destination name used in messages ("<stdout>" for standard output).
  public let path: String

  private let fd: Int32
  private let target: URL?
  private let temporary: URL?
  /// Pending output bytes (a raw buffer: this is the hot path of `score`).
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity = 1 << 19
  private var count = 0
  private var finished = false
  private let lineEnding: [UInt8]

  private static let flushThreshold = 1 << 18

  /// Creates a writer that replaces `url` atomically when `finish()` is called.
  /// - Parameters:
  ///   - url: The destination file.
  ///   - delimiter: The separator (comma by default).
  ///   - guardsFormulas: Neutralise spreadsheet formulas (see `guardsFormulas`).
  ///   - crlf: End lines with CRLF (RFC 4180) instead of LF.
  /// - Throws: `TabularError.io` if the temporary file cannot be created.
  public init(
    url: URL, delimiter: UInt8 = UInt8(ascii: ","), guardsFormulas: Bool = false,
    crlf: Bool = false
  ) throws {
    let directory = url.deletingLastPathComponent()
    let temp = directory.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    let descriptor = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw TabularError.io(
        path: url.path,
        reason: "cannot create output: \(String(cString: strerror(errno))) — check the folder")
    }
    fd = descriptor
    target = url
    temporary = temp
    path = url.path
    self.delimiter = delimiter
    self.guardsFormulas = guardsFormulas
    lineEnding = crlf ? [13, 10] : [10]
    buffer = .allocate(capacity: capacity)
  }

  /// Creates a writer that streams to standard output (flushed in large blocks).
  public init(
    standardOutputDelimiter delimiter: UInt8 = UInt8(ascii: ","), guardsFormulas: Bool = false,
    crlf: Bool = false
  ) {
    fd = 1
    target = nil
    temporary = nil
    path = "<stdout>"
    self.delimiter = delimiter
    self.guardsFormulas = guardsFormulas
    lineEnding = crlf ? [13, 10] : [10]
    buffer = .allocate(capacity: capacity)
  }

  /// Opens a path, where "-" means standard output.
  public convenience init(path: String, guardsFormulas: Bool = false) throws {
    if path == "-" {
      self.init(standardOutputDelimiter: UInt8(ascii: ","), guardsFormulas: guardsFormulas)
    } else {
      try self.init(url: URL(fileURLWithPath: path), guardsFormulas: guardsFormulas)
    }
  }

  deinit {
    buffer.deallocate()
    if temporary != nil && !finished {
      close(fd)
      if let temporary { unlink(temporary.path) }
    }
  }

  /// Appends one record.
  /// - Throws: `TabularError.io` if a block cannot be written.
  public func writeRow(_ fields: [String]) throws {
    for i in fields.indices {
      if i > 0 { append(delimiter) }
      var field = fields[i]
      field.withUTF8 { appendField($0) }
    }
    for b in lineEnding { append(b) }
    if count >= Self.flushThreshold { try flush() }
  }

  /// Appends one record of fields given as substrings.
  public func writeRow(_ fields: [Substring]) throws {
    try writeRow(fields.map(String.init))
  }

  @inline(__always)
  private func append(_ byte: UInt8) {
    reserve(1)
    buffer[count] = byte
    count += 1
  }

  @inline(__always)
  private func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    let newCapacity = max(capacity * 2, count + extra)
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    bigger.update(from: buffer, count: count)
    buffer.deallocate()
    buffer = bigger
    capacity = newCapacity
  }

  private func appendField(_ field: UnsafeBufferPointer<UInt8>) {
    var needsQuotes = false
    var guarded = false
    if guardsFormulas, let first = field.first,
      first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        || first == UInt8(ascii: "@") || first == 9 || first == 13,
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
    if !needsQuotes {
      reserve(field.count)
      if let base = field.baseAddress { (buffer + count).update(from: base, count: field.count) }
      count += field.count
      return
    }
    // Worst case: every byte a doubled quote, plus the guard and the two enclosing quotes.
    reserve(2 * field.count + 3)
    buffer[count] = UInt8(ascii: "\"")
    count += 1
    if guarded {
      buffer[count] = UInt8(ascii: "'")
      count += 1
    }
    for b in field {
      if b == UInt8(ascii: "\"") {
        buffer[count] = b
        count += 1
      }
      buffer[count] = b
      count += 1
    }
    buffer[count] = UInt8(ascii: "\"")
    count += 1
  }

  /// Writes buffered bytes to the destination.
  public func flush() throws {
    var p = UnsafeRawPointer(buffer)
    var remaining = count
    while remaining > 0 {
      let n = write(fd, p, remaining)
      if n < 0 {
        if errno == EINTR { continue }
        throw TabularError.io(
          path: path, reason: "write failed: \(String(cString: strerror(errno)))")
      }
      p += n
      remaining -= n
    }
    count = 0
  }

  /// Flushes and, for a file, syncs, closes and renames the temporary file over the target.
  /// - Throws: `TabularError.io` if writing or renaming fails (the target is then untouched).
  public func finish() throws {
    guard !finished else { return }
    try flush()
    finished = true
    guard let temporary, let target else { return }
    let closed = close(fd)
    guard closed == 0, rename(temporary.path, target.path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary.path)
      throw TabularError.io(path: path, reason: "cannot finish output file: \(reason)")
    }
  }
}
