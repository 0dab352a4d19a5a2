import Foundation
import Testing

@testable import RiskScoring

/// A small seeded two-member network over 3 fields (numeric, one-hot of 3, numeric + missing flag).
func sampleNetwork(hidden: [Int]) -> (RiskNetwork, FieldLayout) {
  var generator = DemoRandom(seed: 7)
  func layer(_ i: Int, _ o: Int) -> RiskNetwork.Layer {
    RiskNetwork.Layer(
      inputs: i, outputs: o, weights: (0..<(i * o)).map { _ in Float(generator.gaussian()) * 0.7 },
      bias: (0..<o).map { _ in Float(generator.gaussian()) * 0.1 })
  }
  let width = 6
  var members: [[RiskNetwork.Layer]] = []
  for _ in 0..<2 {
    var dims = [width] + hidden + [1]
    var chain: [RiskNetwork.Layer] = []
    for k in 0..<(dims.count - 1) { chain.append(layer(dims[k], dims[k + 1])) }
    dims.removeAll()
    members.append(chain)
  }
  let layout = FieldLayout(
    fieldNames: ["tenure", "contract", "fee"], columns: [[0], [1, 2, 3], [4, 5]],
    baseline: [0, 0.5, 0.3, 0.2, 0, 0.1])
  return (RiskNetwork(members: members), layout)
}

