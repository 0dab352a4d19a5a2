/// Guesses the field separator from the first lines of a file.
enum DelimiterDetection {
  /// The candidates, in order of preference on ties.
  static let candidates: [UInt8] = [
    UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|"),
  ]

  /// Counts each candidate outside quotes on up to 20 complete lines and picks the one that
  /// appears the same non-zero number of times on every line (the most often on ties); if none
  /// is consistent, the most frequent on the first line; comma when nothing is found.
  static func detect(_ sample: UnsafeBufferPointer<UInt8>) -> UInt8 {
    var perLine: [[Int]] = []
    var counts = [Int](repeating: 0, count: candidates.count)
    var inQuotes = false
    var i = 0
    while i < sample.count && perLine.count < 20 {
      let c = sample[i]
      if c == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if !inQuotes && (c == 10 || c == 13) {
        if c == 13 && i + 1 < sample.count && sample[i + 1] == 10 { i += 1 }
        if counts.contains(where: { $0 > 0 }) || !perLine.isEmpty { perLine.append(counts) }
        counts = [Int](repeating: 0, count: candidates.count)
      } else if !inQuotes, let k = candidates.firstIndex(of: c) {
        counts[k] += 1
      }
      i += 1
    }
    // A sample without a final line break: count its last line only if it is the whole file.
    if perLine.isEmpty { perLine.append(counts) }
    var best: Int?
    for k in candidates.indices {
      let first = perLine[0][k]
      guard first > 0, perLine.allSatisfy({ $0[k] == first }) else { continue }
      if best.map({ first > perLine[0][$0] }) ?? true { best = k }
    }
    if let best { return candidates[best] }
    let first = perLine[0]
    if let top = first.indices.max(by: { first[$0] < first[$1] }), first[top] > 0 {
      return candidates[top]
    }
    return candidates[0]
  }
}
