import Dispatch
import Foundation

/// Runs independent chunks of a loop on all cores (a private helper until
/// `NeuralCore.Parallel` is on every branch).
enum WorkSplitter {
  /// Number of worker threads to use.
  static var workers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Calls `body` once per contiguous chunk of `0..<count`, concurrently when there is more
  /// than one chunk. `body` must only write to memory owned by its chunk.
  static func forEachChunk(
    count: Int, minimumChunk: Int = 1, _ body: @Sendable (Range<Int>) -> Void
  ) {
    guard count > 0 else { return }
    let chunks = max(1, min(workers * 4, count / max(1, minimumChunk)))
    if chunks == 1 {
      body(0..<count)
      return
    }
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      let start = count * c / chunks
      let end = count * (c + 1) / chunks
      if start < end { body(start..<end) }
    }
  }
}

/// Fixed-size storage that parallel chunks write disjoint parts of.
final class SharedBuffer<Element>: @unchecked Sendable {
  /// The storage; chunks must not write overlapping indices.
  let pointer: UnsafeMutableBufferPointer<Element>

  /// A buffer of `count` copies of `value`.
  init(repeating value: Element, count: Int) {
    pointer = UnsafeMutableBufferPointer<Element>.allocate(capacity: count)
    pointer.initialize(repeating: value)
  }

  deinit {
    pointer.deinitialize()
    pointer.deallocate()
  }

  /// Element access; distinct chunks must use distinct indices.
  subscript(index: Int) -> Element {
    get { pointer[index] }
    set { pointer[index] = newValue }
  }

  /// A copy of the contents.
  var array: [Element] { Array(pointer) }
}
