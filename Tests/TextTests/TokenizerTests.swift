import Testing
@testable import TextProcessing

@Suite struct TokenizerTests {
  let t = Tokenizer()

  @Test func lowercasesAndSplitsPunctuation() {
    #expect(t.tokens("Hello, World! Don't panic.") == ["hello", ",", "world", "!", "don't", "panic", "."])
  }

  @Test func typographicApostropheFoldsToASCII() {
    #expect(t.tokens("Didn’t arrive") == ["didn't", "arrive"])
  }

  @Test func urlsBecomePlaceholders() {
    #expect(t.tokens("see https://example.com/a?b=1. or www.x.org)") ==
      ["see", "<url>", ".", "or", "<url>", ")"])
  }

  @Test func emailsBecomePlaceholders() {
    #expect(t.tokens("mail me: Jane.Doe+x@Example.co.uk.") == ["mail", "me", ":", "<email>", "."])
  }

  @Test func mentionsBecomePlaceholders() {
    #expect(t.tokens("@united thanks @Jet_Blue!") == ["<mention>", "thanks", "<mention>", "!"])
  }

  @Test func numbersAndMoney() {
    #expect(t.tokens("paid $12.50 for 3 items, 1,000 pts, €5 and 100€; 4g 2nd") ==
      ["paid", "<money>", "for", "<num>", "items", ",", "<num>", "pts", ",", "<money>", "and",
       "<money>", ";", "4g", "2nd"])
  }

  @Test func placeholdersCanBeTurnedOff() {
    let keep = Tokenizer(placeholders: [])
    #expect(keep.tokens("@bob paid $5") == ["@bob", "paid", "$", "5"])
  }

  @Test func emojiAreTokensWithModifiers() {
    #expect(t.tokens("great😀👍🏽 trip👨‍👩‍👧!") == ["great", "😀", "👍🏽", "trip", "👨‍👩‍👧", "!"])
  }

  @Test func flagsStayTogether() {
    #expect(t.tokens("🇨🇳🇺🇸") == ["🇨🇳", "🇺🇸"])
  }

  @Test func chineseSplitsIntoCharacters() {
    #expect(t.tokens("房间很好，服务一般。") == ["房", "间", "很", "好", ",", "服", "务", "一", "般", "。"])
  }

  @Test func mixedChineseAndLatin() {
    #expect(t.tokens("iPhone手机送了90分钟") == ["iphone", "手", "机", "送", "了", "<num>", "分", "钟"])
  }

  @Test func byteOrderMarkAndFullWidthAreHarmless() {
    #expect(t.tokens("\u{FEFF}ＡＢＣ！好") == ["abc", "!", "好"])
    #expect(t.tokens("\u{FEFF}好评") == ["好", "评"])
  }

  @Test func japaneseKanaSplit() {
    #expect(t.tokens("とても良いホテル") == ["と", "て", "も", "良", "い", "ホ", "テ", "ル"])
  }

  @Test func nfkcComposesAndFolds() {
    // e + combining acute composes to é; the ﬁ ligature expands; ß folds to ss.
    #expect(t.tokens("Cafe\u{301} ﬁne STRAßE") == ["café", "fine", "strasse"])
  }

  @Test func longPunctuationRunsAreCapped() {
    #expect(t.tokens("no!!!!!!") == ["no", "!", "!", "!"])
  }

  @Test func emptyAndWhitespaceOnly() {
    #expect(t.tokens("").isEmpty)
    #expect(t.tokens(" \t\n\u{3000} ").isEmpty)
  }

  @Test func tokenKinds() {
    var out = TokenizedText()
    t.tokenize("ok 好 😀 ! 5", into: &out)
    #expect(out.tokens.map(\.kind) == [.word, .cjk, .emoji, .punctuation, .placeholder])
  }
}
