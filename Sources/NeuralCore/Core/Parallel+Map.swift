import Dispatch
import Synchronization

extension Parallel {
  /// Runs `body` on `chunks` contiguous, disjoint ranges that cover `0..<count`, concurrently,
  /// and returns the results in range order.
  ///
  /// The partition is deterministic (range `i` of `n` is `count·i/n ..< count·(i+1)/n`), so a
  /// caller that combines the results in order gets the same answer on any schedule.
  ///
  /// - Parameters:
  ///   - count: total number of items.
  ///   - chunks: number of ranges (clamped to `1...count`; default: all cores).
  ///   - body: work on one range; must only touch the items in its range.
  /// - Returns: one result per range, in order; one result for an empty `count`.
  public static func map<T: Sendable>(
    count: Int, chunks: Int = coreCount, _ body: @Sendable (Range<Int>) -> T
  ) -> [T] {
    let n = min(max(chunks, 1), max(count, 1))
    if n == 1 { return [body(0..<count)] }
    let slots = Mutex([T?](repeating: nil, count: n))
    DispatchQueue.concurrentPerform(iterations: n) { i in
      let value = body((count * i / n)..<(count * (i + 1) / n))
      slots.withLock { $0[i] = value }
    }
    return slots.withLock { $0.compactMap { $0 } }
  }
}
