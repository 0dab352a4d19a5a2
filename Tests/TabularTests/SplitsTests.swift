import Testing

@testable import Tabular

@Test func stratifiedSplitKeepsClassShares() {
  let labels = (0..<1000).map { $0 % 10 == 0 ? 1 : 0 }  // 100 positives
  let split = Splits.stratified(labels: labels, fraction: 0.2, seed: 42)
  #expect(split.test.count == 200 && split.train.count == 800)
  #expect(split.test.filter { labels[$0] == 1 }.count == 20)
  #expect(Set(split.train).isDisjoint(with: split.test))
  #expect(Set(split.train + split.test) == Set(0..<1000))
  #expect(split == Splits.stratified(labels: labels, fraction: 0.2, seed: 42))
  #expect(split != Splits.stratified(labels: labels, fraction: 0.2, seed: 43))
  // A rare class keeps a row on each side.
  let rare = Splits.stratified(labels: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1], fraction: 0.1, seed: 1)
  #expect(rare.test.contains(8) || rare.test.contains(9))
  #expect(rare.train.contains(8) || rare.train.contains(9))
}

@Test func kFoldCoversEveryRowOnce() {
  let folds = Splits.kFold(count: 23, folds: 5, seed: 3)
  #expect(folds.map(\.test.count) == [5, 5, 5, 4, 4])
  #expect(folds.flatMap(\.test).sorted() == Array(0..<23))
  for fold in folds { #expect(fold.train.count + fold.test.count == 23) }
  let labels = (0..<50).map { $0 < 10 ? "yes" : "no" }
  let stratified = Splits.stratifiedKFold(labels: labels, folds: 5, seed: 9)
  for fold in stratified { #expect(fold.test.filter { labels[$0] == "yes" }.count == 2) }
}

@Test func timeOrderedHoldsOutTheLatestRows() {
  let dates = ["2024-03-01", "2024-01-01", "2024-02-01", "2024-05-01", "2024-04-01"]
  let split = Splits.timeOrdered(keys: dates, fraction: 0.4)
  #expect(split.test == [3, 4] && split.train == [0, 1, 2])
}
