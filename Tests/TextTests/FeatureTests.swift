import Testing
@testable import TextProcessing

@Suite struct FeatureTests {
  @Test func fnvMatchesReferenceVectors() {
    // Published FNV-1a 64-bit test vectors.
    #expect(FeatureHash.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(FeatureHash.fnv1a("foobar") == 0x8594_4171_f739_67e8)
  }

  @Test func hashesAreDeterministicAndGrouped() {
    let config = FeatureConfiguration(wordNgrams: 2, charNgrams: 3...3)
    var e1 = FeatureExtractor(configuration: config)
    var e2 = FeatureExtractor(configuration: config)
    var tok = TokenizedText()
    Tokenizer().tokenize("card arrived", into: &tok)
    var a: [UInt64] = []
    var b: [UInt64] = []
    e1.hashes(of: tok, into: &a)
    e2.hashes(of: tok, into: &b)
    #expect(a == b)
    // 2 unigrams + 1 bigram, then 3-grams of "<card>" (4) and "<arrived>" (7).
    #expect(a.count == 3 + 4 + 7)
    #expect(a.prefix(3).allSatisfy { $0 & FeatureHash.characterGroupBit == 0 })
    #expect(a.dropFirst(3).allSatisfy { $0 & FeatureHash.characterGroupBit != 0 })
  }

  @Test func chineseGetsCharacterBigramsAndTrigrams() {
    let config = FeatureConfiguration(wordNgrams: 2, cjkNgrams: 3, charNgrams: 2...5)
    var e = FeatureExtractor(configuration: config)
    var tok = TokenizedText()
    Tokenizer().tokenize("房间很好", into: &tok)
    var names: [String] = []
    e.forEachFeature(of: tok) { _, origin in
      names.append(FeatureExtractor.describe(origin, in: tok))
    }
    #expect(Set(names) == ["很", "很好", "好", "房", "房间", "房间很", "间", "间很", "间很好"])
    #expect(names.count == 9)
  }

  @Test func characterNgramsDescribeWithBoundaries() {
    var e = FeatureExtractor(configuration: .init(wordNgrams: 1, charNgrams: 2...2))
    var tok = TokenizedText()
    Tokenizer().tokenize("Hi", into: &tok)
    var names: [String] = []
    e.forEachFeature(of: tok) { _, o in names.append(FeatureExtractor.describe(o, in: tok)) }
    #expect(names == ["hi", "[<h]", "[hi]", "[i>]"])
  }

  /// Reference values from scikit-learn's formulas (smooth idf = ln((1+n)/(1+df))+1),
  /// i.e. `TfidfVectorizer(sublinear_tf=…, norm="l2").fit_transform(docs)`, computed in Python.
  @Test func tfidfMatchesScikitLearn() throws {
    let docs = ["apple banana", "apple cherry", "apple apple date"]
    let plain = FeatureConfiguration(
      wordNgrams: 1, cjkNgrams: 0, charNgrams: nil, minDocumentFrequency: 1,
      sublinearTF: false, normalization: .l2)
    let v = try TextVectorizer(features: plain).fit(docs)
    #expect(v.featureCount == 4)
    let x = v.transform(docs)
    func weight(_ row: Int, _ word: String) -> Float {
      let key = FeatureHash.wordNgram(hashes: [FeatureHash.token(word.unicodeScalars.map(\.value))])
      guard let f = v.featureIndex(of: key) else { return -1 }
      for k in x.offsets[row]..<x.offsets[row + 1] where x.indices[k] == Int32(f) {
        return x.values[k]
      }
      return 0
    }
    #expect(abs(weight(0, "apple") - 0.508542) < 1e-5)
    #expect(abs(weight(0, "banana") - 0.861037) < 1e-5)
    #expect(abs(weight(2, "apple") - 0.763228) < 1e-5)
    #expect(abs(weight(2, "date") - 0.646129) < 1e-5)
    var sub = plain
    sub.sublinearTF = true
    let y = try TextVectorizer(features: sub).fit(docs).transform(docs)
    let row2 = y.values[y.offsets[2]..<y.offsets[3]]
    #expect(row2.allSatisfy { abs($0 - 0.707107) < 1e-5 })
  }

  @Test func minDocumentFrequencyDropsRareFeatures() throws {
    let config = FeatureConfiguration(wordNgrams: 1, charNgrams: nil, minDocumentFrequency: 2)
    let v = try TextVectorizer(features: config).fit(["a b", "a c", "a d"])
    #expect(v.featureCount == 1)
    let x = v.transform(["zzz", "a"])
    #expect(x.offsets == [0, 0, 1])
  }

  @Test func perGroupNormalisationScalesEachGroupToUnitLength() throws {
    let v = try TextVectorizer(features: .init(minDocumentFrequency: 1)).fit(["refund please", "card"])
    let x = v.transform(["refund please"])
    var word: Float = 0
    var char: Float = 0
    for k in 0..<x.nonzeroCount {
      if Int(x.indices[k]) < v.wordFeatureCount { word += x.values[k] * x.values[k] }
      else { char += x.values[k] * x.values[k] }
    }
    #expect(abs(word - 1) < 1e-5 && abs(char - 1) < 1e-5)
  }

  @Test func featureNamesAreRecoveredFromTexts() throws {
    let v = try TextVectorizer(features: .init(charNgrams: nil, minDocumentFrequency: 1))
      .fit(["lost card", "card lost"])
    let all = Set(0..<v.featureCount)
    let names = v.featureNames(for: all, in: ["lost card", "card lost"])
    #expect(Set(names.values) == ["lost", "card", "lost card", "card lost"])
  }

  @Test func emptyCorpusThrows() {
    #expect(throws: TextProcessingError.noDocuments) { try TextVectorizer().fit(["", "  "]) }
  }

  @Test func badConfigurationThrows() {
    #expect(throws: TextProcessingError.self) {
      try TextVectorizer(features: .init(wordNgrams: 0)).fit(["a"])
    }
  }
}
