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
  #if TRACTION_AVX512_EMULATED
    /// False: this build was made for a lower level (`TRACTION_AVX512_MARCH`, see
    /// Package.swift) so that the 8x32 tiling can be tested on a CPU without AVX-512.
    public static let needsAVX512 = false
  #else
    /// True: this code is compiled for x86-64-v4 and runs only on CPUs with AVX-512.
    public static let needsAVX512 = true
  #endif

  /// Largest depth (rows of op(B)) per packed panel; the panel, KC x NR floats, stays in L1.
  static let kcMax = 192
  /// Rows of op(A) packed at once (MC x KC floats, in L2).
  static let mcBlock = 120
  /// Columns of op(B) packed at once (KC x NC floats, in L2/L3).
  static let ncBlock = 4096

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
    // Equal depth blocks no deeper than kcMax (a short last block would waste C traffic).
    let depthBlocks = (k + kcMax - 1) / kcMax
    let kcBlock = (k + depthBlocks - 1) / depthBlocks
    let packAll = shouldPackA(transA: transA, m: m, n: n, lda: lda)
    let bPanels = (min(n, ncBlock) + nr - 1) / nr
    let aPanels = packAll ? (min(m, mcBlock) + mr - 1) / mr : 1
    let bCount = bPanels * nr * kcBlock
    let aCount = aPanels * mr * kcBlock
    let count = bCount + aCount + mr * nr
    let raw = UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)
    defer { raw.deallocate() }
    let packedB = raw.bindMemory(to: Float.self, capacity: count)
    let packedA = packedB + bCount
    let edgeC = packedA + aCount
    var jc = 0
    while jc < n {
      let nc = min(ncBlock, n - jc)
      var pc = 0
      while pc < k {
        let kc = min(kcBlock, k - pc)
        let bBlock = transB ? b + jc * ldb + pc : b + pc * ldb + jc
        // With A packed and B not transposed, the first row tile of each panel packs B as it
        // computes (one pass over B less; measured +5% on (64,256,512)) unless B's rows are a
        // page or more apart, where the row-by-row pre-pass is faster (-4% at 1024^3).
        // Only a partial last panel is then packed beforehand.
        let fuseB = packAll && !transB && ldb < 1024
        if fuseB {
          let full = nc - nc % nr
          if full < nc {
            packB(
              transB: false, b: bBlock + full, ldb: ldb, kc: kc, nc: nc - full,
              into: packedB + full * kc)
          }
        } else {
          packB(transB: transB, b: bBlock, ldb: ldb, kc: kc, nc: nc, into: packedB)
        }
        let blockBeta: Float = pc == 0 ? beta : 1
        var ic = 0
        while ic < m {
          let mc = min(mcBlock, m - ic)
          let aBlock = transA ? a + pc * lda + ic : a + ic * lda + pc
          if packAll {
            packA(transA: transA, a: aBlock, lda: lda, mc: mc, kc: kc, into: packedA)
          }
          macroKernel(
            mc: mc, nc: nc, kc: kc, a: packAll ? UnsafePointer(packedA) : aBlock,
            lda: packAll ? 0 : lda, packedB: packedB, bSource: fuseB && ic == 0 ? bBlock : nil,
            ldb: ldb, c: c + ic * ldc + jc, ldc: ldc, alpha: alpha, beta: blockBeta,
            edgeA: packedA, edgeC: edgeC)
          ic += mc
        }
        pc += kc
      }
      jc += nc
    }
  }

  /// Whether to pack all of op(A). Packing costs one pass over A per KC slice and pays off
  /// when each panel is reused by many B panels, when A must be transposed, or when A's rows
  /// are a multiple of 4 KiB apart (they then compete for the same L1 sets). Otherwise the
  /// micro-kernel reads A in place and only a partial last row tile is packed.
  static func shouldPackA(transA: Bool, m: Int, n: Int, lda: Int) -> Bool {
    return transA || n >= 32 * nr || lda % 1024 == 0
  }

  /// Runs the register tile over an (mc, nc) block of C for one KC slice of packed B panels.
  /// With `lda == 0`, `a` holds packed A panels; otherwise `a` is op(A) in place (row-major,
  /// row stride `lda`) and a partial last row tile is packed into `edgeA`. With a `bSource`
  /// (op(B) in place, row stride `ldb`; only with packed A), the full-width panels are not
  /// packed yet and the first row tile of each packs it.
  static func macroKernel(
    mc: Int, nc: Int, kc: Int, a: UnsafePointer<Float>, lda: Int,
    packedB: UnsafeMutablePointer<Float>, bSource: UnsafePointer<Float>?, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, beta: Float,
    edgeA: UnsafeMutablePointer<Float>, edgeC: UnsafeMutablePointer<Float>
  ) {
    let inPlace = lda != 0
    let fullRows = inPlace ? mc - mc % mr : mc
    if inPlace && fullRows < mc {
      packA(transA: false, a: a + fullRows * lda, lda: lda, mc: mc - fullRows, kc: kc, into: edgeA)
    }
    var jr = 0
    while jr < nc {
      let width = min(nr, nc - jr)
      let panel = packedB + jr * kc
      var ir = 0
      while ir < mc {
        let height = min(mr, mc - ir)
        let target = width == nr && height == mr ? c + ir * ldc + jr : edgeC
        let targetLDC = width == nr && height == mr ? ldc : nr
        let targetBeta = width == nr && height == mr ? beta : 0
        if let bSource, ir == 0, width == nr {
          tilePackingB(
            kc: kc, a: a, source: bSource + jr, ldb: ldb, b: panel, c: target, ldc: targetLDC,
            alpha: alpha, beta: targetBeta)
        } else if ir < fullRows && inPlace {
          tileRows(
            kc: kc, a: a + ir * lda, lda: lda, b: panel, c: target, ldc: targetLDC,
            alpha: alpha, beta: targetBeta)
        } else {
          tile(
            kc: kc, a: inPlace ? UnsafePointer(edgeA) : a + ir * kc, b: panel, c: target,
            ldc: targetLDC,
            alpha: alpha, beta: targetBeta)
        }
        if target == edgeC {
          merge(
            edgeC, rows: height, columns: width, into: c + ir * ldc + jr, ldc: ldc, beta: beta)
        }
        ir += mr
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
