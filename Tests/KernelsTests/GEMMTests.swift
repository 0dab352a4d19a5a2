import Kernels
import Testing

/// Shapes covering single elements, primes (edge tiles in every direction), several KC
/// blocks (k > 256), several MC blocks (m > 168), A packed because op(B) is wide
/// (n >= 32 tiles), several NC blocks (n > 4096) and exact tile multiples.
let gemmShapes: [(m: Int, n: Int, k: Int)] = [
  (1, 1, 1), (7, 13, 17), (33, 65, 129), (8, 32, 300), (170, 20, 9), (3, 5, 513), (24, 96, 64),
  (5, 1030, 9), (2, 4100, 3),
]

/// Scale factors: plain product, general alpha/beta, accumulate, and negative alpha.
let gemmScales: [(alpha: Float, beta: Float)] = [(1, 0), (0.5, 0.25), (-1.5, 1), (2, -1)]

/// Checks every shape, transpose combination, scale pair, stride padding and thread count
/// against the Double reference for one instruction-set level.
func checkAgainstReference(_ isa: InstructionSet) {
  var seed: UInt64 = 1
  for shape in gemmShapes {
    for (transA, transB) in [(false, false), (true, false), (false, true), (true, true)] {
      seed += 1
      let padding = Int(seed % 3) * 3
      let test = GEMMCase(
        m: shape.m, n: shape.n, k: shape.k, transA: transA, transB: transB, padding: padding,
        seed: seed)
      for (alpha, beta) in gemmScales {
        for threads in [1, 2] {
          let c = test.run(alpha: alpha, beta: beta, isa: isa, threads: threads)
          let (error, intact) = test.check(c, alpha: alpha, beta: beta)
          #expect(
            error < 1e-4,
            "\(isa) \(test) alpha=\(alpha) beta=\(beta) threads=\(threads): error \(error)")
          #expect(intact, "\(isa) \(test): wrote outside the (m, n) block of C")
        }
      }
    }
  }
}

@Test(.enabled(if: InstructionSet.avx512.isSupported, "this CPU has no AVX-512"))
func avx512MatchesReference() {
  checkAgainstReference(.avx512)
}

@Test(.enabled(if: InstructionSet.avx2.isSupported, "this CPU has no AVX2 + FMA"))
func avx2MatchesReference() {
  checkAgainstReference(.avx2)
}

@Test func genericMatchesReference() {
  checkAgainstReference(.generic)
}

@Test func smallProductMatchesHandComputation() {
  let a: [Float] = [1, 2, 3, 4, 5, 6]  // (2, 3)
  let b: [Float] = [7, 8, 9, 10, 11, 12]  // (3, 2)
  var c = [Float](repeating: 0, count: 4)
  a.withUnsafeBufferPointer { pa in
    b.withUnsafeBufferPointer { pb in
      c.withUnsafeMutableBufferPointer { pc in
        guard let a = pa.baseAddress, let b = pb.baseAddress, let c = pc.baseAddress else {
          return
        }
        GEMM.sgemm(
          transA: false, transB: false, m: 2, n: 2, k: 3, a: a, lda: 3, b: b, ldb: 2, c: c,
          ldc: 2)
      }
    }
  }
  #expect(c == [58, 64, 139, 154])
}

@Test(arguments: InstructionSet.allCases.filter(\.isSupported))
func betaZeroIgnoresNaNInC(isa: InstructionSet) {
  let test = GEMMCase(m: 9, n: 17, k: 5, transA: false, transB: false, padding: 2, seed: 99)
  var poisoned = test.c0
  for i in 0..<test.m {
    for j in 0..<test.n { poisoned[i * test.ldc + j] = .nan }
  }
  let c = test.run(alpha: 1, beta: 0, isa: isa, threads: 1, initialC: poisoned)
  let (error, intact) = test.check(c, alpha: 1, beta: 0, initialC: poisoned)
  #expect(error < 1e-4)
  #expect(intact)
  #expect(!c.contains { $0.isNaN })
}

@Test func zeroDepthOrAlphaOnlyScalesC() {
  let empty = GEMMCase(m: 3, n: 4, k: 0, transA: false, transB: false, padding: 1, seed: 5)
  let scaled = empty.run(alpha: 1, beta: 0.5, isa: .generic, threads: 1)
  #expect(empty.check(scaled, alpha: 1, beta: 0.5).error == 0)
  var poisoned = empty.c0
  poisoned[0] = .nan
  let cleared = empty.run(alpha: 1, beta: 0, isa: .generic, threads: 1, initialC: poisoned)
  #expect(cleared[0] == 0)
  let noAlpha = GEMMCase(m: 5, n: 6, k: 7, transA: true, transB: false, padding: 0, seed: 6)
  let c = noAlpha.run(alpha: 0, beta: -2, isa: InstructionSet.detected, threads: 1)
  #expect(noAlpha.check(c, alpha: 0, beta: -2).error == 0)
}

@Test func automaticThreadingMatchesReference() {
  // Large enough (m·n·k above GEMM.parallelThreshold, 3 M at most) that threads: nil uses
  // every core; n = 40 is narrow, so the row split is exercised too.
  for (m, n, k) in [(256, 128, 96), (400, 40, 192)] {
    let test = GEMMCase(m: m, n: n, k: k, transA: false, transB: true, padding: 1, seed: 7)
    let c = test.run(alpha: 1, beta: 1, isa: InstructionSet.detected, threads: nil)
    #expect(test.check(c, alpha: 1, beta: 1).error < 1e-4, "\(test)")
  }
  for isa in InstructionSet.allCases {
    #expect(GEMM.parallelThreshold(isa: isa) <= 256 * 128 * 96)
  }
}
