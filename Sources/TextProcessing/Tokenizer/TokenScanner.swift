/// The single left-to-right pass behind ``Tokenizer``: works on normalised scalar values and
/// never builds intermediate `String`s.
struct TokenScanner {
  let s: [UInt32]
  let urls: Bool
  let emails: Bool
  let mentions: Bool
  let numbers: Bool
  let money: Bool

  init(input: [UInt32], placeholders: Set<Placeholder>) {
    s = input
    urls = placeholders.contains(.url)
    emails = placeholders.contains(.email)
    mentions = placeholders.contains(.mention)
    numbers = placeholders.contains(.number)
    money = placeholders.contains(.money)
  }

  private static let apostrophe: UInt32 = 0x27
  private static let at: UInt32 = 0x40
  private static let dot: UInt32 = 0x2E

  @inline(__always) private func cls(_ i: Int) -> ScalarClass {
    i < s.count ? UnicodeClasses.classify(s[i]) : .separator
  }

  @inline(__always) private func isWordChar(_ i: Int) -> Bool {
    let c = cls(i)
    return c == .letter || c == .digit
  }

  mutating func scan(into out: inout TokenizedText) {
    let n = s.count
    var i = 0
    var lastPunct: UInt32 = 0
    var punctRun = 0
    while i < n {
      let v = s[i]
      let c = UnicodeClasses.classify(v)
      if c != .punctuation { punctRun = 0 }
      switch c {
      case .separator:
        i += 1
      case .cjk:
        out.append(v)
        out.closeToken(from: out.scalars.count - 1, kind: .cjk)
        i += 1
      case .emoji:
        i = scanEmoji(at: i, into: &out)
      case .currency:
        if money, i + 1 < n, cls(i + 1) == .digit, let end = numberEnd(from: i + 1),
          !isWordChar(end)
        {
          out.appendPlaceholder(.money)
          i = end
        } else {
          emitSingle(v, kind: .punctuation, into: &out)
          i += 1
        }
      case .punctuation:
        if urls, let end = urlEnd(at: i) {
          out.appendPlaceholder(.url)
          i = end
        } else if v == Self.at, (i == 0 || !isWordChar(i - 1)), isWordChar(i + 1) {
          var j = i + 1
          while j < n && isWordChar(j) { j += 1 }
          if mentions {
            out.appendPlaceholder(.mention)
          } else {
            // Kept mentions stay one token (`@united`): who is addressed often matters.
            let start = out.scalars.count
            for k in i..<j { out.append(s[k]) }
            out.closeToken(from: start, kind: .word)
          }
          i = j
        } else {
          if v == lastPunct { punctRun += 1 } else { punctRun = 1 }
          lastPunct = v
          // Runs like "!!!!!!" keep at most three marks so that emphasis stays visible.
          if punctRun <= 3 { emitSingle(v, kind: .punctuation, into: &out) }
          i += 1
        }
      case .letter, .digit:
        if urls, c == .letter, let end = urlEnd(at: i) {
          out.appendPlaceholder(.url)
          i = end
        } else if emails, let end = emailEnd(at: i) {
          out.appendPlaceholder(.email)
          i = end
        } else if c == .digit, let end = numberEnd(from: i), !isWordChar(end) {
          if money, end < n, cls(end) == .currency {
            out.appendPlaceholder(.money)
            i = end + 1
          } else if numbers {
            out.appendPlaceholder(.number)
            i = end
          } else {
            let start = out.scalars.count
            for k in i..<end { out.append(s[k]) }
            out.closeToken(from: start, kind: .word)
            i = end
          }
        } else {
          i = scanWord(at: i, into: &out)
        }
      }
    }
  }

  private func emitSingle(_ v: UInt32, kind: TokenKind, into out: inout TokenizedText) {
    out.append(v)
    out.closeToken(from: out.scalars.count - 1, kind: kind)
  }

