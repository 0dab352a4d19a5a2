import Foundation
import Kernels

/// Which encoded columns belong to which source field, and the baseline row used to explain.
///
/// The baseline is the mean encoded training row (0 for a standardised number, the category
/// shares for a one-hot group), so "replace the field by the baseline" means "make this field
/// typical" (occlusion, Zeiler and Fergus 2014; the baseline choice follows integrated gradients,
/// Sundararajan et al. 2017).
public struct FieldLayout: Codable, Sendable, Equatable {
  /// Source field name of each group.
  public var fieldNames: [String]
  /// Encoded column indices of each group (disjoint, covering every encoded column).
  public var columns: [[Int]]
  /// Baseline value of every encoded column.
  public var baseline: [Float]

  /// Creates a layout.
  public init(fieldNames: [String], columns: [[Int]], baseline: [Float]) {
    precondition(fieldNames.count == columns.count)
    self.fieldNames = fieldNames
    self.columns = columns
    self.baseline = baseline
  }
}

extension RiskNetwork {
  /// Mean logits and, for every row and field, how much the field raises the logit:
  /// `logit(x) - logit(x with the field's columns set to the baseline)`.
  ///
  /// Exact for the network (no linearisation): the first layer's pre-activation is updated in
  /// closed form and the remaining layers run on all (row, field) variants in one GEMM.
  /// - Parameters:
  ///   - batch: row-major (rows, inputWidth) encoded rows.
  ///   - rows: number of rows.
  ///   - layout: field groups and baseline.
  /// - Returns: `logits` (rows) and `contributions` (rows × fields, row-major).
  public func fieldContributions(_ batch: [Float], rows: Int, layout: FieldLayout)
    -> (logits: [Float], contributions: [Float])
  {
    let fields = layout.columns.count
    let width = inputWidth
    var logits = [Float](repeating: 0, count: rows)
    var contributions = [Float](repeating: 0, count: rows * fields)
    let scale = 1 / Float(members.count)
    for member in members {
      let first = member[0]
      let hidden = first.outputs
      // Pre-activations of the first layer, (rows, hidden), without the bias.
      let pre = Self.linear(first, batch, rows: rows)
      // Baseline term of every field: sum over its columns of baseline[c] * W[c, :].
      var baseTerm = [Float](repeating: 0, count: fields * hidden)
      for f in 0..<fields {
        for c in layout.columns[f] where layout.baseline[c] != 0 {
          let w = layout.baseline[c]
          for j in 0..<hidden { baseTerm[f * hidden + j] += w * first.weights[c * hidden + j] }
        }
      }
      // Variants: row r with field f at the baseline, stored at (r * (fields + 1) + f); the last
      // slot of each row is the unchanged row.
      let stride = fields + 1
      var variants = [Float](repeating: 0, count: rows * stride * hidden)
      for r in 0..<rows {
        let rowPre = r * hidden
        for f in 0...fields {
          let out = (r * stride + f) * hidden
          for j in 0..<hidden { variants[out + j] = pre[rowPre + j] + first.bias[j] }
          guard f < fields else { continue }
          for j in 0..<hidden { variants[out + j] += baseTerm[f * hidden + j] }
          for c in layout.columns[f] {
            let x = batch[r * width + c]
            if x == 0 { continue }
            for j in 0..<hidden { variants[out + j] -= x * first.weights[c * hidden + j] }
          }
        }
      }
      var values: [Float]
      if member.count == 1 {
        values = variants
      } else {
        for i in variants.indices { variants[i] = max(variants[i], 0) }
        values = Self.forward(member, from: 1, variants, rows: rows * stride)
      }
      for r in 0..<rows {
        let full = values[r * stride + fields]
        logits[r] += full * scale
        for f in 0..<fields {
          contributions[r * fields + f] += (full - values[r * stride + f]) * scale
        }
      }
    }
    return (logits, contributions)
  }

  /// `input · weights` for one layer (no bias, no activation), (rows, outputs).
  static func linear(_ layer: Layer, _ input: [Float], rows: Int) -> [Float] {
    var output = [Float](repeating: 0, count: rows * layer.outputs)
    guard rows > 0 else { return output }
    input.withUnsafeBufferPointer { a in
      layer.weights.withUnsafeBufferPointer { b in
        output.withUnsafeMutableBufferPointer { c in
          guard let ap = a.baseAddress, let bp = b.baseAddress, let cp = c.baseAddress else { return }
          GEMM.sgemm(
            transA: false, transB: false, m: rows, n: layer.outputs, k: layer.inputs,
            a: ap, lda: layer.inputs, b: bp, ldb: layer.outputs, c: cp, ldc: layer.outputs)
        }
      }
    }
    return output
  }

  /// Indices of the `count` largest positive contributions of one row, largest first.
  public static func topReasons(_ contributions: ArraySlice<Float>, count: Int) -> [Int] {
    var best: [(Int, Float)] = []
    for (offset, value) in contributions.enumerated() where value > 0 {
      if best.count < count {
        best.append((offset, value))
        best.sort { $0.1 > $1.1 }
      } else if let last = best.last, value > last.1 {
        best[best.count - 1] = (offset, value)
        best.sort { $0.1 > $1.1 }
      }
    }
    return best.map { $0.0 }
  }
}
