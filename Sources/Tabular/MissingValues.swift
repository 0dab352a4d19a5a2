/// The tokens that mean "no value" in a CSV field.
///
/// A field is missing when, after trimming spaces and tabs, it is empty or equals (ignoring case)
/// one of `NA`, `N/A`, `null`, `?`. `NaN` is not a missing token: a numeric column holding `NaN`
/// or `inf` is rejected with a message, because these usually come from a broken export.
public enum MissingValues {
  /// The tokens, lower-cased.
  public static let tokens: [String] = ["", "na", "n/a", "null", "?"]

  /// Whether `s` is a missing-value token.
  public static func isMissing(_ s: Substring) -> Bool {
    var copy = s
    return copy.withUTF8 { isMissing(bytes: $0) }
  }

  /// Whether `s` is a missing-value token.
  public static func isMissing(_ s: String) -> Bool {
    var copy = s
    return copy.withUTF8 { isMissing(bytes: $0) }
  }

  /// Whether the UTF-8 bytes are a missing-value token.
  @inline(__always)
  public static func isMissing(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var lo = 0
    var hi = bytes.count
    while lo < hi && (bytes[lo] == 32 || bytes[lo] == 9) { lo += 1 }
    while hi > lo && (bytes[hi - 1] == 32 || bytes[hi - 1] == 9) { hi -= 1 }
    switch hi - lo {
    case 0: return true
    case 1: return bytes[lo] == UInt8(ascii: "?")
    case 2:
      return bytes[lo] | 0x20 == UInt8(ascii: "n") && bytes[lo + 1] | 0x20 == UInt8(ascii: "a")
    case 3:
      return bytes[lo] | 0x20 == UInt8(ascii: "n") && bytes[lo + 1] == UInt8(ascii: "/")
        && bytes[lo + 2] | 0x20 == UInt8(ascii: "a")
    case 4:
      return bytes[lo] | 0x20 == UInt8(ascii: "n") && bytes[lo + 1] | 0x20 == UInt8(ascii: "u")
        && bytes[lo + 2] | 0x20 == UInt8(ascii: "l") && bytes[lo + 3] | 0x20 == UInt8(ascii: "l")
    default: return false
    }
  }
}
