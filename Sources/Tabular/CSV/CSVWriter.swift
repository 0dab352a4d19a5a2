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
  public var guardsFormulas: Bool { encoder.guardsFormulas }
  /// The separator written between fields.
  public var delimiter: UInt8 { encoder.delimiter }
  /// The destination name used in messages ("<stdout>" for standard output).
  public let path: String
  /// The field and record encoding this writer uses (for callers that encode rows elsewhere
  /// and hand the bytes to `write(encoded:)`).
  public let encoder: CSVRecordEncoder

  private let fd: Int32
  private let target: URL?
  private let temporary: URL?
  /// Pending output bytes.
  private var pending: [UInt8] = []
  private var finished = false

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
    encoder = CSVRecordEncoder(delimiter: delimiter, guardsFormulas: guardsFormulas, crlf: crlf)
    pending.reserveCapacity(Self.flushThreshold * 2)
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
    encoder = CSVRecordEncoder(delimiter: delimiter, guardsFormulas: guardsFormulas, crlf: crlf)
    pending.reserveCapacity(Self.flushThreshold * 2)
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
    if temporary != nil && !finished {
      close(fd)
      if let temporary { unlink(temporary.path) }
    }
  }

  /// Appends one record.
  /// - Throws: `TabularError.io` if a block cannot be written.
  public func writeRow(_ fields: [String]) throws {
    encoder.appendRecord(fields, to: &pending)
    if pending.count >= Self.flushThreshold { try flush() }
  }

  /// Appends one record of fields given as substrings.
  public func writeRow(_ fields: [Substring]) throws {
    try writeRow(fields.map(String.init))
  }

  /// Appends bytes that are already whole records encoded by `encoder` (or an encoder with the
  /// same settings).
  /// - Throws: `TabularError.io` if a block cannot be written.
  public func write(encoded bytes: [UInt8]) throws {
    pending.append(contentsOf: bytes)
    if pending.count >= Self.flushThreshold { try flush() }
  }

  /// Writes buffered bytes to the destination.
  public func flush() throws {
    try pending.withUnsafeBytes { all in
      guard var p = all.baseAddress else { return }
      var remaining = all.count
      while remaining > 0 {
        let n = Foundation.write(fd, p, remaining)
        if n < 0 {
          if errno == EINTR { continue }
          throw TabularError.io(
            path: path, reason: "write failed: \(String(cString: strerror(errno)))")
        }
        p += n
        remaining -= n
      }
    }
    pending.removeAll(keepingCapacity: true)
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
