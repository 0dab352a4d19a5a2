import NeuralCore
/// Row indices of one train/test split, each sorted ascending (file order).
public struct Split: Sendable, Equatable {
  /// Rows to fit on.
  public var train: [Int]
  /// Rows held out (validation or test).
  public var test: [Int]

  /// Creates a split.
  public init(train: [Int], test: [Int]) {
    self.train = train
    self.test = test
  }
}

/// Seeded train/test splits: stratified, random, k-fold and time-ordered.
///
/// Every split is a pure function of its inputs and `seed` (SplitMix64 + Fisher–Yates), so
/// training is reproducible. Mirrors scikit-learn's `train_test_split(stratify=)`,
/// `StratifiedKFold`, `KFold(shuffle=True)` and `TimeSeriesSplit`'s last-block hold-out.
public enum Splits {
  /// Holds out `fraction` of each class.
  ///
  /// Each class with at least two rows keeps at least one row on each side.
  /// - Parameters:
  ///   - labels: One label per row.
  ///   - fraction: Share of rows held out, in (0, 1).
  ///   - seed: Shuffling seed.
  /// - Complexity: O(n log n).
  public static func stratified<Label: Hashable>(labels: [Label], fraction: Double, seed: UInt64)
    -> Split
  {
    precondition(fraction > 0 && fraction < 1, "fraction must be in (0, 1), got \(fraction)")
    var generator = SplitMix64(seed: seed)
    var train: [Int] = []
    var test: [Int] = []
    for var members in groups(labels) {
      generator.shuffle(&members)
      var held = Int((Double(members.count) * fraction).rounded())
      if members.count >= 2 { held = min(max(held, 1), members.count - 1) }
      test += members[..<held]
      train += members[held...]
    }
    return Split(train: train.sorted(), test: test.sorted())
  }

  /// Holds out a random `fraction` of `count` rows.
  public static func random(count: Int, fraction: Double, seed: UInt64) -> Split {
    stratified(labels: [Int](repeating: 0, count: count), fraction: fraction, seed: seed)
  }

  /// Shuffled k-fold cross-validation: fold `i` is the test set of split `i`. The first
  /// `count % folds` folds get one extra row, as in scikit-learn's `KFold`.
  public static func kFold(count: Int, folds: Int, seed: UInt64) -> [Split] {
    precondition(folds >= 2 && folds <= max(count, 2), "need 2 ≤ folds ≤ rows, got \(folds)")
    var generator = SplitMix64(seed: seed)
    var order = Array(0..<count)
    generator.shuffle(&order)
    var assignment = [Int](repeating: 0, count: count)
    var start = 0
    for fold in 0..<folds {
      let size = count / folds + (fold < count % folds ? 1 : 0)
      for i in start..<(start + size) { assignment[order[i]] = fold }
      start += size
    }
    return splits(assignment: assignment, folds: folds)
  }

  /// Stratified k-fold: each class is shuffled and dealt round-robin over the folds, so every
  /// fold has nearly the same class proportions.
  public static func stratifiedKFold<Label: Hashable>(labels: [Label], folds: Int, seed: UInt64)
    -> [Split]
  {
    precondition(folds >= 2, "need at least 2 folds, got \(folds)")
    var generator = SplitMix64(seed: seed)
    var assignment = [Int](repeating: 0, count: labels.count)
    var next = 0
    for var members in groups(labels) {
      generator.shuffle(&members)
      for row in members {
        assignment[row] = next
        next = (next + 1) % folds
      }
    }
    return splits(assignment: assignment, folds: folds)
  }

  /// Holds out the latest `fraction` of rows by `keys` (ties keep file order): train on the
  /// past, test on the future.
  /// - Parameters:
  ///   - keys: One sortable time key per row (ISO dates sort as strings).
  ///   - fraction: Share of rows held out, in (0, 1).
  public static func timeOrdered<Key: Comparable>(keys: [Key], fraction: Double) -> Split {
    precondition(fraction > 0 && fraction < 1, "fraction must be in (0, 1), got \(fraction)")
    let order = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
    var held = Int((Double(keys.count) * fraction).rounded())
    if keys.count >= 2 { held = min(max(held, 1), keys.count - 1) }
    let cut = keys.count - held
    return Split(train: order[..<cut].sorted(), test: order[cut...].sorted())
  }

  /// Row indices grouped by label, groups in order of first appearance.
  private static func groups<Label: Hashable>(_ labels: [Label]) -> [[Int]] {
    var position: [Label: Int] = [:]
    var result: [[Int]] = []
    for (row, label) in labels.enumerated() {
      if let g = position[label] {
        result[g].append(row)
      } else {
        position[label] = result.count
        result.append([row])
      }
    }
    return result
  }

  private static func splits(assignment: [Int], folds: Int) -> [Split] {
    (0..<folds).map { fold in
      Split(
        train: assignment.indices.filter { assignment[$0] != fold },
        test: assignment.indices.filter { assignment[$0] == fold })
    }
  }
}

extension SplitMix64 {
  /// Fisher–Yates shuffle with this generator (the standard library's algorithm is not
  /// guaranteed stable across Swift versions).
  mutating func shuffle(_ values: inout [Int]) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      let j = Int(next() % UInt64(i + 1))
      values.swapAt(i, j)
    }
  }
}
