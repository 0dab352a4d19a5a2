import Foundation

/// Line-by-line reading of a text file or standard input (streaming, any line length).
public final class LineReader {
  private let file: UnsafeMutablePointer<FILE>
  private let ownsFile: Bool
  private var buffer: UnsafeMutablePointer<CChar>? = nil
  private var capacity = 0

  /// Opens `url`, or standard input when nil.
  /// - Throws: `RecommendationError.unreadableFile`.
  public init(url: URL?) throws {
    if let url {
      guard let handle = fopen(url.path, "r") else {
        throw RecommendationError.unreadableFile(
          path: url.path, reason: String(cString: strerror(errno)) + "; check the path")
      }
      file = handle
      ownsFile = true
    } else {
      guard let handle = fdopen(0, "r") else {
        throw RecommendationError.unreadableFile(
          path: "<stdin>", reason: String(cString: strerror(errno)))
      }
      file = handle
      ownsFile = false
    }
  }

  deinit {
    free(buffer)
    if ownsFile { fclose(file) }
  }

  /// The next line without its newline (and without a trailing CR), or nil at the end.
  public func next() -> String? {
    let length = getline(&buffer, &capacity, file)
    guard length >= 0, let buffer else { return nil }
    var count = length
    while count > 0 && (buffer[count - 1] == 10 || buffer[count - 1] == 13) { count -= 1 }
    return buffer.withMemoryRebound(to: UInt8.self, capacity: count) {
      String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
    }
  }
}

extension Recommender {
  /// Counts from a batch run.
  public struct BatchStatistics: Sendable, Equatable {
    /// Users processed.
    public var users = 0
    /// Users the model did not know (given popular items).
    public var unknownUsers = 0
  }

  /// Streams top-k lists for the users read from `input` to `output` as CSV with the header
  /// `user,rank,item,score,source[,name]`, k lines per user, in input order.
  ///
  /// The input is either a plain list (one user id per line; a quoted line is unquoted) or a
  /// CSV whose header names the model's user column. Users are ranked in blocks of 4,096 on
  /// all cores.
  /// - Parameters:
  ///   - input: line source.
  ///   - output: receives each output line with its newline.
  ///   - excluded: item ids never to show.
  public func recommendBatch(
    input: LineReader, k: Int, includeSeen: Bool, excluded: Set<String>,
    output: (String) -> Void
  ) -> BatchStatistics {
    let withNames = !itemNames.isEmpty
    output(
      CSVOutput.line(["user", "rank", "item", "score", "source"] + (withNames ? ["name"] : []))
        + "\n")
    let mask = exclusionMask(excluded)
    var statistics = BatchStatistics()
    var column: Int? = nil
    var delimiter: Character = ","
    var first = true
    var block: [String] = []
    func flush() {
      let users = block
      let lines = SharedBuffer<String>(repeating: "", count: users.count)
      WorkSplitter.forEachChunk(count: users.count, minimumChunk: 64) { range in
        var scores: [Float] = []
        for n in range {
          let (picks, source) = self.recommend(
            forUser: users[n], k: k, includeSeen: includeSeen, excludedMask: mask,
            scores: &scores)
          var text = ""
          for (rank, pick) in picks.enumerated() {
            var fields = [
              users[n], "\(rank + 1)", pick.item, String(format: "%.6g", pick.score),
              source.rawValue,
            ]
            // User and item ids come from user files: guard them against CSV injection.
            var guards = [true, false, true, false, false]
            if withNames {
              fields.append(pick.name ?? "")
              guards.append(true)
            }
            text += CSVOutput.line(fields, guardFormulas: guards) + "\n"
          }
          lines[n] = text
        }
      }
      for n in 0..<users.count {
        statistics.users += 1
        if log.users.index(of: users[n]) == nil { statistics.unknownUsers += 1 }
        output(lines[n])
      }
      block.removeAll(keepingCapacity: true)
    }
    while let line = input.next() {
      if first {
        first = false
        for candidate: Character in [",", ";", "\t", "|"] where line.contains(candidate) {
          delimiter = candidate
          break
        }
        let header = CSVOutput.fields(of: line, delimiter: delimiter)
        if let index = header.firstIndex(where: { $0.lowercased() == columns.user.lowercased() }) {
          column = index
          continue
        }
      }
      if line.isEmpty { continue }
      let id: String
      if let column {
        let fields = CSVOutput.fields(of: line, delimiter: delimiter)
        id = column < fields.count ? fields[column] : ""
      } else if line.hasPrefix("\"") {
        id = CSVOutput.fields(of: line, delimiter: "\u{0}").first ?? line
      } else {
        id = line
      }
      block.append(id.trimmingCharacters(in: .whitespaces))
      if block.count == 4096 { flush() }
    }
    flush()
    return statistics
  }
}
