/// Fast scalar classification used by the tokenizer. ASCII goes through a table; everything
/// else asks the standard library's Unicode properties once.
enum ScalarClass: UInt8 {
  /// Whitespace, control and format characters (including a BOM): separate tokens.
  case separator
  /// Letters and combining marks: part of a word.
  case letter
  /// Decimal digits.
  case digit
  /// Han, Hiragana and Katakana: one token per character.
  case cjk
  /// Emoji and pictographs.
  case emoji
  /// Currency symbols ($, €, ¥, ...).
  case currency
  /// Everything else: punctuation and symbols, one token each.
  case punctuation
}

enum UnicodeClasses {
  /// Class of an ASCII scalar, indexed by value.
  static let asciiTable: [ScalarClass] = (0..<128).map { (v: Int) -> ScalarClass in
    switch v {
    case 0...32, 127: return .separator
    case 48...57: return .digit
    case 65...90, 97...122, 95: return .letter  // `_` joins words like \w
    case 36: return .currency
    default: return .punctuation
    }
  }

  /// Whether `v` is a Han, Hiragana or Katakana character (split into characters).
  @inline(__always)
  static func isCJK(_ v: UInt32) -> Bool {
    switch v {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2EBEF, 0x30000...0x3134F,
      0xF900...0xFAFF, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x3005, 0x3007:
      return true
    default: return false
    }
  }

  /// Classifies one scalar.
  @inline(__always)
  static func classify(_ v: UInt32) -> ScalarClass {
    if v < 128 { return asciiTable[Int(v)] }
    return classifySlow(v)
  }

  static func classifySlow(_ v: UInt32) -> ScalarClass {
    if isCJK(v) { return .cjk }
    guard let scalar = Unicode.Scalar(v) else { return .separator }
    let props = scalar.properties
    if v >= 0x2100 && (props.isEmojiPresentation || props.isEmoji) { return .emoji }
    switch props.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark:
      return .letter
    case .decimalNumber: return .digit
    case .currencySymbol: return .currency
    case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format, .surrogate,
      .privateUse, .unassigned:
      return .separator
    default: return .punctuation
    }
  }

  /// Scalars that continue an emoji sequence: variation selectors, zero-width joiner,
  /// skin-tone modifiers, keycap and tag characters.
  @inline(__always)
  static func isEmojiContinuation(_ v: UInt32) -> Bool {
    switch v {
    case 0xFE0E, 0xFE0F, 0x200D, 0x1F3FB...0x1F3FF, 0x20E3, 0xE0020...0xE007F: return true
    default: return false
    }
  }

  /// Whether NFKC leaves `v` unchanged in any context (a conservative quick check: scalars
  /// outside these ranges send the whole text through Foundation's NFKC).
  @inline(__always)
  static func isNFKCStable(_ v: UInt32) -> Bool {
    switch v {
    case 0..<0xA0, 0xC0...0xFF, 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3001...0x3035,
      0x3041...0x3096, 0x30A1...0x30FA, 0xAC00...0xD7A3, 0x1F300...0x1FAFF, 0x2600...0x27BF,
      0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x200D, 0xFE0F,
      0x1F1E6...0x1F1FF, 0x20AC:
      return true
    default: return false
    }
  }

  /// Appends the case-folded form of `v` to `out` (full folding for the few scalars whose
  /// folding differs from their lower-case mapping: ß, ẞ, final sigma).
  @inline(__always)
  static func appendFolded(_ v: UInt32, to out: inout [UInt32]) {
    if v < 128 {
      out.append(v >= 65 && v <= 90 ? v + 32 : v)
      return
    }
    switch v {
    case 0xDF, 0x1E9E:
      out.append(0x73)
      out.append(0x73)
      return
    case 0x3C2:
      out.append(0x3C3)
      return
    case 0x2019, 0x2018, 0x2032:  // typographic apostrophes fold to '
      out.append(0x27)
      return
    default: break
    }
    if isCJK(v) {
      out.append(v)
      return
    }
    guard let scalar = Unicode.Scalar(v), scalar.properties.changesWhenCaseFolded else {
      out.append(v)
      return
    }
    for s in scalar.properties.lowercaseMapping.unicodeScalars { out.append(s.value) }
  }
}
