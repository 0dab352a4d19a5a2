import Foundation

/// Splits work over the machine's cores with a deterministic partition: chunk `c` of `chunks`
/// always covers the same range, so results do not depend on scheduling.
public enum ParallelWork {
  /// Number of worker threads to use (the active processor count, at least 1).
  public static var defaultChunks: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// The `c`-th of `chunks` contiguous ranges covering `0..<count`.
  public static func range(_ c: Int, of chunks: Int, count: Int) -> Range<Int> {
    (count * c / chunks)..<(count * (c + 1) / chunks)
  }

  /// Runs `body` on `chunks` contiguous ranges of `0..<count` concurrently and returns the
  /// results in chunk order.
  public static func map<T: Sendable>(
    count: Int, chunks: Int = defaultChunks, _ body: @Sendable (Range<Int>) -> T
  ) -> [T] {
    let k = max(1, min(chunks, count))
    if k == 1 { return [body(0..<count)] }
    let box = ResultBox<T>(count: k)
    DispatchQueue.concurrentPerform(iterations: k) { c in
      box.set(c, body(range(c, of: k, count: count)))
    }
    return box.values()
  }
}

/// Results written by distinct workers into distinct slots.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ v: T) {
    lock.lock()
    slots[i] = v
    lock.unlock()
  }
  func values() -> [T] { slots.compactMap { $0 } }
}
