import Kernels

/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): a tiny seeded generator for test data.
struct TestRandom {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [-1, 1).
  mutating func float() -> Float {
    Float(next() >> 40) / Float(1 << 23) - 1
  }

  mutating func floats(_ count: Int) -> [Float] {
    (0..<count).map { _ in float() }
  }
}

/// One GEMM test case: random operands stored with padded row strides.
struct GEMMCase: CustomStringConvertible {
  let m: Int, n: Int, k: Int
  let transA: Bool, transB: Bool
  let lda: Int, ldb: Int, ldc: Int
  let a: [Float], b: [Float], c0: [Float]
  /// op(A)·op(B), accumulated in Double.
  let product: [Double]

  init(m: Int, n: Int, k: Int, transA: Bool, transB: Bool, padding: Int, seed: UInt64) {
    self.m = m
    self.n = n
    self.k = k
    self.transA = transA
    self.transB = transB
    var random = TestRandom(state: seed)
    let aRows = transA ? k : m, aColumns = transA ? m : k
    let bRows = transB ? n : k, bColumns = transB ? k : n
    let lda = aColumns + padding
    let ldb = bColumns + padding
    self.lda = lda
    self.ldb = ldb
    ldc = n + padding
    let a = random.floats(aRows * lda)
    let b = random.floats(bRows * ldb)
    self.a = a
    self.b = b
    c0 = random.floats(m * ldc)
    var product = [Double](repeating: 0, count: m * n)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        for i in 0..<m {
          for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
              let x = transA ? a[p * lda + i] : a[i * lda + p]
              let y = transB ? b[j * ldb + p] : b[p * ldb + j]
              sum += Double(x) * Double(y)
            }
            product[i * n + j] = sum
          }
        }
      }
    }
    self.product = product
  }

  var description: String {
    "\(m)x\(n)x\(k) transA=\(transA) transB=\(transB) lda=\(lda) ldb=\(ldb) ldc=\(ldc)"
  }

  /// Runs sgemm on a copy of `c0` (or of `initialC`) and returns C.
  func run(
    alpha: Float, beta: Float, isa: InstructionSet, threads: Int?, initialC: [Float]? = nil
  ) -> [Float] {
    var c = initialC ?? c0
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else {
            return
          }
          GEMM.sgemm(
            transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: pa, lda: lda,
            b: pb, ldb: ldb, beta: beta, c: pc, ldc: ldc, isa: isa, threads: threads)
        }
      }
    }
    return c
  }

  /// The largest error of `c` against `alpha·product + beta·c0`, relative to the size of the
  /// terms (so cancellation does not inflate it), and whether the padding was left alone.
  func check(_ c: [Float], alpha: Float, beta: Float, initialC: [Float]? = nil) -> (
    error: Double, paddingIntact: Bool
  ) {
    let start = initialC ?? c0
    var worst = 0.0
    var intact = true
    for i in 0..<m {
      for j in 0..<ldc {
        let index = i * ldc + j
        if j >= n {
          intact = intact && c[index].bitPattern == start[index].bitPattern
          continue
        }
        let old = beta == 0 ? 0 : Double(beta) * Double(start[index])
        let expected = Double(alpha) * product[i * n + j] + old
        let scale = max(1, Double(abs(alpha)) * Double(k).squareRoot() + abs(old))
        worst = max(worst, abs(Double(c[index]) - expected) / scale)
      }
    }
    return (worst, intact)
  }
}
