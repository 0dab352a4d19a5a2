// Peak-rate probe for the benchmark's "fraction of peak" column.

extension AVX2GEMM {
  /// Floating-point operations done by one iteration of `peakProbe`: 12 vector FMAs.
  public static let peakProbeFlopsPerIteration = 12 * 8 * 2

  /// Runs `iterations` rounds of 12 independent vector fused multiply-adds, enough
  /// independent chains to keep every FMA pipe busy, and returns a value that depends on all
  /// of them so that the loop is not optimised away.
  public static func peakProbe(iterations: Int, x: Float, y: Float) -> Float {
    let vx = Vector(repeating: x)
    let vy = Vector(repeating: y)
    var a0 = Vector(), a1 = Vector(), a2 = Vector(), a3 = Vector(), a4 = Vector(), a5 = Vector()
    var a6 = Vector(), a7 = Vector(), a8 = Vector(), a9 = Vector(), a10 = Vector(), a11 = Vector()
    for _ in 0..<iterations {
      a0.addProduct(vx, vy)
      a1.addProduct(vx, vy)
      a2.addProduct(vx, vy)
      a3.addProduct(vx, vy)
      a4.addProduct(vx, vy)
      a5.addProduct(vx, vy)
      a6.addProduct(vx, vy)
      a7.addProduct(vx, vy)
      a8.addProduct(vx, vy)
      a9.addProduct(vx, vy)
      a10.addProduct(vx, vy)
      a11.addProduct(vx, vy)
    }
    let sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11
    return sum.sum()
  }
}