  /// A word: letters, digits and marks, with inner apostrophes (`don't`).
  private func scanWord(at i: Int, into out: inout TokenizedText) -> Int {
    let start = out.scalars.count
    var j = i
    while j < s.count {
      if isWordChar(j) {
        out.append(s[j])
        j += 1
      } else if s[j] == Self.apostrophe, j > i, isWordChar(j + 1) {
        out.append(s[j])
        j += 1
      } else {
        break
      }
    }
    out.closeToken(from: start, kind: .word)
    return j
  }

  /// An emoji with its modifiers, joined sequence or flag pair.
  private func scanEmoji(at i: Int, into out: inout TokenizedText) -> Int {
    let start = out.scalars.count
    var j = i
    out.append(s[j])
    let isFlag = (0x1F1E6...0x1F1FF).contains(s[j])
    j += 1
    if isFlag, j < s.count, (0x1F1E6...0x1F1FF).contains(s[j]) {
      out.append(s[j])
      j += 1
    }
    while j < s.count {
      let v = s[j]
      if UnicodeClasses.isEmojiContinuation(v) {
        out.append(v)
        j += 1
        if v == 0x200D, j < s.count, UnicodeClasses.classify(s[j]) == .emoji {
          out.append(s[j])
          j += 1
        }
      } else {
        break
      }
    }
    out.closeToken(from: start, kind: .emoji)
    return j
  }

  /// End of a number starting at `i` (digits with inner `.`, `,` or `:` between digits).
  private func numberEnd(from i: Int) -> Int? {
    guard cls(i) == .digit else { return nil }
    var j = i
    while j < s.count {
      if cls(j) == .digit {
        j += 1
      } else if s[j] == 0x2E || s[j] == 0x2C || s[j] == 0x3A, cls(j + 1) == .digit {
        j += 1
      } else {
        break
      }
    }
    return j
  }

  private func hasPrefix(_ p: [UInt32], at i: Int) -> Bool {
    guard i + p.count <= s.count else { return false }
    for k in 0..<p.count where s[i + k] != p[k] { return false }
    return true
  }

  private static let http: [UInt32] = Array("http://".unicodeScalars.map(\.value))
  private static let https: [UInt32] = Array("https://".unicodeScalars.map(\.value))
  private static let www: [UInt32] = Array("www.".unicodeScalars.map(\.value))

  /// End of a URL starting at `i`, without trailing punctuation.
  private func urlEnd(at i: Int) -> Int? {
    if i > 0 && isWordChar(i - 1) { return nil }
    let p: Int
    if hasPrefix(Self.https, at: i) {
      p = Self.https.count
    } else if hasPrefix(Self.http, at: i) {
      p = Self.http.count
    } else if hasPrefix(Self.www, at: i) {
      p = Self.www.count
    } else {
      return nil
    }
    var j = i + p
    while j < s.count {
      let c = cls(j)
      if c == .separator || c == .cjk || c == .emoji { break }
      j += 1
    }
    // Trailing sentence punctuation and closing brackets are not part of the link.
    while j > i + p, ".,!?;:)]}'\">".unicodeScalars.contains(where: { $0.value == s[j - 1] }) {
      j -= 1
    }
    return j > i + p ? j : nil
  }

  /// End of an e-mail address `local@domain.tld` starting at `i`.
  private func emailEnd(at i: Int) -> Int? {
    var j = i
    while j < s.count, isWordChar(j) || s[j] == Self.dot || s[j] == 0x2D || s[j] == 0x2B
      || s[j] == 0x25
    {
      j += 1
    }
    guard j > i, j < s.count, s[j] == Self.at else { return nil }
    var k = j + 1
    var lastDot = -1
    while k < s.count, isWordChar(k) || s[k] == Self.dot || s[k] == 0x2D {
      if s[k] == Self.dot { lastDot = k }
      k += 1
    }
    while k > j + 1, s[k - 1] == Self.dot || s[k - 1] == 0x2D {
      k -= 1
      if lastDot == k { lastDot = -1 }
    }
    if lastDot < 0 {
      for q in stride(from: k - 1, to: j, by: -1) where s[q] == Self.dot {
        lastDot = q
        break
      }
    }
    guard lastDot > j + 1, k - lastDot - 1 >= 2 else { return nil }
    for q in (lastDot + 1)..<k where cls(q) != .letter { return nil }
    return k
  }
}
