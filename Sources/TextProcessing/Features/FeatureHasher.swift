/// 64-bit feature hashing (FNV-1a over Unicode scalar values, finished with the MurmurHash3
/// 64-bit mixer so that every bit depends on every input).
///
/// The top bit of a feature hash holds its group: 0 for word (token) n-grams, 1 for character
/// n-grams, so sorted hashes list word features first.
public enum FeatureHash {
  /// FNV-1a 64-bit offset basis.
  public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  /// FNV-1a 64-bit prime.
  public static let prime: UInt64 = 0x0000_0100_0000_01B3
  /// Bit that marks character n-gram features.
  public static let characterGroupBit: UInt64 = 1 << 63

  /// MurmurHash3's 64-bit finaliser.
  @inlinable @inline(__always)
  public static func mix(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    h &*= 0xc4ce_b9fe_1a85_ec53
    h ^= h >> 33
    return h
  }

  /// One FNV-1a step over a 32-bit scalar value.
  @inlinable @inline(__always)
  public static func step(_ h: UInt64, _ v: UInt32) -> UInt64 {
    (h ^ UInt64(v)) &* prime
  }

  /// Hash of a string's Unicode scalars (the value used for a single token).
  public static func token<S: Sequence>(_ scalars: S) -> UInt64 where S.Element == UInt32 {
    var h = offsetBasis
    for v in scalars { h = step(h, v) }
    return mix(h)
  }

  /// Hash of a token n-gram from its token hashes (group 0).
  @inlinable @inline(__always)
  public static func wordNgram(_ tokenHashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
    var h = offsetBasis ^ UInt64(tokenHashes.count)
    for t in tokenHashes { h = (h ^ t) &* prime }
    return mix(h) & ~characterGroupBit
  }
}

/// Where a feature came from, for turning hashes back into readable n-grams in reports.
public enum FeatureOrigin: Sendable, Equatable {
  /// Tokens `start..<end` of the tokenized text.
  case tokens(start: Int, end: Int)
  /// Characters `offset..<offset+length` of token `token`, padded as `<token>`.
  case characters(token: Int, offset: Int, length: Int)
}

/// Produces the hashed features of a tokenized text.
public struct FeatureExtractor: Sendable {
  /// The feature configuration.
  public let configuration: FeatureConfiguration
  private var tokenHashes: [UInt64] = []
  private var padded: [UInt32] = []

  /// Creates an extractor for `configuration`.
  public init(configuration: FeatureConfiguration) {
    self.configuration = configuration
  }

  /// Appends the feature hashes of `text` (duplicates included, for term counts) to `out`.
  public mutating func hashes(of text: TokenizedText, into out: inout [UInt64]) {
    forEachFeature(of: text) { h, _ in out.append(h) }
  }

  /// Calls `body` with each feature hash of `text` and where it came from.
  public mutating func forEachFeature(
    of text: TokenizedText, _ body: (UInt64, FeatureOrigin) -> Void
  ) {
    let tokens = text.tokens
    let n = tokens.count
    tokenHashes.removeAll(keepingCapacity: true)
    text.scalars.withUnsafeBufferPointer { sc in
      for t in tokens {
        var h = FeatureHash.offsetBasis
        for k in Int(t.start)..<Int(t.start + t.length) { h = FeatureHash.step(h, sc[k]) }
        tokenHashes.append(FeatureHash.mix(h))
      }
    }
    let maxWord = configuration.wordNgrams
    let maxCJK = configuration.cjkNgrams
    tokenHashes.withUnsafeBufferPointer { th in
      for i in 0..<n {
        // Token n-grams starting at i.
        var len = 1
        while len <= maxWord && i + len <= n {
          body(FeatureHash.wordNgram(UnsafeBufferPointer(rebasing: th[i..<(i + len)])),
            .tokens(start: i, end: i + len))
          len += 1
        }
        // Longer n-grams inside a run of CJK characters.
        if tokens[i].kind == .cjk {
          while len <= maxCJK && i + len <= n && tokens[i + len - 1].kind == .cjk {
            body(FeatureHash.wordNgram(UnsafeBufferPointer(rebasing: th[i..<(i + len)])),
              .tokens(start: i, end: i + len))
            len += 1
          }
        }
      }
    }
    guard let range = configuration.charNgrams else { return }
    for (ti, t) in tokens.enumerated() where t.kind == .word {
      padded.removeAll(keepingCapacity: true)
      padded.append(0x3C)  // <
      for k in Int(t.start)..<Int(t.start + t.length) { padded.append(text.scalars[k]) }
      padded.append(0x3E)  // >
      let m = padded.count
      padded.withUnsafeBufferPointer { p in
        for start in 0..<m {
          var h = FeatureHash.offsetBasis ^ 0x9E37_79B9_7F4A_7C15
          var len = 0
          while len < range.upperBound && start + len < m {
            h = FeatureHash.step(h, p[start + len])
            len += 1
            if len >= range.lowerBound {
              body(FeatureHash.mix(h ^ UInt64(len)) | FeatureHash.characterGroupBit,
                .characters(token: ti, offset: start, length: len))
            }
          }
        }
      }
    }
  }

  /// Readable form of a feature: n-grams of tokens joined by spaces, character n-grams in
  /// brackets with `<` `>` marking word boundaries.
  public static func describe(_ origin: FeatureOrigin, in text: TokenizedText) -> String {
    switch origin {
    case .tokens(let start, let end):
      let toks = text.tokens[start..<end]
      let allCJK = toks.allSatisfy { $0.kind == .cjk }
      return toks.map { text.text(of: $0) }.joined(separator: allCJK ? "" : " ")
    case .characters(let token, let offset, let length):
      var padded: [UInt32] = [0x3C]
      let t = text.tokens[token]
      padded += text.scalars[Int(t.start)..<Int(t.start + t.length)]
      padded.append(0x3E)
      var s = String.UnicodeScalarView()
      for v in padded[offset..<(offset + length)] {
        if let u = Unicode.Scalar(v) { s.append(u) }
      }
      return "[\(String(s))]"
    }
  }
}

extension FeatureHash {
  /// Plain FNV-1a over scalar values (equal to byte-wise FNV-1a for ASCII), before mixing.
  public static func fnv1a(_ text: String) -> UInt64 {
    var h = offsetBasis
    for u in text.unicodeScalars { h = step(h, u.value) }
    return h
  }
}

extension FeatureHash {
  /// Hash of a token n-gram from an array of token hashes (see ``wordNgram(_:)``).
  public static func wordNgram(hashes: [UInt64]) -> UInt64 {
    hashes.withUnsafeBufferPointer { wordNgram($0) }
  }
}
