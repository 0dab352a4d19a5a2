import Foundation

/// A fast, seedable random number generator: xoshiro256** seeded through SplitMix64.
///
/// Every random choice in Traction (initial weights, shuffling, dropout masks, negative
/// sampling) draws from one of these, so a run is reproducible from its seed.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let x = rng.nextGaussian()
/// var order = Array(0..<10); rng.shuffle(&order)
/// ```
///
/// Reference: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators" (2018);
/// SplitMix64 from G. Steele, D. Lea and C. Flood, "Fast splittable pseudorandom number
/// generators" (2014).
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// Creates a generator whose whole sequence is determined by `seed`.
  public init(seed: UInt64) {
    var sm = SplitMix64(seed: seed)
    s0 = sm.next()
    s1 = sm.next()
    s2 = sm.next()
    s3 = sm.next()
  }

  /// The next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  @usableFromInline
  @inline(__always)
  func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

  /// A uniform `Double` in `[0, 1)` with 53 random bits.
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform `Float` in `[0, 1)` with 24 random bits.
  public mutating func nextFloat() -> Float {
    Float(next() >> 40) * 0x1.0p-24
  }

  /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
  /// - Precondition: `bound > 0`.
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "nextInt(below:) needs a positive bound")
    return Int(uniformBelow(UInt64(bound), &self))
  }

  /// A standard normal sample (Box–Muller).
  public mutating func nextGaussian() -> Double {
    gaussianSample(&self)
  }

  /// Shuffles `array` in place (Fisher–Yates), identically on every platform for a given state.
  public mutating func shuffle<T>(_ array: inout [T]) {
    var i = array.count - 1
    while i > 0 {
      let j = nextInt(below: i + 1)
      if i != j { array.swapAt(i, j) }
      i -= 1
    }
  }

  /// The integers `0..<count` in a random order.
  public mutating func permutation(_ count: Int) -> [Int] {
    var order = Array(0..<count)
    shuffle(&order)
    return order
  }
}

/// Uniform integer in `0..<bound` (Lemire, "Fast random integer generation in an interval", 2019).
@inline(__always)
func uniformBelow<G: RandomNumberGenerator>(_ bound: UInt64, _ g: inout G) -> UInt64 {
  var product = g.next().multipliedFullWidth(by: bound)
  if product.low < bound {
    let threshold = (0 &- bound) % bound
    while product.low < threshold {
      product = g.next().multipliedFullWidth(by: bound)
    }
  }
  return product.high
}

/// A standard normal sample from any generator (Box–Muller on `(0, 1]` uniforms).
func gaussianSample<G: RandomNumberGenerator>(_ g: inout G) -> Double {
  let u1 = (Double(g.next() >> 11) + 1) * 0x1.0p-53
  let u2 = Double(g.next() >> 11) * 0x1.0p-53
  return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
}
