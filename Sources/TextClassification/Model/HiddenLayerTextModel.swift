import Foundation
import NeuralCore
import TextProcessing

/// A text network with one small hidden layer: an `EmbeddingBag` in sum mode over the
/// TF-IDF-weighted features (`features × hidden`), a ReLU, then a dense layer to one logit per
/// class: `logits = relu(x · E) · W + b`.
///
/// This is fastText's architecture (Joulin et al., 2016) with a ReLU on the hidden layer; the
/// plain ``SparseLinearModel`` is the special case without the bottleneck.
public struct HiddenLayerTextModel: Sendable, Equatable {
  /// Number of input features (rows of `embedding`).
  public let features: Int
  /// Width of the hidden layer.
  public let hidden: Int
  /// Number of outputs (classes).
  public let outputs: Int
  /// Embedding table, row-major (features, hidden).
  public var embedding: [Float]
  /// Output weights, row-major (hidden, outputs).
  public var weights: [Float]
  /// Output bias, one per class.
  public var bias: [Float]

  /// Creates a model from its parameters.
  /// - Precondition: the arrays have the sizes named above.
  public init(
    features: Int, hidden: Int, outputs: Int, embedding: [Float], weights: [Float],
    bias: [Float]
  ) {
    precondition(
      embedding.count == features * hidden && weights.count == hidden * outputs
        && bias.count == outputs)
    self.features = features
    self.hidden = hidden
    self.outputs = outputs
    self.embedding = embedding
    self.weights = weights
    self.bias = bias
  }

  /// A model with an `N(0, 1/hidden)` embedding table and Glorot-uniform output weights drawn
  /// from `generator` (NeuralCore's `EmbeddingBag` and `Dense` initialisers), zero bias.
  public init(
    features: Int, hidden: Int, outputs: Int, generator: inout some RandomNumberGenerator
  ) {
    let bag = EmbeddingBag(count: features, dimension: hidden, mode: .sum, generator: &generator)
    let dense = Dense(inputs: hidden, outputs: outputs, generator: &generator)
    self.init(
      features: features, hidden: hidden, outputs: outputs, embedding: bag.weight.value.data,
      weights: dense.weight.value.data, bias: [Float](repeating: 0, count: outputs))
  }

  /// Writes the logits of row `r` of `x` into `out` (length `outputs`), using `h` (length
  /// `hidden`) as scratch.
  @inline(__always)
  static func logits(
    row r: Int, of x: SparseRows, embedding e: UnsafePointer<Float>,
    weights w: UnsafePointer<Float>, bias: UnsafePointer<Float>, hidden d: Int, classes c: Int,
    scratch h: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>
  ) {
    h.update(repeating: 0, count: d)
    x.accumulate(row: r, table: e, width: d, into: h)
    for k in 0..<c { out[k] = bias[k] }
    for j in 0..<d where h[j] > 0 {
      let hj = h[j]
      let row = w + j * c
      for k in 0..<c { out[k] += hj * row[k] }
    }
  }

  /// Logits of every row of `x`, shape (rows, outputs), computed on all cores.
  public func logits(_ x: SparseRows) -> [Float] {
    let n = x.count
    let (d, c) = (hidden, outputs)
    var out = [Float](repeating: 0, count: n * c)
    if n == 0 { return out }
    out.withUnsafeMutableBufferPointer { op in
      let o = UnsafeSendablePointer(op.baseAddress)
      embedding.withUnsafeBufferPointer { ep in
        weights.withUnsafeBufferPointer { wp in
          bias.withUnsafeBufferPointer { bp in
            let e = UnsafeSendablePointer(UnsafeMutablePointer(mutating: ep.baseAddress))
            let w = UnsafeSendablePointer(UnsafeMutablePointer(mutating: wp.baseAddress))
            let b = UnsafeSendablePointer(UnsafeMutablePointer(mutating: bp.baseAddress))
            let chunks = n * d * 64 > 1 << 16 ? Parallel.coreCount : 1
            Parallel.forEachChunk(count: n, chunks: chunks) { range in
              var h = [Float](repeating: 0, count: d)
              h.withUnsafeMutableBufferPointer { hp in
                guard let hb = hp.baseAddress else { return }
                for r in range {
                  Self.logits(
                    row: r, of: x, embedding: e.pointer, weights: w.pointer, bias: b.pointer,
                    hidden: d, classes: c, scratch: hb, into: o.pointer + r * c)
                }
              }
            }
          }
        }
      }
    }
    return out
  }
}

/// The weights of a fitted text classifier: linear, or with one hidden layer.
public enum TextNetwork: Sendable, Equatable {
  /// `x · W + b` (multinomial or one-vs-all logistic regression).
  case linear(SparseLinearModel)
  /// `relu(x · E) · W + b`.
  case hidden(HiddenLayerTextModel)

  /// Number of input features.
  public var features: Int {
    switch self {
    case .linear(let m): return m.features
    case .hidden(let m): return m.features
    }
  }

  /// Number of outputs (classes).
  public var outputs: Int {
    switch self {
    case .linear(let m): return m.outputs
    case .hidden(let m): return m.outputs
    }
  }

  /// Logits of every row of `x`, shape (rows, outputs).
  public func logits(_ x: SparseRows) -> [Float] {
    switch self {
    case .linear(let m): return m.logits(x)
    case .hidden(let m): return m.logits(x)
    }
  }

  /// How much feature `f` alone moves each class's logit: row `f` of the linear weights, or
  /// `relu(E[f]) · W` for the hidden-layer network (the logits of a text holding only that
  /// feature, minus the bias).
  func featureEffect(_ f: Int, into out: inout [Float]) {
    switch self {
    case .linear(let m):
      for k in 0..<m.outputs { out[k] = m.weights[f * m.outputs + k] }
    case .hidden(let m):
      for k in 0..<m.outputs { out[k] = 0 }
      for j in 0..<m.hidden {
        let h = m.embedding[f * m.hidden + j]
        guard h > 0 else { continue }
        for k in 0..<m.outputs { out[k] += h * m.weights[j * m.outputs + k] }
      }
    }
  }
}
