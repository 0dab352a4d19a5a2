/// An open-addressing hash map from 64-bit feature hashes to dense feature indices, built for
/// lookups in the hot path (no `Dictionary` hashing overhead, linear probing).
struct HashIndex: Sendable {
  private var keys: [UInt64]
  private var values: [Int32]
  private var mask: Int
  private(set) var count = 0

  /// A table able to hold `capacity` keys at most half full.
  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    values = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  /// Key 0 marks an empty slot, so a zero hash is stored as 1.
  @inline(__always) static func slotKey(_ k: UInt64) -> UInt64 { k == 0 ? 1 : k }

  @inline(__always) private func slot(for k: UInt64) -> Int { Int(truncatingIfNeeded: k) & mask }

  /// Adds or replaces `key`.
  mutating func insert(_ key: UInt64, value: Int32) {
    if (count + 1) * 2 > keys.count { grow() }
    let k = Self.slotKey(key)
    var i = slot(for: k)
    while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
    if keys[i] == 0 { count += 1 }
    keys[i] = k
    values[i] = value
  }

  /// The value for `key`, or -1.
  @inline(__always) func find(_ key: UInt64) -> Int32 {
    let k = Self.slotKey(key)
    return keys.withUnsafeBufferPointer { kp in
      var i = slot(for: k)
      while true {
        let s = kp[i]
        if s == k { return values[i] }
        if s == 0 { return -1 }
        i = (i + 1) & mask
      }
    }
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [Int32](repeating: -1, count: oldKeys.count * 2)
    mask = keys.count - 1
    count = 0
    for (i, k) in oldKeys.enumerated() where k != 0 { insert(k, value: oldValues[i]) }
  }
}

/// Document-frequency counter used while fitting: counts each feature once per document.
struct DocumentFrequencyTable: Sendable {
  private(set) var keys: [UInt64]
  private(set) var frequencies: [Int32]
  private var lastDocument: [Int32]
  private var mask: Int
  private(set) var count = 0

  init(capacity: Int = 1 << 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    frequencies = [Int32](repeating: 0, count: size)
    lastDocument = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  /// Counts `key` for `document` unless it was already counted for it.
  @inline(__always) mutating func add(_ key: UInt64, document: Int32, amount: Int32 = 1) {
    if (count + 1) * 2 > keys.count { grow() }
    let k = HashIndex.slotKey(key)
    var i = Int(truncatingIfNeeded: k) & mask
    while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
    if keys[i] == 0 {
      keys[i] = k
      count += 1
    }
    if lastDocument[i] != document || document < 0 {
      lastDocument[i] = document
      frequencies[i] += amount
    }
  }

  /// Adds every count of `other` (documents must not overlap).
  mutating func merge(_ other: DocumentFrequencyTable) {
    for (i, k) in other.keys.enumerated() where k != 0 {
      add(k, document: -1, amount: other.frequencies[i])
    }
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldFreq = frequencies
    let oldLast = lastDocument
    let size = oldKeys.count * 2
    keys = [UInt64](repeating: 0, count: size)
    frequencies = [Int32](repeating: 0, count: size)
    lastDocument = [Int32](repeating: -1, count: size)
    mask = size - 1
    count = 0
    for (j, k) in oldKeys.enumerated() where k != 0 {
      var i = Int(truncatingIfNeeded: k) & mask
      while keys[i] != 0 { i = (i + 1) & mask }
      keys[i] = k
      frequencies[i] = oldFreq[j]
      lastDocument[i] = oldLast[j]
      count += 1
    }
  }
}
