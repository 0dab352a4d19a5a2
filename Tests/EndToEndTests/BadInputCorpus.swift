import Foundation
import _TestSupport

/// Issue 7's bad-input corpus as transformations of a good CSV, so the same cases run against
/// every command whatever columns it needs: each case breaks a known line and column of the
/// command's own good input and knows the message `Tabular.CSVReader` must give there.
struct BadInputCase: Sendable, CustomStringConvertible {
  /// Short name, used in failure messages and file names.
  let name: String
  /// Whether the file is small enough for a pipe (runs also as `--data -`).
  let small: Bool
  /// The bad file, from the good file's lines (header first, each without its newline).
  let make: @Sendable (_ lines: [String]) -> [UInt8]
  /// What must follow the path in the message, from the good file's lines.
  let message: @Sendable (_ lines: [String]) -> String

  var description: String { name }

  /// The header and the first `rows` data lines of `text`, with no quoted field (so that a
  /// field can be broken at a known column): lines with doubled quotes are left out, and
  /// simple quoted fields lose their quotes and the commas inside them.
  static func goodLines(_ text: String, rows: Int = 8) -> [String] {
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)  // LF or CRLF
    let data = lines.dropFirst().filter { !$0.contains("\"\"") }.map { line in
      line.split(separator: "\"", omittingEmptySubsequences: false).enumerated().map {
        $0.offset % 2 == 1 ? $0.element.replacingOccurrences(of: ",", with: "") : String($0.element)
      }.joined()
    }
    return [lines[0]] + data.prefix(rows)
  }

  /// Joins lines into file bytes (LF endings, final newline).
  static func bytes(_ lines: [String]) -> [UInt8] {
    Array((lines.joined(separator: "\n") + "\n").utf8)
  }

  /// The file with `insert` placed at the start of the second field of line `line` (1-based).
  static func insertingIntoSecondField(_ lines: [String], line: Int, _ insert: [UInt8])
    -> [UInt8]
  {
    var out: [UInt8] = []
    for (k, text) in lines.enumerated() {
      var bytes = Array(text.utf8)
      if k + 1 == line, let comma = bytes.firstIndex(of: UInt8(ascii: ",")) {
        bytes.insert(contentsOf: insert, at: comma + 1)
      }
      out += bytes + [10]
    }
    return out
  }

  static func columns(_ lines: [String]) -> [String] {
    lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
  }

  /// Line `line` with one field more (`by` 1) or one less (-1) than the header.
  static func ragged(line: Int, by change: Int) -> BadInputCase {
    BadInputCase(
      name: change > 0 ? "ragged-extra-field" : "ragged-missing-field", small: true,
      make: { lines in
        var l = lines
        if change > 0 {
          l[line - 1] += ",extra"
        } else if let comma = l[line - 1].lastIndex(of: ",") {
          l[line - 1] = String(l[line - 1][..<comma])
        }
        return bytes(l)
      },
      message: { lines in
        let n = columns(lines).count
        return ":\(line): column \(change > 0 ? n + 1 : n): expected \(n) fields as in the header "
          + "but found \(n + change)"
      })
  }

  /// Every case; row-level ones break lines 3 to 5, so the good file needs 4 data rows.
  static let all: [BadInputCase] = [
    ragged(line: 4, by: 1),
    ragged(line: 5, by: -1),
    BadInputCase(
      name: "unterminated-quote", small: true,
      make: { insertingIntoSecondField($0, line: 3, [UInt8(ascii: "\"")]) },
      message: { _ in ":3: column 2: unterminated quoted field (opened on line 3)" }),
    BadInputCase(
      name: "nul-byte", small: true,
      make: { insertingIntoSecondField($0, line: 4, [0]) },
      message: { _ in ":4: column 2: NUL byte inside a field — is this a binary file?" }),
    BadInputCase(
      name: "invalid-utf8", small: true,
      make: { insertingIntoSecondField($0, line: 3, [0xC3, 0x28]) },
      message: { lines in
        ":3: column 2: invalid UTF-8 at byte 1 of field '\(columns(lines)[1])' — convert the file"
      }),
    BadInputCase(
      name: "invalid-utf8-header", small: true,
      make: { lines in [0xFF] + bytes(lines) },
      message: { _ in ":1: column 1: column name is not valid UTF-8 (byte 1)" }),
    BadInputCase(
      name: "utf16le-bom", small: true,
      make: { lines in
        var out: [UInt8] = [0xFF, 0xFE]
        for unit in (lines.joined(separator: "\n") + "\n").utf16 {
          out += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return out
      },
      message: { _ in
        ":1: column 1: the file is UTF-16 (little-endian), but Traction reads UTF-8 — convert it "
          + "first, for example: iconv -f UTF-16LE -t UTF-8"
      }),
    BadInputCase(
      name: "utf16be-no-bom", small: true,
      make: { lines in
        (lines.joined(separator: "\n") + "\n").utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
      },
      message: { _ in ":1: column 1: the file is UTF-16 (big-endian), but Traction reads UTF-8" }),
    BadInputCase(
      name: "duplicate-header", small: true,
      make: { lines in
        var header = columns(lines)
        header[1] = header[0]
        return bytes([header.joined(separator: ",")] + lines.dropFirst())
      },
      message: { lines in
        let first = columns(lines)[0]
        return ":1: column 2: duplicate column name '\(first)' (also column 1) — rename one"
      }),
    BadInputCase(
      name: "empty-column-name", small: true,
      make: { lines in
        var header = columns(lines)
        header[header.count - 1] = " "
        return bytes([header.joined(separator: ",")] + lines.dropFirst())
      },
      message: { lines in ":1: column \(columns(lines).count): empty column name" }),
    BadInputCase(
      name: "100000-columns", small: false,
      make: { lines in
        let extra = (columns(lines).count..<100_000).map { ",extra\($0)" }.joined()
        return bytes([lines[0] + extra] + lines.dropFirst())
      },
      message: { _ in
        ":1: column 16385: the header has 100000 columns but Traction reads at most 16384"
      }),
    BadInputCase(
      name: "field-over-16MiB", small: false,
      make: { insertingIntoSecondField($0, line: 3, [UInt8](repeating: 0x61, count: 16 << 20)) },
      message: { _ in ":3: column 2: field longer than 16 MiB, Traction's limit per field" }),
  ]
}

/// One finished run of the `traction` binary.
struct CLIRun {
  var status: Int32
  /// True when the process died from a signal (a crash) rather than exiting.
  var signalled: Bool
  var stdout: String
  var stderr: String
}

/// Runs the binary with `stdin` (at most 64 KiB: it is written into the pipe before the process
/// starts, so an early exit cannot raise SIGPIPE in the test).
func runCLI(_ arguments: [String], stdin: [UInt8] = []) throws -> CLIRun {
  precondition(stdin.count < 65_536, "stdin must fit in a pipe buffer")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: HardeningDurabilityTests.tractionPath)
  process.arguments = arguments
  let out = Pipe()
  let err = Pipe()
  let input = Pipe()
  input.fileHandleForWriting.write(Data(stdin))
  try input.fileHandleForWriting.close()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = input
  try process.run()
  // The commands write at most a few lines to stderr: reading stdout first cannot block.
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return CLIRun(
    status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
    stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}