/// Each contribution equals the brute-force logit change of replacing that field by the baseline.
@Test(arguments: [[], [5], [16], [32], [37], [64], [8, 4]] as [[Int]])
func contributionsMatchBruteForceOcclusion(hidden: [Int]) {
  let (network, layout) = sampleNetwork(hidden: hidden)
  let rows: [[Float]] = [
    [1.5, 1, 0, 0, -0.3, 0], [-2, 0, 0, 1, 0, 1], [0.2, 0, 1, 0, 2.5, 0], [0, 0.5, 0.3, 0.2, 0, 0.1],
  ]
  let batch = rows.flatMap { $0 }
  let (logits, contributions) = network.fieldContributions(batch, rows: rows.count, layout: layout)
  let direct = network.logits(batch, rows: rows.count)
  for r in rows.indices {
    #expect(abs(logits[r] - direct[r]) < 1e-5)
    for f in layout.columns.indices {
      var occluded = rows[r]
      for c in layout.columns[f] { occluded[c] = layout.baseline[c] }
      let expected = direct[r] - network.logits(occluded, rows: 1)[0]
      #expect(abs(contributions[r * 3 + f] - expected) < 1e-4, "row \(r) field \(f)")
    }
  }
  // The baseline row itself has no reasons.
  for f in 0..<3 { #expect(abs(contributions[3 * 3 + f]) < 1e-5) }
}

@Test func topReasonsPicksLargestPositive() {
  let values: [Float] = [0.1, -2, 0.7, 0.3, 0, 0.5]
  #expect(RiskNetwork.topReasons(values[...], count: 3) == [2, 5, 3])
  #expect(RiskNetwork.topReasons(values[...], count: 10) == [2, 5, 3, 0])
  #expect(RiskNetwork.topReasons([-1, 0][...], count: 3).isEmpty)
}

/// More fields than one block of eight (12 fields, one of them one-hot), one hidden layer of 32:
/// the vectorised kernel still matches brute-force occlusion for every (row, field).
@Test func contributionsMatchBruteForceBeyondOneBlockOfFields() {
  var generator = DemoRandom(seed: 11)
  let width = 14
  let hidden = 32
  var members: [[RiskNetwork.Layer]] = []
  for _ in 0..<3 {
    members.append([
      RiskNetwork.Layer(
        inputs: width, outputs: hidden,
        weights: (0..<(width * hidden)).map { _ in Float(generator.gaussian()) * 0.5 },
        bias: (0..<hidden).map { _ in Float(generator.gaussian()) * 0.1 }),
      RiskNetwork.Layer(
        inputs: hidden, outputs: 1,
        weights: (0..<hidden).map { _ in Float(generator.gaussian()) * 0.5 }, bias: [0.2]),
    ])
  }
  let network = RiskNetwork(members: members)
  let columns = (0..<11).map { [$0] } + [[11, 12, 13]]
  let layout = FieldLayout(
    fieldNames: (0..<12).map { "f\($0)" }, columns: columns,
    baseline: (0..<11).map { _ in Float(generator.gaussian()) * 0.1 } + [0.5, 0.3, 0.2])
  var rows: [[Float]] = []
  for r in 0..<9 {
    var row = (0..<11).map { _ in Float(generator.gaussian()) }
    row[r % 11] = 0  // some exact zeros (skipped as non-zero inputs)
    row += [0, 0, 0]
    row[11 + r % 3] = 1
    rows.append(row)
  }
  let batch = rows.flatMap { $0 }
  let (logits, contributions) = network.fieldContributions(batch, rows: rows.count, layout: layout)
  let direct = network.logits(batch, rows: rows.count)
  for r in rows.indices {
    #expect(abs(logits[r] - direct[r]) < 1e-4)
    for f in columns.indices {
      var occluded = rows[r]
      for c in columns[f] { occluded[c] = layout.baseline[c] }
      let expected = direct[r] - network.logits(occluded, rows: 1)[0]
      #expect(abs(contributions[r * 12 + f] - expected) < 1e-4, "row \(r) field \(f)")
    }
  }
}

/// Permutation importance's shortcut (first layer reused, only the shuffled field's columns
/// updated) gives the logits of the shuffled batch run through the whole network.
@Test(arguments: [[Int](), [5], [32], [8, 4]])
func shuffledFieldLogitsMatchFullForwardPass(hidden: [Int]) {
  let (network, layout) = sampleNetwork(hidden: hidden)
  var generator = DemoRandom(seed: 5)
  let rows = 40
  var batch: [Float] = []
  for _ in 0..<rows {
    var row = [Float(generator.gaussian()), 0, 0, 0, Float(generator.gaussian()), 0]
    row[1 + Int(generator.next() % 3)] = 1
    if generator.next() % 4 == 0 {
      row[4] = 0
      row[5] = 1
    }
    batch += row
  }
  let order = (0..<rows).map { ($0 * 17 + 3) % rows }
  let cache = network.firstLayerCache(batch, rows: rows)
  for columns in layout.columns {
    var shuffled = batch
    for r in 0..<rows {
      for c in columns { shuffled[r * 6 + c] = batch[order[r] * 6 + c] }
    }
    let expected = network.logits(shuffled, rows: rows)
    let fast = network.logits(
      replacing: columns, from: order, in: batch, rows: rows, cache: cache)
    for r in 0..<rows { #expect(abs(fast[r] - expected[r]) < 1e-4, "row \(r) columns \(columns)") }
  }
}

/// Permutation importance: a field the network ignores scores 0, a field it uses scores clearly
/// above 0, and the result does not depend on the number of threads (same call, same numbers).
@Test func permutationImportanceSeesUsedAndIgnoredFields() {
  var (network, layout) = sampleNetwork(hidden: [5])
  // Field 0 ("tenure", column 0) is ignored: zero its first-layer weights in every member.
  for m in network.members.indices {
    let hidden = network.members[m][0].outputs
    for j in 0..<hidden { network.members[m][0].weights[j] = 0 }
  }
  var generator = DemoRandom(seed: 9)
  let rows = 300
  var batch: [Float] = []
  for _ in 0..<rows {
    var row = [Float(generator.gaussian()), 0, 0, 0, Float(generator.gaussian()), 0]
    row[1 + Int(generator.next() % 3)] = 1
    batch += row
  }
  let logits = network.logits(batch, rows: rows)
  let median = logits.sorted()[rows / 2]
  let labels = logits.map { $0 > median ? 1 : 0 }
  let importance = RiskImportance.permutation(
    network: network, layout: layout, features: batch, labels: labels)
  #expect(abs(importance[0]) < 1e-9, "ignored field: \(importance[0])")
  #expect(importance[1] > 0.05 && importance[2] > 0.05, "used fields: \(importance)")
  let again = RiskImportance.permutation(
    network: network, layout: layout, features: batch, labels: labels)
  #expect(again == importance)
}

/// The baseline and AVX2 builds of the one-hidden-layer kernel give the same bits (fixed
/// summation order, no FMA), so a model explains rows identically on every x86-64 CPU.
@Test(arguments: [[5], [32], [37]] as [[Int]])
func baselineAndAVX2KernelsAgreeBitForBit(hidden: [Int]) {
  let (network, layout) = sampleNetwork(hidden: hidden)
  var generator = DemoRandom(seed: 13)
  var batch: [Float] = []
  for _ in 0..<50 {
    var row = [Float(generator.gaussian()), 0, 0, 0, Float(generator.gaussian()), 0]
    row[1 + Int(generator.next() % 3)] = 1
    batch += row
  }
  let avx2 = network.fieldContributions(batch, rows: 50, layout: layout, allowAVX2: true)
  let baseline = network.fieldContributions(batch, rows: 50, layout: layout, allowAVX2: false)
  #expect(avx2.logits == baseline.logits)
  #expect(avx2.contributions == baseline.contributions)
}
