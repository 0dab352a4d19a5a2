import Foundation
import NeuralCore

/// Turns texts into sparse TF-IDF vectors over hashed n-gram features.
///
/// `TextVectorizer` only stores settings; ``fit(_:)`` learns which features occur in at least
/// `minDocumentFrequency` training texts and their inverse document frequencies and returns a
/// ``FittedTextVectorizer``.
///
/// ```swift
/// let v = try TextVectorizer().fit(["the card arrived", "card not arrived", "房间很好"])
/// let x = v.transform(["card arrived?"])  // one row of weights
/// ```
public struct TextVectorizer: Sendable, Codable, Equatable {
  /// How text is split into tokens.
  public var tokenizer: Tokenizer
  /// Which features are extracted and how they are weighted.
  public var features: FeatureConfiguration

  /// Creates a vectorizer with the given settings.
  public init(tokenizer: Tokenizer = Tokenizer(), features: FeatureConfiguration = .init()) {
    self.tokenizer = tokenizer
    self.features = features
  }

  /// Learns the feature vocabulary and document frequencies from `texts`.
  /// - Throws: ``TextProcessingError/invalidConfiguration(_:)`` for bad settings,
  ///   ``TextProcessingError/noDocuments`` when no feature occurs often enough.
  /// - Complexity: O(total text length); runs on all cores.
  public func fit(_ texts: [String]) throws -> FittedTextVectorizer {
    try features.validate()
    let config = self
    // Each worker lists the distinct hashes of each of its documents; one radix sort of all
    // of them then gives every hash's document frequency as a run length.
    let parts = Parallel.map(count: texts.count) { range -> [UInt64] in
      var all: [UInt64] = []
      var scratch = VectorizerScratch(configuration: config.features)
      for d in range {
        scratch.extract(texts[d], tokenizer: config.tokenizer)
        all.append(contentsOf: scratch.unique)
      }
      HashSorting.radixSort(&all)
      return all
    }
    var all = parts[0]
    for p in parts.dropFirst() { all = HashSorting.merge(all, p) }
    let minDF = features.minDocumentFrequency
    var kept: [(UInt64, Int32)] = []
    var i = 0
    while i < all.count {
      var j = i + 1
      while j < all.count && all[j] == all[i] { j += 1 }
      if j - i >= minDF { kept.append((all[i], Int32(j - i))) }
      i = j
    }
    guard !kept.isEmpty else { throw TextProcessingError.noDocuments }
    let n = Float(texts.count)
    let idf = kept.map { features.useIDF ? log((1 + n) / (1 + Float($0.1))) + 1 : 1 }
    return FittedTextVectorizer(
      vectorizer: self, keys: kept.map(\.0), idf: idf, documentCount: texts.count)
  }
}

/// Reusable buffers for tokenizing and hashing one text at a time.
public struct VectorizerScratch: Sendable {
  var tokenized = TokenizedText()
  var scalars: [UInt32] = []
  var extractor: FeatureExtractor
  var hashes: [UInt64] = []
  var counter = TermCounter()
  /// Distinct hashes of the last text, in order of first occurrence.
  var unique: [UInt64] { counter.unique }
  /// How often each distinct hash occurred.
  var counts: [Int32] { counter.counts }
  var found: [Int32] = []
  var probe: [UInt64] = []

  /// Creates buffers for `configuration`.
  public init(configuration: FeatureConfiguration) {
    extractor = FeatureExtractor(configuration: configuration)
  }

  mutating func extract(_ text: String, tokenizer: Tokenizer) {
    tokenizer.tokenize(text, into: &tokenized, scratch: &scalars)
    hashes.removeAll(keepingCapacity: true)
    extractor.hashes(of: tokenized, into: &hashes)
    counter.count(hashes)
  }
}
