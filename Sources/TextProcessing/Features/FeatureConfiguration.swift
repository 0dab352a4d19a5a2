/// Which hashed features describe a text and how they are weighted.
///
/// Defaults follow the strongest linear baselines for short texts (word 1–2-grams plus
/// character 2–5-grams inside words for alphabetic scripts, character 1–3-grams for Chinese and
/// Japanese, sublinear TF-IDF, L2-normalised per group; cf. scikit-learn's `TfidfVectorizer`
/// and Joulin et al., "Bag of Tricks for Efficient Text Classification", 2016).
public struct FeatureConfiguration: Sendable, Codable, Equatable {
  /// How a document's feature vector is scaled.
  public enum Normalization: String, Sendable, Codable, Equatable {
    /// No scaling.
    case none
    /// The whole vector has unit Euclidean length.
    case l2
    /// Word n-grams and character n-grams are each scaled to unit length (like
    /// concatenating two L2-normalised TF-IDF blocks).
    case l2PerGroup
  }

  /// Token n-grams of length 1 through `wordNgrams` (CJK characters are tokens, so 2 adds
  /// character bigrams for Chinese).
  public var wordNgrams: Int
  /// Longer n-grams, up to this length, inside runs of consecutive CJK characters (0 = none).
  public var cjkNgrams: Int
  /// Character n-gram lengths inside each alphabetic word (with `<` `>` boundary marks);
  /// `nil` turns them off.
  public var charNgrams: ClosedRange<Int>?
  /// Features seen in fewer training documents are dropped.
  public var minDocumentFrequency: Int
  /// Use `1 + ln(tf)` instead of the raw count.
  public var sublinearTF: Bool
  /// Multiply by the smoothed inverse document frequency `ln((1+n)/(1+df)) + 1`.
  public var useIDF: Bool
  /// Scaling of each document vector.
  public var normalization: Normalization

  /// Creates a configuration; every value has a measured default.
  public init(
    wordNgrams: Int = 2, cjkNgrams: Int = 3, charNgrams: ClosedRange<Int>? = 2...5,
    minDocumentFrequency: Int = 2, sublinearTF: Bool = true, useIDF: Bool = true,
    normalization: Normalization = .l2PerGroup
  ) {
    self.wordNgrams = wordNgrams
    self.cjkNgrams = cjkNgrams
    self.charNgrams = charNgrams
    self.minDocumentFrequency = minDocumentFrequency
    self.sublinearTF = sublinearTF
    self.useIDF = useIDF
    self.normalization = normalization
  }

  /// Throws when a value is out of range.
  public func validate() throws {
    guard (1...6).contains(wordNgrams) else {
      throw TextProcessingError.invalidConfiguration(
        "wordNgrams is \(wordNgrams); use a value from 1 to 6")
    }
    guard (0...6).contains(cjkNgrams) else {
      throw TextProcessingError.invalidConfiguration(
        "cjkNgrams is \(cjkNgrams); use a value from 0 to 6")
    }
    if let r = charNgrams, r.lowerBound < 1 || r.upperBound > 8 {
      throw TextProcessingError.invalidConfiguration(
        "charNgrams is \(r); use lengths between 1 and 8")
    }
    guard minDocumentFrequency >= 1 else {
      throw TextProcessingError.invalidConfiguration(
        "minDocumentFrequency is \(minDocumentFrequency); use 1 or more")
    }
  }
}
