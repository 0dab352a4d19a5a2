import NeuralCore
import TextProcessing

/// A linear layer over sparse inputs: `logits = x · W + b` with `W` of shape
/// (features, outputs). With TF-IDF weights on the inputs this is an `EmbeddingBag` in sum mode
/// whose dimension equals the number of classes, followed by a bias.
public struct SparseLinearModel: Sendable, Equatable {
  /// Number of input features (rows of `weights`).
  public let features: Int
  /// Number of outputs (classes).
  public let outputs: Int
  /// Weights, row-major (features, outputs).
  public var weights: [Float]
  /// Bias, one per output.
  public var bias: [Float]

  /// A zero-initialised model (a convex problem: zeros are the usual start for logistic
  /// regression and make training independent of initialisation noise).
  public init(features: Int, outputs: Int) {
    self.features = features
    self.outputs = outputs
    weights = [Float](repeating: 0, count: features * outputs)
    bias = [Float](repeating: 0, count: outputs)
  }

  /// Creates a model from stored parameters.
  /// - Precondition: `weights.count == features * outputs`, `bias.count == outputs`.
  public init(features: Int, outputs: Int, weights: [Float], bias: [Float]) {
    precondition(weights.count == features * outputs && bias.count == outputs)
    self.features = features
    self.outputs = outputs
    self.weights = weights
    self.bias = bias
  }

  /// Writes the logits of row `r` of `x` into `out` (length `classes`).
  @inline(__always)
  static func logits(
    row r: Int, of x: SparseRows, weights w: UnsafePointer<Float>, bias: [Float], classes c: Int,
    into out: UnsafeMutablePointer<Float>
  ) {
    for k in 0..<c { out[k] = bias[k] }
    x.accumulate(row: r, table: w, width: c, into: out)
  }

  /// Logits of every row of `x`, shape (rows, outputs), computed on all cores.
  public func logits(_ x: SparseRows) -> [Float] {
    let n = x.count
    let c = outputs
    var out = [Float](repeating: 0, count: n * c)
    if n == 0 { return out }
    let bias = self.bias
    out.withUnsafeMutableBufferPointer { op in
      let o = UnsafeSendablePointer(op.baseAddress)
      weights.withUnsafeBufferPointer { wp in
        let w = UnsafeSendablePointer(UnsafeMutablePointer(mutating: wp.baseAddress))
        Parallel.forEachChunk(count: n, chunks: n * c * 64 > 1 << 16 ? Parallel.coreCount : 1) {
          range in
          for r in range {
            Self.logits(
              row: r, of: x, weights: w.pointer, bias: bias, classes: c, into: o.pointer + r * c)
          }
        }
      }
    }
    return out
  }
}

extension SparseRows {
  /// Adds `Σ v · table[f]` over the entries `(f, v)` of row `r` to `out`, where `table` is
  /// row-major with `width` columns: one row of an `EmbeddingBag` in sum mode with per-id
  /// weights.
  @inline(__always)
  func accumulate(
    row r: Int, table: UnsafePointer<Float>, width: Int, into out: UnsafeMutablePointer<Float>
  ) {
    indices.withUnsafeBufferPointer { ip in
      values.withUnsafeBufferPointer { vp in
        for e in offsets[r]..<offsets[r + 1] {
          let v = vp[e]
          let src = table + Int(ip[e]) * width
          for j in 0..<width { out[j] += v * src[j] }
        }
      }
    }
  }
}

/// A raw pointer that may cross into concurrently running closures; the code that creates it
/// guarantees that workers touch disjoint elements.
struct UnsafeSendablePointer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ p: UnsafeMutablePointer<T>?) {
    guard let p else { preconditionFailure("empty buffer") }
    pointer = p
  }
}
