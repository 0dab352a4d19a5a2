/// Per-user hold-out split: each user's latest share of interactions becomes the test part.
///
/// This is the protocol of the benchmark split in `PEERS.md` section 3: a user with `n`
/// interactions keeps `floor(0.8 n)` (the oldest) for training and holds out the rest; ties in
/// time keep file order. A user with a single interaction stays entirely in training.
public enum TimeSplit {
  /// Splits `log` into (train, test) logs sharing its id maps.
  /// - Parameters:
  ///   - log: the interactions.
  ///   - testFraction: share of each user's interactions held out, in (0, 1).
  /// - Returns: two logs whose entries partition `log`'s entries.
  public static func split(_ log: InteractionLog, testFraction: Double = 0.2)
    -> (train: InteractionLog, test: InteractionLog)
  {
    precondition(testFraction > 0 && testFraction < 1, "testFraction must be in (0, 1)")
    var byUser = [[Int]](repeating: [], count: log.users.count)
    for k in 0..<log.count { byUser[Int(log.userIndices[k])].append(k) }
    var isTest = [Bool](repeating: false, count: log.count)
    for entries in byUser where entries.count >= 2 {
      let ordered = entries.sorted { a, b in
        log.times[a] != log.times[b] ? log.times[a] < log.times[b] : a < b
      }
      let keep = max(1, Int((Double(ordered.count) * (1 - testFraction)).rounded(.down)))
      for k in ordered[keep...] { isTest[k] = true }
    }
    return (log.filtered { !isTest[$0] }, log.filtered { isTest[$0] })
  }
}
