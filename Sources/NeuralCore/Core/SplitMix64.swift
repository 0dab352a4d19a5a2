/// SplitMix64: a tiny seeded 64-bit generator, used to seed ``SeededGenerator`` and wherever a
/// module needs a stream that is independent of the training generator (data splits, bootstrap
/// resamples, demo data), so those never change when training code draws more numbers.
///
/// Reference: G. Steele, D. Lea and C. Flood, "Fast splittable pseudorandom number generators"
/// (2014).
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
  // The generator state; the whole sequence follows from the seed.
  @usableFromInline var state: UInt64

  /// Creates a generator whose sequence is determined by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 { Self.step(&state) }

  /// Advances a bare SplitMix64 `state` by one step and returns the output.
  @inlinable
  public static func step(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
