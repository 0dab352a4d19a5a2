// Micro-kernel compiled for the AVX512 instruction-set level (see Package.swift).
// Placeholder reference loop; replaced by the tuned SIMD kernel.

/// Computes C[0..<m, 0..<n] += A[0..<m, 0..<k] · B[0..<k, 0..<n] on row-major buffers.
/// - Parameters: lda/ldb/ldc are row strides in elements.
public func gemmAccumulateAVX512(
  m: Int, n: Int, k: Int,
  a: UnsafePointer<Float>, lda: Int,
  b: UnsafePointer<Float>, ldb: Int,
  c: UnsafeMutablePointer<Float>, ldc: Int
) {
  for i in 0..<m {
    for p in 0..<k {
      let aip = a[i * lda + p]
      for j in 0..<n { c[i * ldc + j] += aip * b[p * ldb + j] }
    }
  }
}
