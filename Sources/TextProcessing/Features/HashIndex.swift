/// An open-addressing hash map from 64-bit feature hashes to dense feature indices, built for
/// lookups in the hot path: one 8-byte slot per entry (a 32-bit fingerprint from the high half
/// of the hash, the index in the low half), linear probing, at most half full.
///
/// Two different hashes are confused only if they share the slot bits and the 32-bit
/// fingerprint, i.e. about 2^-(32 + log2 slots) per pair.
struct HashIndex: Sendable {
  private var slots: [UInt64]
  private var mask: Int
  private(set) var count = 0

  /// A table for `capacity` keys at most half full.
  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
  }

  @inline(__always) private static func fingerprint(_ k: UInt64) -> UInt64 {
    (k >> 32) << 32
  }

  /// Adds `key` with `value` (a non-negative index below 2^31 - 1); the key must be new.
  mutating func insert(_ key: UInt64, value: Int32) {
    precondition(value >= 0 && (count + 1) * 2 <= slots.count)
    let fp = Self.fingerprint(key)
    var i = Int(truncatingIfNeeded: key) & mask
    while slots[i] != 0 { i = (i + 1) & mask }
    slots[i] = fp | UInt64(UInt32(value) + 1)
    count += 1
  }

  /// The value for `key`, or -1.
  @inline(__always) func find(_ key: UInt64) -> Int32 {
    let fp = Self.fingerprint(key)
    return slots.withUnsafeBufferPointer { sp in
      var i = Int(truncatingIfNeeded: key) & mask
      while true {
        let s = sp[i]
        if s == 0 { return -1 }
        if s & 0xFFFF_FFFF_0000_0000 == fp { return Int32(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1 }
        i = (i + 1) & mask
      }
    }
  }

  /// Looks up every key of `keys`, writing the value or -1 to `out`. The first probes are
  /// issued as independent loads before any is inspected, so cache misses overlap (a
  /// table of a few hundred thousand features does not fit in cache).
  func findAll(_ keys: [UInt64], into out: inout [Int32], firstProbe: inout [UInt64]) {
    let n = keys.count
    firstProbe.removeAll(keepingCapacity: true)
    out.removeAll(keepingCapacity: true)
    slots.withUnsafeBufferPointer { sp in
      keys.withUnsafeBufferPointer { kp in
        for k in 0..<n { firstProbe.append(sp[Int(truncatingIfNeeded: kp[k]) & mask]) }
        for k in 0..<n {
          let key = kp[k]
          let s = firstProbe[k]
          let fp = Self.fingerprint(key)
          if s == 0 {
            out.append(-1)
          } else if s & 0xFFFF_FFFF_0000_0000 == fp {
            out.append(Int32(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1)
          } else {
            out.append(find(key))
          }
        }
      }
    }
  }
}
