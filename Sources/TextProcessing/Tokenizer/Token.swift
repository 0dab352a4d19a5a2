/// What a token stands for.
public enum TokenKind: UInt8, Sendable, Codable, Equatable {
  /// Letters and digits (a word, or a mixed token like `4g`).
  case word
  /// One Han, Hiragana or Katakana character.
  case cjk
  /// One emoji, including its modifiers and joined sequence.
  case emoji
  /// One punctuation mark or symbol.
  case punctuation
  /// A placeholder that replaced a URL, e-mail, number, mention or money amount.
  case placeholder
}

/// A placeholder the tokenizer can substitute for a class of tokens.
public enum Placeholder: String, Sendable, Codable, CaseIterable, Equatable {
  /// `http://…`, `https://…` and `www.…` links, written `<url>`.
  case url
  /// `name@example.com`, written `<email>`.
  case email
  /// `@name` mentions, written `<mention>`.
  case mention
  /// Numbers such as `42`, `3.14`, `1,000`, written `<num>`.
  case number
  /// A currency symbol next to a number (`$12.50`, `€5`, `¥300`), written `<money>`.
  case money

  /// The token text that replaces a match.
  public var token: String { "<\(rawValue == "number" ? "num" : rawValue)>" }
}

/// One token: a range in ``TokenizedText/scalars`` and its kind.
public struct Token: Sendable, Equatable {
  /// Offset of the first scalar in ``TokenizedText/scalars``.
  public var start: Int32
  /// Number of scalars.
  public var length: Int32
  /// What the token stands for.
  public var kind: TokenKind
}

/// The output of ``Tokenizer``: normalised token text stored as Unicode scalar values, and the
/// tokens as ranges into it. Reuse one value across calls to avoid allocations.
public struct TokenizedText: Sendable {
  /// Normalised (NFKC, case-folded) text of all tokens, concatenated.
  public internal(set) var scalars: [UInt32] = []
  /// Tokens in reading order.
  public internal(set) var tokens: [Token] = []

  /// Creates an empty buffer.
  public init() {}

  /// Removes all tokens, keeping capacity.
  public mutating func removeAll() {
    scalars.removeAll(keepingCapacity: true)
    tokens.removeAll(keepingCapacity: true)
  }

  /// The text of one token.
  public func text(of token: Token) -> String {
    var s = String.UnicodeScalarView()
    for i in Int(token.start)..<Int(token.start + token.length) {
      if let u = Unicode.Scalar(scalars[i]) { s.append(u) }
    }
    return String(s)
  }

  /// The texts of all tokens, in order.
  public var strings: [String] { tokens.map { text(of: $0) } }

  mutating func append(_ v: UInt32) { scalars.append(v) }

  mutating func closeToken(from start: Int, kind: TokenKind) {
    let length = scalars.count - start
    if length > 0 {
      tokens.append(Token(start: Int32(start), length: Int32(length), kind: kind))
    }
  }

  mutating func appendPlaceholder(_ p: Placeholder) {
    let start = scalars.count
    for u in p.token.unicodeScalars { scalars.append(u.value) }
    closeToken(from: start, kind: .placeholder)
  }
}
