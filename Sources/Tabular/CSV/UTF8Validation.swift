/// UTF-8 validation over raw bytes, reporting where the first invalid sequence starts.
///
/// Follows the well-formed byte sequences of the Unicode Standard, Table 3-7 (no overlong forms,
/// no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
  /// The offset of the first byte of the first ill-formed sequence, or nil if `bytes` is valid.
  static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let n = bytes.count
    var i = 0
    while i < n {
      let b0 = base[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      var length = 0
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch b0 {
      case 0xC2...0xDF: length = 2
      case 0xE0: length = 3; low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: length = 3; high = 0x9F
      case 0xF0: length = 4; low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4: length = 4; high = 0x8F
      default: return i
      }
      if i + length > n { return i }
      let b1 = base[i + 1]
      if b1 < low || b1 > high { return i }
      var k = 2
      while k < length {
        if base[i + k] & 0xC0 != 0x80 { return i }
        k += 1
      }
      i += length
    }
    return nil
  }
}
