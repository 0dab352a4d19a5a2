import Foundation

/// Splits text into normalised tokens, for English, Chinese and Japanese alike.
///
/// Rules, applied in this order:
/// 1. Unicode NFKC normalisation (full-width letters and punctuation become ASCII) and case
///    folding; a byte order mark and other format characters act as spaces.
/// 2. URLs, e-mail addresses, `@mentions`, money amounts and numbers become placeholders
///    (`<url>`, `<email>`, `<mention>`, `<money>`, `<num>`) as chosen in ``placeholders``.
/// 3. Han, Hiragana and Katakana characters become one token each (no segmenter needed: the
///    feature extractor adds character bigrams and trigrams).
/// 4. Emoji (with skin tones, variation selectors and ZWJ sequences) are kept as tokens.
/// 5. Other punctuation and symbols are split off one character at a time; words keep inner
///    apostrophes (`don't`).
///
/// ```swift
/// let t = Tokenizer()
/// t.tokens("Email me@x.com about ORDER #12 😀")  // ["email", "<email>", "about", "order", "#", "<num>", "😀"]
/// t.tokens("房间很好，服务一般")                      // ["房", "间", "很", "好", ",", "服", "务", "一", "般"]
/// ```
/// Complexity: O(n) in the number of scalars; text that is already NFKC-stable (ASCII and
/// common CJK) skips Foundation's normaliser.
public struct Tokenizer: Sendable, Codable, Equatable {
  /// Lower-case (case-fold) tokens.
  public var caseFold: Bool
  /// Apply Unicode NFKC compatibility normalisation first.
  public var normalize: Bool
  /// Which token classes are replaced by placeholders.
  public var placeholders: Set<Placeholder>

  /// Creates a tokenizer.
  /// - Parameters:
  ///   - caseFold: lower-case tokens (default `true`).
  ///   - normalize: apply NFKC (default `true`).
  ///   - placeholders: token classes to replace (default: all).
  public init(
    caseFold: Bool = true, normalize: Bool = true,
    placeholders: Set<Placeholder> = Set(Placeholder.allCases)
  ) {
    self.caseFold = caseFold
    self.normalize = normalize
    self.placeholders = placeholders
  }

  /// The tokens of `text` as strings (convenient; use ``tokenize(_:into:)`` in hot loops).
  public func tokens(_ text: String) -> [String] {
    var out = TokenizedText()
    var scratch = [UInt32]()
    tokenize(text, into: &out, scratch: &scratch)
    return out.strings
  }

  /// Tokenizes `text` into `output` (cleared first).
  public func tokenize(_ text: String, into output: inout TokenizedText) {
    var scratch = [UInt32]()
    tokenize(text, into: &output, scratch: &scratch)
  }

  /// Tokenizes `text` into `output`, reusing `scratch` for the normalised scalars.
  public func tokenize(_ text: String, into output: inout TokenizedText, scratch: inout [UInt32]) {
    output.removeAll()
    normalizedScalars(text, into: &scratch)
    var scanner = TokenScanner(input: scratch, placeholders: placeholders)
    scanner.scan(into: &output)
  }

  /// Writes the NFKC + case-folded scalars of `text` into `out`.
  func normalizedScalars(_ text: String, into out: inout [UInt32]) {
    out.removeAll(keepingCapacity: true)
    var stable = true
    for u in text.unicodeScalars {
      let v = u.value
      if normalize && stable && !UnicodeClasses.isNFKCStable(v) { stable = false }
      if caseFold { UnicodeClasses.appendFolded(v, to: &out) } else { out.append(v) }
    }
    if !stable {
      out.removeAll(keepingCapacity: true)
      let normalized = text.precomposedStringWithCompatibilityMapping
      for u in normalized.unicodeScalars {
        if caseFold { UnicodeClasses.appendFolded(u.value, to: &out) } else { out.append(u.value) }
      }
    }
  }
}

extension Tokenizer {
  /// Encodes like the synthesised conformance, but with `placeholders` in a fixed (sorted)
  /// order: a `Set`'s order changes from run to run, and model files must not.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(caseFold, forKey: .caseFold)
    try container.encode(normalize, forKey: .normalize)
    try container.encode(placeholders.map(\.rawValue).sorted(), forKey: .placeholders)
  }
}
