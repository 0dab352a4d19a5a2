import Testing

@testable import NeuralCore

@Suite struct TensorTests {
  @Test func indexesRowMajor() {
    let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
    #expect(x[1, 2] == 6)
    #expect(x.rows == 2 && x.columns == 3)
    #expect(Tensor(zeros: [2, 2]).data == [0, 0, 0, 0])
  }

  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func matmulMatchesNaive(transA: Bool, transB: Bool) {
    let (m, n, k) = (5, 7, 3)
    let a = Fixtures.tensor(transA ? [k, m] : [m, k], seed: 1)
    let b = Fixtures.tensor(transB ? [n, k] : [k, n], seed: 2)
    let c = Tensor.matmul(a, b, transA: transA, transB: transB)
    #expect(c.shape == [m, n])
    for i in 0..<m {
      for j in 0..<n {
        var s: Float = 0
        for p in 0..<k {
          s += (transA ? a[p, i] : a[i, p]) * (transB ? b[j, p] : b[p, j])
        }
        #expect(abs(c[i, j] - s) < 1e-5)
      }
    }
  }

  @Test func matmulAccumulatesWithBeta() {
    let a = Tensor(shape: [1, 2], data: [1, 2])
    let b = Tensor(shape: [2, 1], data: [3, 4])
    var c = Tensor(shape: [1, 1], data: [10])
    Tensor.matmul(a, b, alpha: 2, beta: 1, into: &c)
    #expect(c.data == [32])
  }

  @Test func seededGeneratorIsReproducible() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    let xs = (0..<5).map { _ in a.next() }
    let ys = (0..<5).map { _ in b.next() }
    #expect(xs == ys)
    var c = SeededGenerator(seed: 43)
    #expect(c.next() != xs[0])
    var order = Array(0..<10)
    a.shuffle(&order)
    #expect(order.sorted() == Array(0..<10))
    // Gaussian samples have roughly zero mean and unit variance.
    var g = SeededGenerator(seed: 7)
    let samples = (0..<20_000).map { _ in g.nextGaussian() }
    let mean = samples.reduce(0, +) / Double(samples.count)
    let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
    #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
  }
}

/// Small deterministic tensors for tests.
enum Fixtures {
  static func tensor(_ shape: [Int], seed: UInt64) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    let n = shape.reduce(1, *)
    return Tensor(shape: shape, data: (0..<n).map { _ in Float(rng.nextGaussian()) })
  }
}
