import Foundation
import Kernels

/// The fitted multi-layer perceptrons of a risk model, kept as plain weight arrays for fast,
/// allocation-light batch inference and for reason codes.
///
/// Each ensemble member maps an encoded row to one raw logit through dense layers
/// `h = relu(h · W + b)` (the last layer has no activation); the model's logit is the mean of the
/// members' logits, so an ensemble is also one wider network with block-diagonal weights (which
/// is how the PMML export writes it).
public struct RiskNetwork: Codable, Sendable, Equatable {
  /// One dense layer: `output = input · weights + bias`, then ReLU unless it is the last layer.
  public struct Layer: Codable, Sendable, Equatable {
    /// Input width.
    public var inputs: Int
    /// Output width.
    public var outputs: Int
    /// Row-major (inputs, outputs) matrix.
    public var weights: [Float]
    /// One bias per output.
    public var bias: [Float]

    /// Creates a layer; `weights.count` must be `inputs * outputs`.
    public init(inputs: Int, outputs: Int, weights: [Float], bias: [Float]) {
      precondition(weights.count == inputs * outputs && bias.count == outputs)
      self.inputs = inputs
      self.outputs = outputs
      self.weights = weights
      self.bias = bias
    }
  }

  /// Ensemble members, each a chain of layers ending in a single output.
  public var members: [[Layer]]

  /// Creates a network from its members.
  public init(members: [[Layer]]) {
    precondition(!members.isEmpty && members.allSatisfy { $0.last?.outputs == 1 })
    self.members = members
  }

  /// Encoded input width.
  public var inputWidth: Int { members[0][0].inputs }

  /// Mean raw logit of every row of a row-major (rows, inputWidth) batch.
  /// - Complexity: one GEMM per layer and member.
  public func logits(_ batch: [Float], rows: Int) -> [Float] {
    var result = [Float](repeating: 0, count: rows)
    let scale = 1 / Float(members.count)
    for member in members {
      let out = Self.forward(member, from: 0, batch, rows: rows)
      for r in 0..<rows { result[r] += out[r] * scale }
    }
    return result
  }

  /// Runs `layers[start...]` on a (rows, layers[start].inputs) batch; ReLU on all but the last
  /// layer of the chain. Returns (rows, last outputs).
  static func forward(_ layers: [Layer], from start: Int, _ input: [Float], rows: Int) -> [Float] {
    var current = input
    for index in start..<layers.count {
      let layer = layers[index]
      var output = [Float](repeating: 0, count: rows * layer.outputs)
      if rows > 0 {
        current.withUnsafeBufferPointer { a in
          layer.weights.withUnsafeBufferPointer { b in
            output.withUnsafeMutableBufferPointer { c in
              guard let ap = a.baseAddress, let bp = b.baseAddress, let cp = c.baseAddress else {
                return
              }
              GEMM.sgemm(
                transA: false, transB: false, m: rows, n: layer.outputs, k: layer.inputs,
                a: ap, lda: layer.inputs, b: bp, ldb: layer.outputs, c: cp, ldc: layer.outputs)
            }
          }
        }
      }
      let relu = index < layers.count - 1
      output.withUnsafeMutableBufferPointer { out in
        layer.bias.withUnsafeBufferPointer { bias in
          for r in 0..<rows {
            let base = r * layer.outputs
            for j in 0..<layer.outputs {
              let v = out[base + j] + bias[j]
              out[base + j] = relu ? max(v, 0) : v
            }
          }
        }
      }
      current = output
    }
    return current
  }
}

extension RiskNetwork {
  /// What `logits(replacing:from:in:rows:firstLayer:)` reuses: every member's first-layer
  /// product `batch · W1` (no bias), (rows, first outputs), and its output on the batch as is.
  struct FirstLayerCache: Sendable {
    var products: [[Float]]
    var outputs: [[Float]]
  }

