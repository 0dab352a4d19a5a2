import Foundation
import NeuralCore

/// A ``TextVectorizer`` fitted to training texts: the kept feature hashes (sorted, word
/// n-grams first) and their inverse document frequencies.
public struct FittedTextVectorizer: Sendable {
  /// The settings it was fitted with.
  public let vectorizer: TextVectorizer
  /// Kept feature hashes in ascending order; the position is the feature index.
  public let keys: [UInt64]
  /// Inverse document frequency of each feature.
  public let idf: [Float]
  /// Number of training texts.
  public let documentCount: Int
  /// Features `0..<wordFeatureCount` are token n-grams, the rest character n-grams.
  public let wordFeatureCount: Int
  let index: HashIndex

  /// Creates a fitted vectorizer from its parts (used when loading a model).
  /// - Precondition: `keys` is sorted ascending and `idf.count == keys.count`.
  public init(vectorizer: TextVectorizer, keys: [UInt64], idf: [Float], documentCount: Int) {
    precondition(keys.count == idf.count)
    self.vectorizer = vectorizer
    self.keys = keys
    self.idf = idf
    self.documentCount = documentCount
    wordFeatureCount = keys.firstIndex { $0 & FeatureHash.characterGroupBit != 0 } ?? keys.count
    var table = HashIndex(capacity: keys.count)
    for (i, k) in keys.enumerated() { table.insert(k, value: Int32(i)) }
    index = table
  }

  /// Number of features (columns of the output).
  public var featureCount: Int { keys.count }

  /// Index of the feature with hash `key`, if it was kept.
  public func featureIndex(of key: UInt64) -> Int? {
    let i = index.find(key)
    return i >= 0 ? Int(i) : nil
  }

  /// Vectorizes `texts` on all cores; row `i` is text `i`.
  public func transform(_ texts: [String]) -> SparseRows {
    let parts = Parallel.map(count: texts.count) { range -> SparseRows in
      var rows = SparseRows()
      var scratch = VectorizerScratch(configuration: vectorizer.features)
      for i in range { transform(texts[i], scratch: &scratch, into: &rows) }
      return rows
    }
    var out = parts[0]
    for p in parts.dropFirst() { out.append(contentsOf: p) }
    return out
  }

  /// Appends the vector of one text to `rows`, reusing `scratch`.
  public func transform(_ text: String, scratch: inout VectorizerScratch, into rows: inout SparseRows) {
    scratch.extract(text, tokenizer: vectorizer.tokenizer)
    let config = vectorizer.features
    var wordNorm: Float = 0
    var charNorm: Float = 0
    let split = Int32(wordFeatureCount)
    let start = rows.indices.count
    index.findAll(scratch.unique, into: &scratch.found, firstProbe: &scratch.probe)
    // One pass with the arrays read once (this is most of `predict`'s time); most n-grams
    // occur once in a text and 1 + log(1) is exactly 1, so `log` is skipped for them.
    let sublinear = config.sublinearTF
    let counts = scratch.counts
    idf.withUnsafeBufferPointer { ip in
      scratch.found.withUnsafeBufferPointer { fp in
        counts.withUnsafeBufferPointer { cp in
          for k in 0..<fp.count {
            let f = fp[k]
            guard f >= 0 else { continue }
            let c = cp[k]
            let tf: Float = sublinear ? (c == 1 ? 1 : 1 + log(Float(c))) : Float(c)
            let w = tf * ip[Int(f)]
            if f < split { wordNorm += w * w } else { charNorm += w * w }
            rows.indices.append(f)
            rows.values.append(w)
          }
        }
      }
    }
    switch config.normalization {
    case .none: break
    case .l2:
      let total = (wordNorm + charNorm).squareRoot()
      if total > 0 { for k in start..<rows.values.count { rows.values[k] /= total } }
    case .l2PerGroup:
      let wn = wordNorm.squareRoot()
      let cn = charNorm.squareRoot()
      for k in start..<rows.values.count {
        let n = rows.indices[k] < split ? wn : cn
        if n > 0 { rows.values[k] /= n }
      }
    }
    rows.offsets.append(rows.indices.count)
  }

  /// Readable names for the features in `wanted`, found by re-reading `texts` (hashes are
  /// one-way, so names are recovered from example texts; features never seen stay unnamed).
  public func featureNames<S: Sequence>(for wanted: Set<Int>, in texts: S) -> [Int: String]
  where S.Element == String {
    var names: [Int: String] = [:]
    var tokenized = TokenizedText()
    var scalars: [UInt32] = []
    var extractor = FeatureExtractor(configuration: vectorizer.features)
    for text in texts {
      if names.count == wanted.count { break }
      vectorizer.tokenizer.tokenize(text, into: &tokenized, scratch: &scalars)
      extractor.forEachFeature(of: tokenized) { h, origin in
        let f = index.find(h)
        if f >= 0, wanted.contains(Int(f)), names[Int(f)] == nil {
          names[Int(f)] = FeatureExtractor.describe(origin, in: tokenized)
        }
      }
    }
    return names
  }
}
