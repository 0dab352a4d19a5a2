import Foundation

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
  /// The input is either a one-column list of user ids or a CSV whose header names the model's
  /// user column (see ``IDListReader``). Users are ranked in blocks of 4,096 on all cores.
  /// - Parameters:
  ///   - input: the users, opened with the model's user column.
  ///   - output: receives each output line with its newline.
  ///   - excluded: item ids never to show.
  /// - Throws: the reader's errors (file, line, column); lines for the blocks before the bad
  ///   line have already been passed to `output`, so a file output must be discarded.
  public func recommendBatch(
    input: inout IDListReader, k: Int, includeSeen: Bool, excluded: Set<String>,
    output: (String) -> Void
  ) throws -> BatchStatistics {
    let withNames = !itemNames.isEmpty
    output(
      CSVOutput.line(["user", "rank", "item", "score", "source"] + (withNames ? ["name"] : []))
        + "\n")
    let mask = exclusionMask(excluded)
    var statistics = BatchStatistics()
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
    while let user = try input.next() {
      block.append(user)
      if block.count == 4096 { flush() }
    }
    flush()
    return statistics
  }
}
