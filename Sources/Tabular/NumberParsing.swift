/// Fast decimal number parsing from UTF-8 bytes.
///
/// Plain decimals with at most 19 significant digits and a small exponent take Clinger's exact
/// fast path (W. D. Clinger, "How to Read Floating Point Numbers Accurately", PLDI 1990): the
/// digits fit a UInt64, the value and the power of ten are exact doubles, so one multiplication
/// or division rounds correctly. Everything else falls back to the standard library's parser.
public enum NumberParsing {
  /// 10^n for 0 ≤ n ≤ 22, all exactly representable (a switch, not a global table, so the hot
  /// path has no lazy-initialisation check).
  @inline(__always)
  private static func powerOfTen(_ n: Int) -> Double {
    switch n {
    case 0: return 1e0
    case 1: return 1e1
    case 2: return 1e2
    case 3: return 1e3
    case 4: return 1e4
    case 5: return 1e5
    case 6: return 1e6
    case 7: return 1e7
    case 8: return 1e8
    case 9: return 1e9
    case 10: return 1e10
    case 11: return 1e11
    case 12: return 1e12
    case 13: return 1e13
    case 14: return 1e14
    case 15: return 1e15
    case 16: return 1e16
    case 17: return 1e17
    case 18: return 1e18
    case 19: return 1e19
    case 20: return 1e20
    case 21: return 1e21
    default: return 1e22
    }
  }

  /// Parses a number; spaces and tabs around it are allowed. Returns nil if it is not a number.
  /// `nan`, `inf` and `infinity` (any case, optional sign) parse to non-finite values.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var lo = 0
    var hi = bytes.count
    while lo < hi && (bytes[lo] == 32 || bytes[lo] == 9) { lo += 1 }
    while hi > lo && (bytes[hi - 1] == 32 || bytes[hi - 1] == 9) { hi -= 1 }
    if lo == hi { return nil }
    var i = lo
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var scale = 0
    var sawDigit = false
    while i < hi, bytes[i] &- 48 < 10 {
      sawDigit = true
      if digits < 19 {
        mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
        if mantissa != 0 { digits += 1 }
      } else {
        return slow(bytes, lo, hi)
      }
      i += 1
    }
    if i < hi && bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < hi, bytes[i] &- 48 < 10 {
        sawDigit = true
        if digits < 19 {
          mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
          if mantissa != 0 { digits += 1 }
          scale -= 1
        } else {
          return slow(bytes, lo, hi)
        }
        i += 1
      }
    }
    if !sawDigit { return slow(bytes, lo, hi) }
    if i < hi && (bytes[i] | 0x20) == UInt8(ascii: "e") {
      i += 1
      var expNegative = false
      if i < hi && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
        expNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var exponent = 0
      var expDigits = 0
      while i < hi, bytes[i] &- 48 < 10 {
        if exponent < 10_000 { exponent = exponent * 10 + Int(bytes[i] &- 48) }
        expDigits += 1
        i += 1
      }
      if expDigits == 0 { return nil }
      scale += expNegative ? -exponent : exponent
    }
    if i != hi { return nil }
    if mantissa == 0 { return negative ? -0.0 : 0.0 }
    guard mantissa < (1 << 53), scale >= -22, scale <= 22 else { return slow(bytes, lo, hi) }
    var value = Double(mantissa)
    value = scale < 0 ? value / powerOfTen(-scale) : value * powerOfTen(scale)
    return negative ? -value : value
  }

  private static func slow(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Double? {
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
    return Double(text)
  }

  /// Parses a string (see `parse(_:)` for the accepted forms).
  public static func parse(_ text: String) -> Double? {
    var copy = text
    return copy.withUTF8 { parse($0) }
  }

  /// Parses a substring (see `parse(_:)` for the accepted forms).
  public static func parse(_ text: Substring) -> Double? {
    var copy = text
    return copy.withUTF8 { parse($0) }
  }
}
