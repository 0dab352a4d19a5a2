// Packing of op(A) and op(B) blocks into the panel layout of the 8x32 micro-kernel.

extension AVX512GEMM {
  /// Packs a (kc, nc) block of op(B) into NR-wide panels, panel after panel, each stored
  /// p-major (`dst[panel * kc * nr + p * nr + j]`), zero-padding the last panel to NR columns.
  /// `b` points at op(B)[0][0] of the block.
  static func packB(
    transB: Bool, b: UnsafePointer<Float>, ldb: Int, kc: Int, nc: Int,
    into dst: UnsafeMutablePointer<Float>
  ) {
    var jr = 0
    var d = dst
    while jr < nc {
      let width = min(nr, nc - jr)
      if !transB && width == nr {
        let out = UnsafeMutableRawPointer(d)
        for p in 0..<kc {
          let src = UnsafeRawPointer(b + p * ldb + jr)
          out.storeBytes(
            of: src.loadUnaligned(as: Vector.self), toByteOffset: p * 128,
            as: Vector.self)
          out.storeBytes(
            of: src.loadUnaligned(fromByteOffset: 64, as: Vector.self), toByteOffset: p * 128 + 64,
            as: Vector.self)
        }
      } else if !transB {
        for p in 0..<kc {
          for j in 0..<nr { d[p * nr + j] = j < width ? b[p * ldb + jr + j] : 0 }
        }
      } else {
        packTransposedPanel(b + jr * ldb, ldb: ldb, kc: kc, width: width, into: d)
      }
      d += kc * nr
      jr += nr
    }
  }

  /// Packs an (mc, kc) block of op(A) into MR-row panels, panel after panel, each stored
  /// p-major (`dst[panel * kc * mr + p * mr + r]`), zero-padding the last panel to MR rows.
  /// `a` points at op(A)[0][0] of the block.
  static func packA(
    transA: Bool, a: UnsafePointer<Float>, lda: Int, mc: Int, kc: Int,
    into dst: UnsafeMutablePointer<Float>
  ) {
    var ir = 0
    var d = dst
    while ir < mc {
      let height = min(mr, mc - ir)
      if transA {
        // op(A)[i][p] = a[p * lda + i]: the panel's rows are contiguous in each stored row.
        for p in 0..<kc {
          let src = a + p * lda + ir
          for r in 0..<mr { d[p * mr + r] = r < height ? src[r] : 0 }
        }
      } else {
        for r in 0..<mr {
          if r < height {
            let src = a + (ir + r) * lda
            for p in 0..<kc { d[p * mr + r] = src[p] }
          } else {
            for p in 0..<kc { d[p * mr + r] = 0 }
          }
        }
      }
      d += kc * mr
      ir += mr
    }
  }

  /// Packs one panel of op(B) = Bᵀ: column j of the panel is row j of the stored B.
  static func packTransposedPanel(
    _ b: UnsafePointer<Float>, ldb: Int, kc: Int, width: Int, into d: UnsafeMutablePointer<Float>
  ) {
    for j in 0..<nr {
      if j < width {
        let src = b + j * ldb
        for p in 0..<kc { d[p * nr + j] = src[p] }
      } else {
        for p in 0..<kc { d[p * nr + j] = 0 }
      }
    }
  }
}
