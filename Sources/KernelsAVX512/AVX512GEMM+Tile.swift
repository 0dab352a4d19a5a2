// The 8x32 AVX-512 micro-kernel and the B packing routine.

extension AVX512GEMM {
  typealias Vector = SIMD16<Float>

  /// `C[0..<8, 0..<32] = alpha · A·B + beta · C` for one KC slice, where A element (r, p) is
  /// at `a[r * rsA + p * csA]` and B is one packed panel (32 floats per p).
  @inline(__always)
  static func tile(
    kc: Int, a: UnsafePointer<Float>, rsA: Int, csA: Int, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
    var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
    var c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
    var c60 = Vector(), c61 = Vector(), c70 = Vector(), c71 = Vector()
    let r1 = rsA, r2 = 2 * rsA, r3 = 3 * rsA, r4 = 4 * rsA, r5 = 5 * rsA, r6 = 6 * rsA, r7 = 7 * rsA
    var ap = a
    var bp = UnsafeRawPointer(b)
    for _ in 0..<kc {
      let b0 = bp.loadUnaligned(as: Vector.self)
      let b1 = bp.loadUnaligned(fromByteOffset: 64, as: Vector.self)
      var x = Vector(repeating: ap[0])
      c00.addProduct(x, b0)
      c01.addProduct(x, b1)
      x = Vector(repeating: ap[r1])
      c10.addProduct(x, b0)
      c11.addProduct(x, b1)
      x = Vector(repeating: ap[r2])
      c20.addProduct(x, b0)
      c21.addProduct(x, b1)
      x = Vector(repeating: ap[r3])
      c30.addProduct(x, b0)
      c31.addProduct(x, b1)
      x = Vector(repeating: ap[r4])
      c40.addProduct(x, b0)
      c41.addProduct(x, b1)
      x = Vector(repeating: ap[r5])
      c50.addProduct(x, b0)
      c51.addProduct(x, b1)
      x = Vector(repeating: ap[r6])
      c60.addProduct(x, b0)
      c61.addProduct(x, b1)
      x = Vector(repeating: ap[r7])
      c70.addProduct(x, b0)
      c71.addProduct(x, b1)
      ap += csA
      bp += 128
    }
    let out = UnsafeMutableRawPointer(c)
    let row = ldc * 4
    store(c00, c01, out, alpha: alpha, beta: beta)
    store(c10, c11, out + row, alpha: alpha, beta: beta)
    store(c20, c21, out + 2 * row, alpha: alpha, beta: beta)
    store(c30, c31, out + 3 * row, alpha: alpha, beta: beta)
    store(c40, c41, out + 4 * row, alpha: alpha, beta: beta)
    store(c50, c51, out + 5 * row, alpha: alpha, beta: beta)
    store(c60, c61, out + 6 * row, alpha: alpha, beta: beta)
    store(c70, c71, out + 7 * row, alpha: alpha, beta: beta)
  }

  /// Writes one 32-float row of the tile: `C = alpha · acc + beta · C` (C unread if beta == 0).
  @inline(__always)
  static func store(
    _ v0: Vector, _ v1: Vector, _ p: UnsafeMutableRawPointer, alpha: Float,
    beta: Float
  ) {
    if beta == 0 {
      p.storeBytes(of: v0 * alpha, as: Vector.self)
      p.storeBytes(of: v1 * alpha, toByteOffset: 64, as: Vector.self)
    } else {
      let o0 = p.loadUnaligned(as: Vector.self)
      let o1 = p.loadUnaligned(fromByteOffset: 64, as: Vector.self)
      p.storeBytes(of: (v0 * alpha).addingProduct(o0, beta), as: Vector.self)
      p.storeBytes(of: (v1 * alpha).addingProduct(o1, beta), toByteOffset: 64, as: Vector.self)
    }
  }

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
