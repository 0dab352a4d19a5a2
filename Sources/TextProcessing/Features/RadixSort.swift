/// Sorting helpers for 64-bit feature hashes.
enum HashSorting {
  /// Sorts `a` ascending with an LSD radix sort (8 passes of 8 bits; passes where every key
  /// has the same byte are skipped). O(n), cache-friendly for millions of keys.
  static func radixSort(_ a: inout [UInt64]) {
    let n = a.count
    if n < 256 {
      a.sort()
      return
    }
    var buffer = [UInt64](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 8 * 256)
    for v in a {
      for pass in 0..<8 { counts[pass * 256 + Int((v >> (8 * UInt64(pass))) & 0xFF)] += 1 }
    }
    var sourceIsA = true
    a.withUnsafeMutableBufferPointer { ap in
      buffer.withUnsafeMutableBufferPointer { bp in
        for pass in 0..<8 {
          let base = pass * 256
          // Skip a pass whose byte is constant.
          var constant = false
          for b in 0..<256 where counts[base + b] == n {
            constant = true
            break
          }
          if constant { continue }
          var offsets = [Int](repeating: 0, count: 256)
          var sum = 0
          for b in 0..<256 {
            offsets[b] = sum
            sum += counts[base + b]
          }
          let src = sourceIsA ? ap : bp
          let dst = sourceIsA ? bp : ap
          let shift = UInt64(8 * pass)
          for v in src {
            let b = Int((v >> shift) & 0xFF)
            dst[offsets[b]] = v
            offsets[b] += 1
          }
          sourceIsA.toggle()
        }
      }
    }
    if !sourceIsA { a = buffer }
  }

  /// Merges two ascending arrays into one ascending array.
  static func merge(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var out = [UInt64]()
    out.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if a[i] <= b[j] {
        out.append(a[i])
        i += 1
      } else {
        out.append(b[j])
        j += 1
      }
    }
    out.append(contentsOf: a[i...])
    out.append(contentsOf: b[j...])
    return out
  }
}

/// Counts the distinct hashes of one document in O(n) with a small open-addressing table that
/// is reset after use (cheaper than sorting a few hundred hashes per text).
struct TermCounter: Sendable {
  private var keys: [UInt64] = [UInt64](repeating: 0, count: 1024)
  private var slotOf: [Int32] = [Int32](repeating: -1, count: 1024)
  private var mask = 1023
  /// Distinct hashes in order of first occurrence.
  private(set) var unique: [UInt64] = []
  /// How often each distinct hash occurred.
  private(set) var counts: [Int32] = []

  /// Counts `hashes`, replacing the previous result.
  mutating func count(_ hashes: [UInt64]) {
    unique.removeAll(keepingCapacity: true)
    counts.removeAll(keepingCapacity: true)
    if hashes.count * 2 > keys.count {
      var size = keys.count
      while size < hashes.count * 2 { size <<= 1 }
      keys = [UInt64](repeating: 0, count: size)
      slotOf = [Int32](repeating: -1, count: size)
      mask = size - 1
    }
    keys.withUnsafeMutableBufferPointer { kp in
      slotOf.withUnsafeMutableBufferPointer { sp in
        for h in hashes {
          let k = h == 0 ? 1 : h
          var i = Int(truncatingIfNeeded: k) & mask
          while true {
            if kp[i] == k {
              counts[Int(sp[i])] += 1
              break
            }
            if kp[i] == 0 {
              kp[i] = k
              sp[i] = Int32(unique.count)
              unique.append(h)
              counts.append(1)
              break
            }
            i = (i + 1) & mask
          }
        }
        // Reset only the slots this document used.
        for h in unique {
          let k = h == 0 ? 1 : h
          var i = Int(truncatingIfNeeded: k) & mask
          while kp[i] != 0 {
            kp[i] = 0
            i = (i + 1) & mask
          }
        }
      }
    }
  }
}
