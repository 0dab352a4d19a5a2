import Foundation

/// Writes CSV rows with RFC 4180 quoting to a file (atomically: a temporary file renamed on
/// ``finish()``) or to standard output (`-`, flushed as it goes for streaming).
///
/// Cells that start with `=`, `+`, `-` or `@` are prefixed with `'` so that spreadsheets do not
/// run them as formulas.
public final class TextCSVWriter {
  private let destination: URL?
  private let temporary: URL?
  private let handle: FileHandle
  private var pending = Data()
  private var finished = false

  /// Opens `path` for writing (`-` is standard output).
  public init(path: String) throws {
    if path == "-" {
      destination = nil
      temporary = nil
      handle = FileHandle.standardOutput
      return
    }
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: tmp.path, contents: nil),
      let h = FileHandle(forWritingAtPath: tmp.path)
    else {
      throw TextClassificationError.invalidInput("\(path): cannot create the file; check --out")
    }
    destination = url
    temporary = tmp
    handle = h
  }

  deinit {
    if !finished, let temporary {
      try? handle.close()
      try? FileManager.default.removeItem(at: temporary)
    }
  }

  /// Quotes one cell when needed.
  public static func escape(_ cell: String) -> String {
    var s = cell
    if let f = s.unicodeScalars.first, "=+-@".unicodeScalars.contains(f),
      Double(s) == nil
    {
      s = "'" + s
    }
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  /// Appends one row.
  public func write(_ cells: [String]) {
    pending.append(contentsOf: Array((cells.map(Self.escape).joined(separator: ",") + "\n").utf8))
    if pending.count >= 1 << 16 { flush() }
  }

  /// Writes buffered rows.
  public func flush() {
    if !pending.isEmpty {
      handle.write(pending)
      pending.removeAll(keepingCapacity: true)
    }
  }

  /// Flushes and, for a file, moves it into place.
  public func finish() throws {
    flush()
    finished = true
    guard let destination, let temporary else { return }
    try handle.close()
    if FileManager.default.fileExists(atPath: destination.path) {
      _ = try FileManager.default.replaceItemAt(destination, withItemAt: temporary)
    } else {
      try FileManager.default.moveItem(at: temporary, to: destination)
    }
  }
}

/// Writes `data` to `url` atomically (temporary file in the same folder, then rename).
public func writeAtomically(_ data: Data, to url: URL) throws {
  try FileManager.default.createDirectory(
    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  try data.write(to: url, options: .atomic)
}
