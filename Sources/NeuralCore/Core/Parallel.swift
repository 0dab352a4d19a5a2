import Dispatch
import Foundation
import Kernels

/// Splitting work over the machine's cores.
public enum Parallel {
  /// Worker threads for NeuralCore's own parallel loops: the active processor count, capped by
  /// the environment variable `TRACTION_THREADS` when it holds a positive integer (read once).
  /// The same figure the GEMM kernels use (`Kernels.Parallelism.coreCount`).
  public static var coreCount: Int { Parallelism.coreCount }

  /// Calls `body` on `chunks` contiguous, disjoint ranges that cover `0..<count`, concurrently.
  /// Runs inline when there is one chunk or nothing to do.
  ///
  /// - Parameters:
  ///   - count: total number of items.
  ///   - chunks: number of ranges (clamped to `1...count`).
  ///   - body: work on one range; must only touch the items in its range.
  public static func forEachChunk(
    count: Int, chunks: Int, _ body: @Sendable (Range<Int>) -> Void
  ) {
    guard count > 0 else { return }
    let n = min(max(chunks, 1), count)
    if n == 1 {
      body(0..<count)
      return
    }
    DispatchQueue.concurrentPerform(iterations: n) { i in
      body((count * i / n)..<(count * (i + 1) / n))
    }
  }

  /// Chunk count for elementwise work: one chunk below `minimumPerChunk` items per core (thread
  /// wake-up costs more than it saves there), at most `threads` (default: all cores).
  public static func chunkCount(for count: Int, minimumPerChunk: Int = 1 << 16, threads: Int? = nil)
    -> Int
  {
    let limit = threads ?? coreCount
    return max(1, min(limit, count / max(minimumPerChunk, 1)))
  }
}

/// A pointer that may cross into a `@Sendable` chunk closure; callers guarantee the chunks touch
/// disjoint elements.
struct SendablePointer<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
}

/// A read-only pointer for chunk closures.
struct SendableConstPointer<T>: @unchecked Sendable {
  let base: UnsafePointer<T>
}
