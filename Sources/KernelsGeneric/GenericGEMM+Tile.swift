// The 4x8 portable baseline micro-kernels.

import CCPUFeatures

// Pitfall: no addProduct here. Without -march there is no FMA instruction and a fused
// multiply-add becomes one fmaf() call per lane (150x slower); `c += a * b` stays unfused.

extension GenericGEMM {
  typealias Vector = SIMD4<Float>

  /// `C[0..<4, 0..<8] = alpha · A·B + beta · C` for one KC slice of packed panels: A
  /// element (r, p) at `a[p * 4 + r]`, B element (p, j) at `b[p * 8 + j]`.
  // Not inlined: inside the caller, hoisted alpha/beta splats compete with the accumulators
  // for vector registers and the loop spills.
  @inline(never)
  static func tile(
    kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
    var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
    // Start fetching the C tile now; it is needed only after the k loop.
    for r in 0..<4 {
      traction_prefetch_write(c + r * ldc)
      traction_prefetch_write(c + r * ldc + 7)
    }
    var ap = a
    var bp = UnsafeRawPointer(b)
    for _ in 0..<kc {
      let b0 = bp.loadUnaligned(as: Vector.self)
      let b1 = bp.loadUnaligned(fromByteOffset: 16, as: Vector.self)
      var x = Vector(repeating: ap[0])
      c00 += x * b0
      c01 += x * b1
      x = Vector(repeating: ap[1])
      c10 += x * b0
      c11 += x * b1
      x = Vector(repeating: ap[2])
      c20 += x * b0
      c21 += x * b1
      x = Vector(repeating: ap[3])
      c30 += x * b0
      c31 += x * b1
      ap += 4
      bp += 32
    }
    let out = UnsafeMutableRawPointer(c)
    let row = ldc * 4
    store(c00, c01, out, alpha: alpha, beta: beta)
    store(c10, c11, out + row, alpha: alpha, beta: beta)
    store(c20, c21, out + 2 * row, alpha: alpha, beta: beta)
    store(c30, c31, out + 3 * row, alpha: alpha, beta: beta)
  }

  /// Same as `tile`, reading A in place: element (r, p) at `a[r * lda + p]` (row-major).
  @inline(never)
  static func tileRows(
    kc: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float
  ) {
    var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
    var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
    let r1 = lda, r2 = 2 * lda, r3 = 3 * lda
    // Start fetching the C tile now; it is needed only after the k loop.
    for r in 0..<4 {
      traction_prefetch_write(c + r * ldc)
      traction_prefetch_write(c + r * ldc + 7)
    }
    var ap = a
    var bp = UnsafeRawPointer(b)
    for _ in 0..<kc {
      let b0 = bp.loadUnaligned(as: Vector.self)
      let b1 = bp.loadUnaligned(fromByteOffset: 16, as: Vector.self)
      var x = Vector(repeating: ap[0])
      c00 += x * b0
      c01 += x * b1
      x = Vector(repeating: ap[r1])
      c10 += x * b0
      c11 += x * b1
      x = Vector(repeating: ap[r2])
      c20 += x * b0
      c21 += x * b1
      x = Vector(repeating: ap[r3])
      c30 += x * b0
      c31 += x * b1
      ap += 1
      bp += 32
    }
    let out = UnsafeMutableRawPointer(c)
    let row = ldc * 4
    store(c00, c01, out, alpha: alpha, beta: beta)
    store(c10, c11, out + row, alpha: alpha, beta: beta)
    store(c20, c21, out + 2 * row, alpha: alpha, beta: beta)
    store(c30, c31, out + 3 * row, alpha: alpha, beta: beta)
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
    // Start fetching the C tile now; it is needed only after the k loop.
    for r in 0..<4 {
      traction_prefetch_write(c + r * ldc)
      traction_prefetch_write(c + r * ldc + 7)
    }
    var ap = a
    var sp = UnsafeRawPointer(source)
    var bp = UnsafeMutableRawPointer(b)
    for _ in 0..<kc {
      let b0 = sp.loadUnaligned(as: Vector.self)
      let b1 = sp.loadUnaligned(fromByteOffset: 16, as: Vector.self)
      bp.storeBytes(of: b0, as: Vector.self)
      bp.storeBytes(of: b1, toByteOffset: 16, as: Vector.self)
      var x = Vector(repeating: ap[0])
      c00 += x * b0
      c01 += x * b1
      x = Vector(repeating: ap[1])
      c10 += x * b0
      c11 += x * b1
      x = Vector(repeating: ap[2])
      c20 += x * b0
      c21 += x * b1
      x = Vector(repeating: ap[3])
      c30 += x * b0
      c31 += x * b1
      ap += 4
      bp += 32
      sp += ldb * 4
    }
    let out = UnsafeMutableRawPointer(c)
    let row = ldc * 4
    store(c00, c01, out, alpha: alpha, beta: beta)
    store(c10, c11, out + row, alpha: alpha, beta: beta)
    store(c20, c21, out + 2 * row, alpha: alpha, beta: beta)
    store(c30, c31, out + 3 * row, alpha: alpha, beta: beta)
  }

  /// Writes one 8-float row of the tile: `C = alpha · acc + beta · C` (C unread if beta == 0).
  @inline(__always)
  static func store(
    _ v0: Vector, _ v1: Vector, _ p: UnsafeMutableRawPointer, alpha: Float,
    beta: Float
  ) {
    if beta == 0 {
      p.storeBytes(of: v0 * alpha, as: Vector.self)
      p.storeBytes(of: v1 * alpha, toByteOffset: 16, as: Vector.self)
    } else {
      let o0 = p.loadUnaligned(as: Vector.self)
      let o1 = p.loadUnaligned(fromByteOffset: 16, as: Vector.self)
      p.storeBytes(of: v0 * alpha + o0 * beta, as: Vector.self)
      p.storeBytes(of: v1 * alpha + o1 * beta, toByteOffset: 16, as: Vector.self)
    }
  }
}
