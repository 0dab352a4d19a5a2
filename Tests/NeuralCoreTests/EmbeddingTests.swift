import Testing
import _TestSupport

@testable import NeuralCore

@Suite struct EmbeddingTests {
  @Test func embeddingSparseGradientMatchesFiniteDifferences() {
    var rng = SeededGenerator(seed: 21)
    let layer = Embedding(count: 10, dimension: 3, generator: &rng)
    let ids: [Int32] = [4, 1, 4, 7]
    let out = layer.forward(ids: ids)
    #expect(out.shape == [4, 3])
    #expect(out.row(0) == layer.weight.value.row(4))
    let r = GradientCheck.randomTensor(out.shape, seed: 22)
    layer.backward(r)
    #expect(Set(layer.weight.touchedRows) == [1, 4, 7])
    #expect(layer.weight.touchedRows.count == 3)
    let p = layer.weight
    let numeric = GradientCheck.numericGradient(
      count: p.value.count, get: { p.value.data[$0] }, set: { p.value.data[$0] = $1 },
      loss: { GradientCheck.project(layer.forward(ids: ids, training: false), r) })
    #expect(GradientCheck.maxRelativeError(p.gradient.data, numeric) < 1e-2)
    // Rows outside the batch have exactly zero gradient.
    for row in [0, 2, 3, 5, 6, 8, 9] {
      #expect(p.gradient.row(row) == [0, 0, 0])
    }
  }

  @Test(arguments: [EmbeddingBag.Mode.sum, .mean], [false, true])
  func embeddingBagGradientMatchesFiniteDifferences(mode: EmbeddingBag.Mode, weighted: Bool) {
    var rng = SeededGenerator(seed: 23)
    let layer = EmbeddingBag(count: 12, dimension: 4, mode: mode, generator: &rng)
    let bags: [[Int32]] = [[1, 5, 5, 9], [2], [], [9, 0]]
    let weights: [[Float]]? = weighted ? [[0.5, 2, 1, -1], [3], [], [0.25, 0.75]] : nil
    let batch = EmbeddingBag.Batch(bags: bags, weights: weights)
    let out = layer.forward(bags: batch)
    #expect(out.shape == [4, 4])
    #expect(out.row(2) == [0, 0, 0, 0])
    let r = GradientCheck.randomTensor(out.shape, seed: 24)
    layer.backward(r)
    #expect(Set(layer.weight.touchedRows) == [0, 1, 2, 5, 9])
    let p = layer.weight
    let numeric = GradientCheck.numericGradient(
      count: p.value.count, get: { p.value.data[$0] }, set: { p.value.data[$0] = $1 },
      loss: { GradientCheck.project(layer.forward(bags: batch, training: false), r) })
    #expect(GradientCheck.maxRelativeError(p.gradient.data, numeric) < 1e-2)
  }

  @Test func embeddingBagPoolsByMeanAndSum() {
    let table = Tensor(shape: [3, 2], data: [1, 2, 3, 4, 5, 6])
    let sum = EmbeddingBag(weight: table, mode: .sum)
    let mean = EmbeddingBag(weight: table, mode: .mean)
    let batch = EmbeddingBag.Batch(bags: [[0, 2], [1]])
    #expect(sum.forward(bags: batch).data == [6, 8, 3, 4])
    #expect(mean.forward(bags: batch).data == [3, 4, 3, 4])
    let weighted = EmbeddingBag.Batch(bags: [[0, 2]], weights: [[1, 3]])
    #expect(sum.forward(bags: weighted).data == [16, 20])
    #expect(mean.forward(bags: weighted).data == [4, 5])
  }

  @Test func zeroGradientClearsOnlyTouchedRows() {
    let bag = EmbeddingBag(weight: Tensor(zeros: [5, 2]), mode: .sum)
    _ = bag.forward(bags: EmbeddingBag.Batch(bags: [[3]]))
    bag.backward(Tensor(shape: [1, 2], data: [1, 1]))
    #expect(bag.weight.touchedRows == [3])
    bag.weight.zeroGradient()
    #expect(bag.weight.touchedRows.isEmpty)
    #expect(bag.weight.gradient.data.allSatisfy { $0 == 0 })
  }
}
