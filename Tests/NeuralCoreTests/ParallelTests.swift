import Foundation
import Synchronization
import Testing

@testable import NeuralCore

@Suite struct ParallelTests {
  @Test(arguments: [(10, 1), (10, 2), (10, 3), (7, 10), (1, 2)])
  func chunksCoverTheRangeOnce(count: Int, chunks: Int) {
    let seen = Mutex([Int](repeating: 0, count: count))
    Parallel.forEachChunk(count: count, chunks: chunks) { range in
      seen.withLock { counts in
        for i in range { counts[i] += 1 }
      }
    }
    #expect(seen.withLock { $0 } == [Int](repeating: 1, count: count))
  }

  @Test func chunkCountOnlySplitsLargeWork() {
    #expect(Parallel.chunkCount(for: 1_000) == 1)
    #expect(Parallel.chunkCount(for: 1 << 20, threads: 1) == 1)
    #expect(Parallel.chunkCount(for: 1 << 20, threads: 2) == 2)
  }

  @Test func largeElementwiseWorkMatchesScalarResults() {
    // Big enough to be split over both cores.
    let x = Fixtures.tensor([600, 500], seed: 9)
    let relu = ReLU()
    let y = relu.forward(x, training: true)
    #expect(y.data == x.data.map { max($0, 0) })
    let g = Fixtures.tensor([600, 500], seed: 10)
    let dx = relu.backward(g)
    #expect(dx.data == zip(g.data, x.data).map { $1 > 0 ? $0 : 0 })
    let t = Tanh().forward(x, training: false)
    #expect(zip(t.data, x.data).allSatisfy { abs($0 - tanhf($1)) < 1e-6 })
  }
}

@Suite struct ParallelMapTests {
  @Test(arguments: [(10, 1), (10, 2), (10, 3), (7, 10), (1, 2), (0, 2)])
  func resultsComeBackInRangeOrder(count: Int, chunks: Int) {
    let parts = Parallel.map(count: count, chunks: chunks) { range in Array(range) }
    #expect(parts.count == max(1, min(chunks, count)))
    #expect(parts.flatMap { $0 } == Array(0..<count))
  }
}
