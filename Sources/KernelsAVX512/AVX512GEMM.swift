// GEMM compiled for x86-64-v4 (AVX-512 F/BW/DQ/VL): see Package.swift for the -march.
// Design after BLIS (Van Zee & van de Geijn, "BLIS: A Framework for Rapidly Instantiating BLAS
// Functionality", ACM TOMS 2015): op(B) is packed into NR-wide column panels of KC rows that
// stay in L1 while a 8x32 register tile of C sweeps down the rows of op(A).

/// AVX-512 single-precision GEMM with 8x32 register tiles (16 zmm accumulators).
///
/// Entry points are non-generic so that the code is compiled here, with this target's
/// `-march=x86-64-v4`, and never re-specialised in a module built for the baseline.
public enum AVX512GEMM {
  /// Rows of C held in registers by one micro-kernel call.
  public static let mr = 8
  /// Columns of C held in registers by one micro-kernel call (2 16-lane vectors).
  public static let nr = 32
  /// Rows of op(B) per packed panel (the panel, KC x NR floats, stays in L1).
  static let kcBlock = 256
  /// Rows of op(A) per block (the A block, MC x KC floats, stays in L2).
  static let mcBlock = 96
  /// Columns of op(B) packed at once (KC x NC floats, in L2/L3).
  static let ncBlock = 1024

  /// Computes `C = alpha · op(A) · op(B) + beta · C` on the calling thread.
  ///
  /// `op(A)` is (m, k) and `op(B)` is (k, n); with `transA` A is stored (k, m), with `transB`
  /// B is stored (n, k). All matrices are row-major with the given row strides. `beta == 0`
  /// overwrites C without reading it (NaN in C is ignored). The caller has checked the
  /// arguments and handled `m == 0`, `n == 0`, `k == 0` and `alpha == 0`.
  public static func sgemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    let rsA = transA ? 1 : lda
    let csA = transA ? lda : 1
    let kcMax = min(k, kcBlock)
    let panels = (min(n, ncBlock) + nr - 1) / nr
    let count = panels * nr * kcMax + mr * kcMax + mr * nr
    let raw = UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)
    defer { raw.deallocate() }
    let packedB = raw.bindMemory(to: Float.self, capacity: count)
    let edgeA = packedB + panels * nr * kcMax
    let edgeC = edgeA + mr * kcMax
    var jc = 0
    while jc < n {
      let nc = min(ncBlock, n - jc)
      var pc = 0
      while pc < k {
        let kc = min(kcBlock, k - pc)
        let bBlock = transB ? b + jc * ldb + pc : b + pc * ldb + jc
        packB(transB: transB, b: bBlock, ldb: ldb, kc: kc, nc: nc, into: packedB)
        let blockBeta: Float = pc == 0 ? beta : 1
        var ic = 0
        while ic < m {
          let mc = min(mcBlock, m - ic)
          macroKernel(
            mc: mc, nc: nc, kc: kc, a: a + ic * rsA + pc * csA, rsA: rsA, csA: csA,
            packedB: packedB, c: c + ic * ldc + jc, ldc: ldc, alpha: alpha, beta: blockBeta,
            edgeA: edgeA, edgeC: edgeC)
          ic += mc
        }
        pc += kc
      }
      jc += nc
    }
  }

  /// Runs the register tile over an (mc, nc) block of C for one KC slice.
  static func macroKernel(
    mc: Int, nc: Int, kc: Int, a: UnsafePointer<Float>, rsA: Int, csA: Int,
    packedB: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int,
    alpha: Float, beta: Float, edgeA: UnsafeMutablePointer<Float>,
    edgeC: UnsafeMutablePointer<Float>
  ) {
    let fullRows = mc - mc % mr
    let edgeRows = mc - fullRows
    if edgeRows > 0 {
      // Copy the last, partial row tile into a zero-padded packed tile (element (r, p) at
      // edgeA[p * mr + r]) so the micro-kernel never reads past op(A).
      for p in 0..<kc {
        for r in 0..<mr {
          edgeA[p * mr + r] = r < edgeRows ? a[(fullRows + r) * rsA + p * csA] : 0
        }
      }
    }
    var jr = 0
    while jr < nc {
      let width = min(nr, nc - jr)
      let panel = packedB + jr * kc
      var ir = 0
      while ir < fullRows {
        if width == nr {
          tile(
            kc: kc, a: a + ir * rsA, rsA: rsA, csA: csA, b: panel, c: c + ir * ldc + jr,
            ldc: ldc, alpha: alpha, beta: beta)
        } else {
          tile(
            kc: kc, a: a + ir * rsA, rsA: rsA, csA: csA, b: panel, c: edgeC, ldc: nr,
            alpha: alpha, beta: 0)
          merge(edgeC, rows: mr, columns: width, into: c + ir * ldc + jr, ldc: ldc, beta: beta)
        }
        ir += mr
      }
      if edgeRows > 0 {
        tile(
          kc: kc, a: edgeA, rsA: 1, csA: mr, b: panel, c: edgeC, ldc: nr, alpha: alpha,
          beta: 0)
        merge(
          edgeC, rows: edgeRows, columns: width, into: c + fullRows * ldc + jr, ldc: ldc,
          beta: beta)
      }
      jr += nr
    }
  }

  /// Adds a scratch tile (row stride `nr`, already scaled by alpha) into C: `C = T + beta·C`.
  static func merge(
    _ t: UnsafePointer<Float>, rows: Int, columns: Int, into c: UnsafeMutablePointer<Float>,
    ldc: Int, beta: Float
  ) {
    for r in 0..<rows {
      for j in 0..<columns {
        let old = beta == 0 ? 0 : beta * c[r * ldc + j]
        c[r * ldc + j] = t[r * nr + j] + old
      }
    }
  }
}
