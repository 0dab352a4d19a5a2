// Packing of op(A) and op(B) blocks into the panel layout of the 8x32 micro-kernel.

extension AVX512GEMM {
  /// Packs a (kc, nc) block of op(B) into NR-wide panels, panel after panel, each stored
  /// p-major (`dst[panel * kc * nr + p * nr + j]`), zero-padding the last panel to NR columns.
  /// `b` points at op(B)[0][0] of the block.
  static func packB(
    transB: Bool, b: UnsafePointer<Float>, ldb: Int, kc: Int, nc: Int,
    into dst: UnsafeMutablePointer<Float>
  ) {
    let fullPanels = nc / nr
    let panelBytes = kc * nr * 4
    if !transB {
      // Row by row: each row of op(B) is read once, sequentially, and dealt out to the panels
      // (reading a panel at a time would touch one cache line per row and page).
      for p in 0..<kc {
        let src = UnsafeRawPointer(b + p * ldb)
        let out = UnsafeMutableRawPointer(dst + p * nr)
        for panel in 0..<fullPanels {
          let s = src + panel * nr * 4
          let o = out + panel * panelBytes
          o.storeBytes(of: s.loadUnaligned(as: Vector.self), as: Vector.self)
          o.storeBytes(
            of: s.loadUnaligned(fromByteOffset: 64, as: Vector.self), toByteOffset: 64,
            as: Vector.self)
        }
      }
    } else {
      for panel in 0..<fullPanels {
        packTransposedPanel(
          b + panel * nr * ldb, ldb: ldb, kc: kc, width: nr, into: dst + panel * kc * nr)
      }
    }
    let jr = fullPanels * nr
    if jr < nc {
      let width = nc - jr
      let d = dst + fullPanels * kc * nr
      if transB {
        packTransposedPanel(b + jr * ldb, ldb: ldb, kc: kc, width: width, into: d)
      } else {
        for p in 0..<kc {
          for j in 0..<nr { d[p * nr + j] = j < width ? b[p * ldb + jr + j] : 0 }
        }
      }
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
      if height < mr {
        // Partial last panel: element by element, zero-padded.
        for p in 0..<kc {
          for r in 0..<mr {
            d[p * mr + r] = r < height ? (transA ? a[p * lda + ir + r] : a[(ir + r) * lda + p]) : 0
          }
        }
      } else if transA {
        // op(A)[i][p] = a[p * lda + i]: each p copies MR contiguous floats.
        var src = a + ir
        for p in 0..<kc {
          for r in 0..<mr { d[p * mr + r] = src[r] }
          src += lda
        }
      } else {
        // MR row streams read in step, one contiguous MR-float group written per p.
        let row = a + ir * lda
        for p in 0..<kc {
          for r in 0..<mr { d[p * mr + r] = row[r * lda + p] }
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
