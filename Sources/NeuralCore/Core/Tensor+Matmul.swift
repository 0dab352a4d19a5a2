import Kernels

extension Tensor {
  /// Matrix product `op(a) · op(b)` of two 2-D tensors on the dispatched GEMM kernel.
  ///
  /// - Parameters:
  ///   - a: `(m, k)`, or `(k, m)` when `transA`.
  ///   - b: `(k, n)`, or `(n, k)` when `transB`.
  ///   - transA: multiply by `aᵀ`.
  ///   - transB: multiply by `bᵀ`.
  /// - Returns: the `(m, n)` product.
  /// - Complexity: O(m·n·k).
  public static func matmul(
    _ a: Tensor, _ b: Tensor, transA: Bool = false, transB: Bool = false
  ) -> Tensor {
    var c = Tensor.empty
    matmul(a, b, transA: transA, transB: transB, into: &c)
    return c
  }

  /// Computes `c = alpha · op(a) · op(b) + beta · c`, resizing `c` to `(m, n)` when needed
  /// (a resized `c` is zero-filled first, so `beta` then has no effect).
  ///
  /// - Parameters:
  ///   - threads: GEMM worker count; `nil` lets the kernel choose by problem size.
  /// - Precondition: the inner dimensions agree.
  public static func matmul(
    _ a: Tensor, _ b: Tensor, transA: Bool = false, transB: Bool = false,
    alpha: Float = 1, beta: Float = 0, into c: inout Tensor, threads: Int? = nil
  ) {
    let m = transA ? a.columns : a.rows
    let k = transA ? a.rows : a.columns
    let kb = transB ? b.columns : b.rows
    let n = transB ? b.rows : b.columns
    precondition(k == kb, "matmul: inner dimensions differ: \(a.shape) x \(b.shape)")
    c.resize(to: [m, n])
    a.data.withUnsafeBufferPointer { pa in
      b.data.withUnsafeBufferPointer { pb in
        c.data.withUnsafeMutableBufferPointer { pc in
          matmulRaw(
            transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
            a: pa.baseAddress, lda: a.columns, b: pb.baseAddress, ldb: b.columns, beta: beta,
            c: pc.baseAddress, ldc: n, threads: threads)
        }
      }
    }
  }
}

/// GEMM on optional base pointers (empty arrays have none); handles the degenerate sizes.
@inline(__always)
func matmulRaw(
  transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
  a: UnsafePointer<Float>?, lda: Int, b: UnsafePointer<Float>?, ldb: Int, beta: Float,
  c: UnsafeMutablePointer<Float>?, ldc: Int, threads: Int?
) {
  guard m > 0, n > 0, let c else { return }
  guard k > 0, let a, let b else {
    // op(A)·op(B) is zero: C = beta · C.
    for i in 0..<m {
      let row = c + i * ldc
      for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
    }
    return
  }
  GEMM.sgemm(
    transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: max(lda, 1),
    b: b, ldb: max(ldb, 1), beta: beta, c: c, ldc: ldc, threads: threads)
}
