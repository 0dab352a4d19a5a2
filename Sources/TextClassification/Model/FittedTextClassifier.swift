import Foundation
import NeuralCore
import TextProcessing

/// Class probabilities for a batch of texts: row `r` holds one probability per class.
public struct ProbabilityMatrix: Sendable, Equatable {
  /// Number of classes (columns).
  public let classCount: Int
  /// Row-major probabilities.
  public var values: [Float]

  /// Creates a matrix from row-major values.
  public init(classCount: Int, values: [Float]) {
    precondition(classCount > 0 && values.count % classCount == 0)
    self.classCount = classCount
    self.values = values
  }

  /// Number of rows.
  public var count: Int { values.count / classCount }

  /// Probabilities of row `r`.
  public subscript(r: Int) -> ArraySlice<Float> {
    values[(r * classCount)..<((r + 1) * classCount)]
  }

  /// Index and probability of the most likely class of row `r`.
  public func top(_ r: Int) -> (index: Int, probability: Float) {
    var best = 0
    let base = r * classCount
    for k in 1..<classCount where values[base + k] > values[base + best] { best = k }
    return (best, values[base + best])
  }

  /// The `k` most likely classes of row `r`, most likely first.
  public func top(_ r: Int, k: Int) -> [(index: Int, probability: Float)] {
    let row = self[r]
    let sorted = row.indices.sorted { row[$0] > row[$1] || (row[$0] == row[$1] && $0 < $1) }
    return sorted.prefix(k).map { ($0 - r * classCount, row[$0]) }
  }
}

/// A trained ``TextClassifier``: the fitted vectorizer, the class names and the weights.
public struct FittedTextClassifier: Sendable {
  /// The settings it was trained with.
  public let configuration: TextClassifier
  /// Class names; output `k` is `classes[k]`.
  public let classes: [String]
  /// The fitted features.
  public let features: FittedTextVectorizer
  /// The network: linear weights (features, classes) and bias, or one hidden layer.
  public let model: TextNetwork

  /// Creates a fitted classifier from its parts.
  public init(
    configuration: TextClassifier, classes: [String], features: FittedTextVectorizer,
    model: TextNetwork
  ) {
    precondition(model.outputs == classes.count && model.features == features.featureCount)
    self.configuration = configuration
    self.classes = classes
    self.features = features
    self.model = model
  }

  /// Probabilities for already vectorized rows (softmax, or sigmoids for multi-label).
  public func predictProbabilities(vectors x: SparseRows) -> ProbabilityMatrix {
    var z = model.logits(x)
    let c = classes.count
    if configuration.multiLabel {
      for i in 0..<z.count { z[i] = 1 / (1 + Foundation.exp(-z[i])) }
    } else {
      for r in 0..<(z.count / c) {
        var m = z[r * c]
        for k in 1..<c where z[r * c + k] > m { m = z[r * c + k] }
        var sum: Float = 0
        for k in 0..<c {
          z[r * c + k] = Foundation.exp(z[r * c + k] - m)
          sum += z[r * c + k]
        }
        for k in 0..<c { z[r * c + k] /= sum }
      }
    }
    return ProbabilityMatrix(classCount: c, values: z)
  }

  /// Class probabilities of `texts`, computed on all cores.
  public func predictProbabilities(_ texts: [String]) -> ProbabilityMatrix {
    predictProbabilities(vectors: features.transform(texts))
  }

  /// The most likely class of each text.
  public func predict(_ texts: [String]) -> [String] {
    let p = predictProbabilities(texts)
    return (0..<p.count).map { classes[p.top($0).index] }
  }

  /// The features with the largest weights for class `k` (most indicative first), as
  /// `(feature index, weight)`; for a linear model on TF-IDF inputs these are the n-grams that
  /// push a text towards the class the most (for the hidden-layer network: the n-grams whose
  /// text-of-one-feature logits favour the class the most).
  public func topFeatures(forClass k: Int, count: Int) -> [(feature: Int, weight: Float)] {
    let c = classes.count
    var best: [(Int, Float)] = []
    best.reserveCapacity(count + 1)
    var effect = [Float](repeating: 0, count: c)
    for f in 0..<model.features {
      model.featureEffect(f, into: &effect)
      // Relative to the mean over classes, so a feature common to all classes ranks low.
      var mean: Float = 0
      for j in 0..<c { mean += effect[j] }
      mean /= Float(c)
      let w = c == 2 && !configuration.multiLabel ? effect[k] - effect[1 - k] : effect[k] - mean
      if best.count < count || w > best[best.count - 1].1 {
        let pos = best.firstIndex { $0.1 < w } ?? best.count
        best.insert((f, w), at: pos)
        if best.count > count { best.removeLast() }
      }
    }
    return best.map { (feature: $0.0, weight: $0.1) }
  }
}
