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
