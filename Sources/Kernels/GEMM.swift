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

  /// Whether this CPU can execute code built for `self`.
  public var isSupported: Bool {
    switch self {
    case .avx512: return InstructionSet.detected == .avx512
    case .avx2: return InstructionSet.detected != .generic
    case .generic: return true
    }
  }
}

/// Single-precision general matrix multiply on row-major buffers:
/// `C = alpha · op(A) · op(B) + beta · C`, where `op(X)` is `X` or `Xᵀ`.
public enum GEMM {
  /// Computes `C = alpha · op(A) · op(B) + beta · C`.
  ///
  /// - Parameters:
  ///   - transA: use `Aᵀ`; `A` is then stored (k, m) with row stride `lda`.
  ///   - transB: use `Bᵀ`; `B` is then stored (n, k) with row stride `ldb`.
  ///   - m, n, k: `op(A)` is (m, k), `op(B)` is (k, n), `C` is (m, n).
  ///   - isa: force an instruction-set level (tests); `nil` uses ``InstructionSet/detected``.
  ///   - threads: worker count; `nil` lets the kernel decide by problem size.
  /// - Precondition: `isa` is supported by this CPU.
  public static func sgemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
    c: UnsafeMutablePointer<Float>, ldc: Int, isa: InstructionSet? = nil, threads: Int? = nil
  ) {
    // Reference implementation; the tuned packed/threaded version replaces this body.
    for i in 0..<m {
      for j in 0..<n {
        var s: Float = 0
        for p in 0..<k {
          let av = transA ? a[p * lda + i] : a[i * lda + p]
          let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
          s += av * bv
        }
        c[i * ldc + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * ldc + j])
      }
    }
  }
}
