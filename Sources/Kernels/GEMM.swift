import CCPUFeatures
import KernelsAVX2
import KernelsAVX512
import KernelsGeneric

/// The instruction-set level a kernel is compiled for.
public enum InstructionSet: String, Sendable, CaseIterable, Codable {
  /// AVX-512 F/BW/DQ/VL (x86-64-v4).
  case avx512
  /// AVX2 + FMA (x86-64-v3).
  case avx2
  /// Portable baseline (SSE2 on x86-64), no fused multiply-add.
  case generic

  /// The best level this CPU supports, detected once at run time.
  public static let detected: InstructionSet = {
    if traction_cpu_supports_avx512() != 0 { return .avx512 }
    if traction_cpu_supports_avx2() != 0 { return .avx2 }
    return .generic
  }()

  /// Whether this CPU can execute code built for `self`. (With `TRACTION_AVX512_MARCH` set
  /// at build time, the `.avx512` kernels are built for AVX2 and run on AVX2 CPUs too.)
  public var isSupported: Bool {
    switch self {
    case .avx512:
      return InstructionSet.detected == .avx512
        || (!AVX512GEMM.needsAVX512 && InstructionSet.detected == .avx2)
    case .avx2: return InstructionSet.detected != .generic
    case .generic: return true
    }
  }

  /// Rows and columns of C in one register tile of this level's micro-kernel.
  public var tile: (rows: Int, columns: Int) {
    switch self {
    case .avx512: return (AVX512GEMM.mr, AVX512GEMM.nr)
    case .avx2: return (AVX2GEMM.mr, AVX2GEMM.nr)
    case .generic: return (GenericGEMM.mr, GenericGEMM.nr)
    }
  }
}

/// Single-precision general matrix multiply on row-major buffers:
/// `C = alpha · op(A) · op(B) + beta · C`, where `op(X)` is `X` or `Xᵀ`.
///
/// Cache-blocked with packed B panels and register-tiled micro-kernels compiled once per
/// instruction-set level (8x32 AVX-512, 6x16 AVX2, 4x8 baseline), chosen at run time.
///
/// ```swift
/// GEMM.sgemm(transA: false, transB: false, m: 2, n: 2, k: 3,
///            a: a, lda: 3, b: b, ldb: 2, c: c, ldc: 2)
/// ```
public enum GEMM {
  /// The smallest product (m·n·k multiply-adds) that uses every core when `threads` is `nil`.
  ///
  /// Waking a parked Dispatch worker took a median 7-8 µs (p90 11-16 µs) here, against
  /// 0.2 µs back to back, so a split pays once one thread would need about 30 µs: that is
  /// 30 µs at the level's typical single-core rate (200, 90 and 40 GFLOP/s for AVX-512, AVX2
  /// and the baseline), i.e. about 3.0 M, 1.35 M and 0.6 M multiply-adds.
  public static func parallelThreshold(isa: InstructionSet) -> Int {
    let gflops: Double
    switch isa {
    case .avx512: gflops = 200
    case .avx2: gflops = 90
    case .generic: gflops = 40
    }
    return Int(30e-6 * gflops * 1e9 / 2)
  }

  /// Computes `C = alpha · op(A) · op(B) + beta · C`.
  ///
  /// - Parameters:
  ///   - transA: use `Aᵀ`; `A` is then stored (k, m) with row stride `lda`.
  ///   - transB: use `Bᵀ`; `B` is then stored (n, k) with row stride `ldb`.
  ///   - m, n, k: `op(A)` is (m, k), `op(B)` is (k, n), `C` is (m, n).
  ///   - alpha, beta: scale factors. With `beta == 0` C is write-only (NaN in C is ignored);
  ///     with `alpha == 0` or `k == 0` A and B are not read.
  ///   - isa: force an instruction-set level (tests); `nil` uses ``InstructionSet/detected``.
  ///   - threads: worker count; `nil` uses every core when `m·n·k` reaches
  ///     ``parallelThreshold(isa:)``, `1` forces the calling thread only.
  /// - Precondition: `isa` is supported by this CPU; sizes are non-negative; row strides are
  ///   at least the stored row lengths.
  /// - Complexity: `2·m·n·k` floating-point operations.
  public static func sgemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
    c: UnsafeMutablePointer<Float>, ldc: Int, isa: InstructionSet? = nil, threads: Int? = nil
  ) {
    precondition(m >= 0 && n >= 0 && k >= 0, "sgemm: negative size m=\(m) n=\(n) k=\(k)")
    precondition(lda >= max(1, transA ? m : k), "sgemm: lda=\(lda) too small")
    precondition(ldb >= max(1, transB ? k : n), "sgemm: ldb=\(ldb) too small")
    precondition(ldc >= max(1, n), "sgemm: ldc=\(ldc) too small for n=\(n)")
    let level = isa ?? InstructionSet.detected
    precondition(level.isSupported, "sgemm: \(level) is not supported by this CPU")
    if m == 0 || n == 0 { return }
    if k == 0 || alpha == 0 {
      scale(c, rows: m, columns: n, ldc: ldc, by: beta)
      return
    }
    let problem = Problem(
      transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b,
      ldb: ldb, beta: beta, c: c, ldc: ldc)
    let workers = workerCount(requested: threads, m: m, n: n, k: k, isa: level)
    if workers <= 1 {
      problem.run(level)
    } else {
      problem.runParallel(level, workers: workers)
    }
  }

  /// The number of workers for a product of this size.
  static func workerCount(requested: Int?, m: Int, n: Int, k: Int, isa: InstructionSet) -> Int {
    if let requested { return max(1, requested) }
    let (mn, overflow) = m.multipliedReportingOverflow(by: n)
    let large = overflow || mn >= (parallelThreshold(isa: isa) + k - 1) / k
    return large ? Parallelism.coreCount : 1
  }

  /// `C = beta · C`, writing zeros when `beta == 0` (so NaN in C is cleared).
  static func scale(
    _ c: UnsafeMutablePointer<Float>, rows: Int, columns: Int, ldc: Int, by beta: Float
  ) {
    if beta == 1 { return }
    for i in 0..<rows {
      let row = c + i * ldc
      if beta == 0 {
        row.update(repeating: 0, count: columns)
      } else {
        for j in 0..<columns { row[j] *= beta }
      }
    }
  }
}
