/// Recognises text encodings that are not UTF-8 from the first bytes of a file, so that a
/// UTF-16 export (Excel's "Unicode text", PowerShell's default) gets a message that names the
/// encoding instead of "NUL byte".
enum TextEncodingSniffing {
  /// A wide encoding, named as `iconv` names it.
  enum WideEncoding: Equatable, CustomStringConvertible {
    case utf16LittleEndian
    case utf16BigEndian
    case utf32LittleEndian
    case utf32BigEndian

    var description: String {
      switch self {
      case .utf16LittleEndian: return "UTF-16 (little-endian)"
      case .utf16BigEndian: return "UTF-16 (big-endian)"
      case .utf32LittleEndian: return "UTF-32 (little-endian)"
      case .utf32BigEndian: return "UTF-32 (big-endian)"
      }
    }

    /// The `-f` argument for `iconv` (the BOM-less names, so iconv needs no guess).
    var iconvName: String {
      switch self {
      case .utf16LittleEndian: return "UTF-16LE"
      case .utf16BigEndian: return "UTF-16BE"
      case .utf32LittleEndian: return "UTF-32LE"
      case .utf32BigEndian: return "UTF-32BE"
      }
    }
  }

  /// The wide encoding of `sample` (the first bytes of a file), or nil for UTF-8 and ASCII.
  ///
  /// A byte-order mark decides (`FF FE 00 00`, `00 00 FE FF`, `FF FE`, `FE FF`). Without one,
  /// text that is mostly ASCII shows its encoding in where the NUL bytes fall: UTF-16LE has a NUL
  /// after most characters (odd offsets), UTF-16BE before them (even offsets). Both patterns
  /// must hold for at least 80% of the character pairs of a sample of at least 4 bytes, which
  /// a UTF-8 file with a stray NUL never reaches.
  static func wideEncoding(_ sample: UnsafeBufferPointer<UInt8>) -> WideEncoding? {
    let n = sample.count
    if n >= 4 && sample[0] == 0xFF && sample[1] == 0xFE && sample[2] == 0 && sample[3] == 0 {
      return .utf32LittleEndian
    }
    if n >= 4 && sample[0] == 0 && sample[1] == 0 && sample[2] == 0xFE && sample[3] == 0xFF {
      return .utf32BigEndian
    }
    if n >= 2 && sample[0] == 0xFF && sample[1] == 0xFE { return .utf16LittleEndian }
    if n >= 2 && sample[0] == 0xFE && sample[1] == 0xFF { return .utf16BigEndian }
    let pairs = n / 2
    guard pairs >= 2 else { return nil }
    var nulOdd = 0
    var nulEven = 0
    for k in 0..<pairs {
      let even = sample[2 * k]
      let odd = sample[2 * k + 1]
      if odd == 0 && even != 0 { nulOdd += 1 }
      if even == 0 && odd != 0 { nulEven += 1 }
    }
    if nulOdd * 5 >= pairs * 4 { return .utf16LittleEndian }
    if nulEven * 5 >= pairs * 4 { return .utf16BigEndian }
    return nil
  }
}

/// Excel's optional first line `sep=X` (also written `"sep=X"`), which names the delimiter of
/// the lines that follow.
enum ExcelSeparatorLine {
  /// The delimiter named by a `sep=` line at the start of `sample`, and the length of that line
  /// including its line break; nil when the sample does not start with one.
  static func parse(_ sample: UnsafeBufferPointer<UInt8>) -> (delimiter: UInt8, length: Int)? {
    var p = 0
    let quoted = sample.count > 0 && sample[0] == UInt8(ascii: "\"")
    if quoted { p = 1 }
    let prefix = Array("sep=".utf8)
    guard sample.count >= p + prefix.count + 1 else { return nil }
    for (k, b) in prefix.enumerated() where sample[p + k] | 0x20 != b {
      // `| 0x20` lower-cases letters; `=` (0x3D) already has the bit set.
      return nil
    }
    p += prefix.count
    let delimiter = sample[p]
    guard delimiter != 10, delimiter != 13, delimiter != UInt8(ascii: "\""), delimiter < 0x80
    else { return nil }
    p += 1
    if quoted {
      guard p < sample.count, sample[p] == UInt8(ascii: "\"") else { return nil }
      p += 1
    }
    // Only a line break (or the end of the input) may follow.
    if p == sample.count { return (delimiter, p) }
    if sample[p] == 10 { return (delimiter, p + 1) }
    if sample[p] == 13 {
      return (delimiter, p + 1 < sample.count && sample[p + 1] == 10 ? p + 2 : p + 1)
    }
    return nil
  }
}
