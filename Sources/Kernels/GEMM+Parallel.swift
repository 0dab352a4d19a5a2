import Dispatch
import Foundation
import KernelsAVX2
import KernelsAVX512
import KernelsGeneric

/// Facts about the machine's cores used to size parallel work.
public enum Parallelism {
  /// Workers for GEMMs with `threads: nil` that are large enough to split: the active
  /// processor count, capped by the environment variable `TRACTION_THREADS` when it holds a
  /// positive integer (read once; the same cap as NeuralCore's `Parallel.coreCount`).
  public static let coreCount: Int = {
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    if let text = ProcessInfo.processInfo.environment["TRACTION_THREADS"], let limit = Int(text),
      limit > 0
    {
      return min(cores, limit)
    }
    return cores
  }()
}

extension GEMM {
  /// One validated GEMM call, passed to workers. The pointers are only read, except `c`,
  /// of which every worker writes a disjoint block; hence `@unchecked Sendable`.
  struct Problem: @unchecked Sendable {
    var transA: Bool
    var transB: Bool
    var m: Int
    var n: Int
    var k: Int
    var alpha: Float
    var a: UnsafePointer<Float>
    var lda: Int
    var b: UnsafePointer<Float>
    var ldb: Int
    var beta: Float
    var c: UnsafeMutablePointer<Float>
    var ldc: Int

    /// Runs the whole problem on the calling thread with the kernels of `level`.
    func run(_ level: InstructionSet) {
      switch level {
      case .avx512:
        AVX512GEMM.sgemm(
          transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b,
          ldb: ldb, beta: beta, c: c, ldc: ldc)
      case .avx2:
        AVX2GEMM.sgemm(
          transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b,
          ldb: ldb, beta: beta, c: c, ldc: ldc)
      case .generic:
        GenericGEMM.sgemm(
          transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b,
          ldb: ldb, beta: beta, c: c, ldc: ldc)
      }
    }

    /// The sub-problem computing rows `rows` of C.
    func rows(_ rows: Range<Int>) -> Problem {
      var part = self
      part.m = rows.count
      part.a = transA ? a + rows.lowerBound : a + rows.lowerBound * lda
      part.c = c + rows.lowerBound * ldc
      return part
    }

    /// The sub-problem computing columns `columns` of C.
    func columns(_ columns: Range<Int>) -> Problem {
      var part = self
      part.n = columns.count
      part.b = transB ? b + columns.lowerBound * ldb : b + columns.lowerBound
      part.c = c + columns.lowerBound
      return part
    }

    /// Splits C into `workers` blocks of whole register tiles and runs them concurrently.
    ///
    /// Column blocks are preferred (each worker packs only its own columns of B); row blocks
    /// are used when they balance the work better, e.g. for narrow C.
    func runParallel(_ level: InstructionSet, workers: Int) {
      let (mr, nr) = level.tile
      let columnUnits = (n + nr - 1) / nr
      let rowUnits = (m + mr - 1) / mr
      let byColumns =
        GEMM.balance(units: columnUnits, workers: workers)
        >= GEMM.balance(units: rowUnits, workers: workers)
      let units = byColumns ? columnUnits : rowUnits
      let parts = min(workers, units)
      if parts <= 1 {
        run(level)
        return
      }
      let unitSize = byColumns ? nr : mr
      let extent = byColumns ? n : m
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        let lower = min(extent, units * part / parts * unitSize)
        let upper = min(extent, units * (part + 1) / parts * unitSize)
        if lower >= upper { return }
        let block = byColumns ? columns(lower..<upper) : rows(lower..<upper)
        block.run(level)
      }
    }
  }

  /// Fraction of ideal speed-up when `units` equal pieces are dealt to `workers` (1 = even).
  static func balance(units: Int, workers: Int) -> Double {
    if units <= 0 { return 0 }
    let busiest = (units + workers - 1) / workers
    return Double(units) / Double(workers * busiest)
  }
}
