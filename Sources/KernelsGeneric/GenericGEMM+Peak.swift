// Peak-rate probe for the benchmark's "fraction of peak" column.

extension GenericGEMM {
  /// Floating-point operations done by one iteration of `peakProbe`: 12 vector multiply-adds
  /// (unfused: the baseline has no FMA).
  public static let peakProbeFlopsPerIteration = 12 * 4 * 2

  /// Runs `iterations` rounds of 12 independent vector multiply-adds `a = a · x + y`
  /// (unfused: the baseline has no FMA), enough independent chains to keep the pipes busy,
  /// and returns a value that depends on all of them so that the loop is not optimised away.
  public static func peakProbe(iterations: Int, x: Float, y: Float) -> Float {
    let vx = Vector(repeating: x)
    let vy = Vector(repeating: y)
    var a0 = Vector(), a1 = Vector(), a2 = Vector(), a3 = Vector(), a4 = Vector(), a5 = Vector()
    var a6 = Vector(), a7 = Vector(), a8 = Vector(), a9 = Vector(), a10 = Vector(), a11 = Vector()
    for _ in 0..<iterations {
      a0 = a0 * vx + vy
      a1 = a1 * vx + vy
      a2 = a2 * vx + vy
      a3 = a3 * vx + vy
      a4 = a4 * vx + vy
      a5 = a5 * vx + vy
      a6 = a6 * vx + vy
      a7 = a7 * vx + vy
      a8 = a8 * vx + vy
      a9 = a9 * vx + vy
      a10 = a10 * vx + vy
      a11 = a11 * vx + vy
    }
    let sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11
    return sum.sum()
  }
}