  /// Computes the cache for `batch`.
  func firstLayerCache(_ batch: [Float], rows: Int) -> FirstLayerCache {
    var products: [[Float]] = []
    var outputs: [[Float]] = []
    for member in members {
      let product = Self.linear(member[0], batch, rows: rows)
      products.append(product)
      outputs.append(Self.rest(member, firstProduct: product, rows: rows))
    }
    return FirstLayerCache(products: products, outputs: outputs)
  }

  /// Mean logits of the batch the cache was computed for (the same values as
  /// `logits(_:rows:)`: the same products, summed in member order).
  func logits(from cache: FirstLayerCache, rows: Int) -> [Float] {
    let scale = 1 / Float(members.count)
    var result = [Float](repeating: 0, count: rows)
    for out in cache.outputs {
      for r in 0..<rows { result[r] += out[r] * scale }
    }
    return result
  }

  /// Mean logits of `batch` with the encoded `columns` of row `r` replaced by those of row
  /// `order[r]` (a shuffled field, for permutation importance), without redoing the first layer:
  /// only the replaced columns' share of each member's first-layer product changes, and rows
  /// whose columns did not change keep the cached output. Equals `logits(shuffledBatch, rows:)`
  /// up to float rounding.
  func logits(
    replacing columns: [Int], from order: [Int], in batch: [Float], rows: Int,
    cache: FirstLayerCache
  ) -> [Float] {
    precondition(order.count == rows && cache.products.count == members.count)
    let width = inputWidth
    // Rows whose shuffled columns differ from their own, with the non-zero column changes of
    // each (found once: the shuffled rows are random reads).
    var changed: [Int] = []
    var starts: [Int] = [0]
    var changedColumns: [Int] = []
    var deltas: [Float] = []
    batch.withUnsafeBufferPointer { x in
      for r in 0..<rows {
        let source = order[r]
        for c in columns {
          let delta = x[source * width + c] - x[r * width + c]
          if delta != 0 {
            changedColumns.append(c)
            deltas.append(delta)
          }
        }
        if changedColumns.count > starts[starts.count - 1] {
          changed.append(r)
          starts.append(changedColumns.count)
        }
      }
    }
    let scale = 1 / Float(members.count)
    var result = [Float](repeating: 0, count: rows)
    for (m, member) in members.enumerated() {
      let first = member[0]
      let hidden = first.outputs
      var z = [Float](repeating: 0, count: changed.count * hidden)
      z.withUnsafeMutableBufferPointer { zp in
        cache.products[m].withUnsafeBufferPointer { product in
          first.weights.withUnsafeBufferPointer { w in
            for (k, r) in changed.enumerated() {
              let row = k * hidden
              for j in 0..<hidden { zp[row + j] = product[r * hidden + j] }
              for i in starts[k]..<starts[k + 1] {
                let delta = deltas[i]
                let weights = changedColumns[i] * hidden
                for j in 0..<hidden { zp[row + j] += delta * w[weights + j] }
              }
            }
          }
        }
      }
      let out = Self.rest(member, firstProduct: z, rows: changed.count)
      let cached = cache.outputs[m]
      for r in 0..<rows { result[r] += cached[r] * scale }
      for (k, r) in changed.enumerated() { result[r] += (out[k] - cached[r]) * scale }
    }
    return result
  }

  /// A member's output from its first-layer product (bias, then ReLU and the remaining layers;
  /// a single-layer member's output is the product plus bias).
  static func rest(_ member: [Layer], firstProduct: [Float], rows: Int) -> [Float] {
    let first = member[0]
    let hidden = first.outputs
    var z = firstProduct
    z.withUnsafeMutableBufferPointer { zp in
      first.bias.withUnsafeBufferPointer { bias in
        if member.count == 1 {
          for r in 0..<rows { for j in 0..<hidden { zp[r * hidden + j] += bias[j] } }
        } else {
          for r in 0..<rows {
            for j in 0..<hidden { zp[r * hidden + j] = max(zp[r * hidden + j] + bias[j], 0) }
          }
        }
      }
    }
    return member.count == 1 ? z : forward(member, from: 1, z, rows: rows)
  }
}
