// The 8x32 AVX-512 micro-kernels.

import CCPUFeatures

extension AVX512GEMM {
  typealias Vector = SIMD16<Float>

  /// `C[0..<8, 0..<32] = alpha · A·B + beta · C` for one KC slice of packed panels: A
  /// element (r, p) at `a[p * 8 + r]`, B element (p, j) at `b[p * 32 + j]`.
  // Not inlined: inside the caller, hoisted alpha/beta splats compete with the accumulators
  // for vector registers and the loop spills.
  @inline(never)
  static func tile(
    kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
    var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
    var c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
    var c60 = Vector(), c61 = Vector(), c70 = Vector(), c71 = Vector()
    // Start fetching the C tile now; it is needed only after the k loop.
    for r in 0..<8 {
      traction_prefetch_write(c + r * ldc)
      traction_prefetch_write(c + r * ldc + 31)
    }
    var ap = a
    var bp = UnsafeRawPointer(b)
    for _ in 0..<kc {
      let b0 = bp.loadUnaligned(as: Vector.self)
      let b1 = bp.loadUnaligned(fromByteOffset: 64, as: Vector.self)
      var x = Vector(repeating: ap[0])
      c00.addProduct(x, b0)
      c01.addProduct(x, b1)
      x = Vector(repeating: ap[1])
      c10.addProduct(x, b0)
      c11.addProduct(x, b1)
      x = Vector(repeating: ap[2])
      c20.addProduct(x, b0)
      c21.addProduct(x, b1)
      x = Vector(repeating: ap[3])
      c30.addProduct(x, b0)
      c31.addProduct(x, b1)
      x = Vector(repeating: ap[4])
      c40.addProduct(x, b0)
      c41.addProduct(x, b1)
      x = Vector(repeating: ap[5])
      c50.addProduct(x, b0)
      c51.addProduct(x, b1)
      x = Vector(repeating: ap[6])
      c60.addProduct(x, b0)
      c61.addProduct(x, b1)
      x = Vector(repeating: ap[7])
      c70.addProduct(x, b0)
      c71.addProduct(x, b1)
      ap += 8
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

  /// Same as `tile`, reading A in place: element (r, p) at `a[r * lda + p]` (row-major).
  @inline(never)
  static func tileRows(
    kc: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
    var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
    var c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
    var c60 = Vector(), c61 = Vector(), c70 = Vector(), c71 = Vector()
    let r1 = lda, r2 = 2 * lda, r3 = 3 * lda, r4 = 4 * lda, r5 = 5 * lda, r6 = 6 * lda, r7 = 7 * lda
    // Start fetching the C tile now; it is needed only after the k loop.
    for r in 0..<8 {
      traction_prefetch_write(c + r * ldc)
      traction_prefetch_write(c + r * ldc + 31)
    }
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
      ap += 1
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

  /// Same as `tile`, but reads B in place (row p at `source + p * ldb`) and writes the packed
  /// panel to `b` on the way: the first row tile packs B for the others, saving a pass.
  @inline(never)
  static func tilePackingB(
    kc: Int, a: UnsafePointer<Float>, source: UnsafePointer<Float>, ldb: Int,
    b: UnsafeMutablePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
    var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
    var c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
    var c60 = Vector(), c61 = Vector(), c70 = Vector(), c71 = Vector()
    // Start fetching the C tile now; it is needed only after the k loop.
    for r in 0..<8 {
      traction_prefetch_write(c + r * ldc)
      traction_prefetch_write(c + r * ldc + 31)
    }
    var ap = a
    var sp = UnsafeRawPointer(source)
    var bp = UnsafeMutableRawPointer(b)
    for _ in 0..<kc {
      let b0 = sp.loadUnaligned(as: Vector.self)
      let b1 = sp.loadUnaligned(fromByteOffset: 64, as: Vector.self)
      bp.storeBytes(of: b0, as: Vector.self)
      bp.storeBytes(of: b1, toByteOffset: 64, as: Vector.self)
      var x = Vector(repeating: ap[0])
      c00.addProduct(x, b0)
      c01.addProduct(x, b1)
      x = Vector(repeating: ap[1])
      c10.addProduct(x, b0)
      c11.addProduct(x, b1)
      x = Vector(repeating: ap[2])
      c20.addProduct(x, b0)
      c21.addProduct(x, b1)
      x = Vector(repeating: ap[3])
      c30.addProduct(x, b0)
      c31.addProduct(x, b1)
      x = Vector(repeating: ap[4])
      c40.addProduct(x, b0)
      c41.addProduct(x, b1)
      x = Vector(repeating: ap[5])
      c50.addProduct(x, b0)
      c51.addProduct(x, b1)
      x = Vector(repeating: ap[6])
      c60.addProduct(x, b0)
      c61.addProduct(x, b1)
      x = Vector(repeating: ap[7])
      c70.addProduct(x, b0)
      c71.addProduct(x, b1)
      ap += 8
      bp += 128
      sp += ldb * 4
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
}
