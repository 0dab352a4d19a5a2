import CNeuralCoreKernels
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
  /// closed form; with one hidden layer a vectorised C kernel evaluates every (row, field)
  /// variant from the row's non-zero inputs, deeper members run all variants in one GEMM.
  /// - Parameters:
  ///   - batch: row-major (rows, inputWidth) encoded rows.
  ///   - rows: number of rows.
  ///   - layout: field groups and baseline.
  /// - Returns: `logits` (rows) and `contributions` (rows × fields, row-major).
  public func fieldContributions(_ batch: [Float], rows: Int, layout: FieldLayout)
    -> (logits: [Float], contributions: [Float])
  {
    fieldContributions(batch, rows: rows, layout: layout, allowAVX2: true)
  }

  /// `fieldContributions(_:rows:layout:)`; `allowAVX2: false` runs the baseline build of the
  /// one-hidden-layer kernel even on an AVX2 CPU (tests check both give the same bits).
  func fieldContributions(_ batch: [Float], rows: Int, layout: FieldLayout, allowAVX2: Bool)
    -> (logits: [Float], contributions: [Float])
  {
    let fields = layout.columns.count
    let width = inputWidth
    var logits = [Float](repeating: 0, count: rows)
    var contributions = [Float](repeating: 0, count: rows * fields)
    let scale = 1 / Float(members.count)
    let flat = FlatLayout(layout)
    // The non-zero inputs of every (row, field), found once and shared by the members.
    let nonZeros =
      members.contains { $0.count == 2 }
      ? FieldNonZeros(batch, rows: rows, width: width, flat: flat) : nil
    for member in members {
      if member.count == 2, let nonZeros {
        Self.accumulateOneHidden(
          member, rows: rows, layout: layout, nonZeros: nonZeros, scale: scale,
          allowAVX2: allowAVX2, logits: &logits, contributions: &contributions)
        continue
      }
      let first = member[0]
      let hidden = first.outputs
      // Pre-activations of the first layer, (rows, hidden), without the bias.
      let pre = Self.linear(first, batch, rows: rows)
      let baseTerm = Self.baselineTerms(first, layout: layout)
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

  /// Every field's baseline share of the first layer, (fields, outputs): the sum over the
  /// field's columns of `baseline[c] · W[c, :]`.
  static func baselineTerms(_ first: Layer, layout: FieldLayout) -> [Float] {
    let hidden = first.outputs
    var terms = [Float](repeating: 0, count: layout.columns.count * hidden)
    for f in layout.columns.indices {
      for c in layout.columns[f] where layout.baseline[c] != 0 {
        let w = layout.baseline[c]
        for j in 0..<hidden { terms[f * hidden + j] += w * first.weights[c * hidden + j] }
      }
    }
    return terms
  }

  /// The fast path for one hidden layer: per (row, field) the output is
  /// `b2 + Σ_j w2[j] · relu(z[j] + Δ_f[j])`, with `Δ_f = W1ᵀ(baseline_f − x_f)` built from the
  /// field's non-zero inputs only; no variant matrix is materialised. The loop is C
  /// (`neuralcore_occlusion_one_hidden`), built for the baseline and for AVX2 and picked by a CPU
  /// check, because Swift compiles this module for the x86-64 baseline only.
  static func accumulateOneHidden(
    _ member: [Layer], rows: Int, layout: FieldLayout, nonZeros: FieldNonZeros,
    scale: Float, allowAVX2: Bool, logits: inout [Float], contributions: inout [Float]
  ) {
    let first = member[0]
    let second = member[1]
    let hidden = first.outputs
    let fields = layout.columns.count
    let baseTerm = baselineTerms(first, layout: layout)
    do {
      first.weights.withUnsafeBufferPointer { w1 in
        first.bias.withUnsafeBufferPointer { b1 in
          second.weights.withUnsafeBufferPointer { w2 in
            baseTerm.withUnsafeBufferPointer { baseP in
              nonZeros.starts.withUnsafeBufferPointer { starts in
                nonZeros.columns.withUnsafeBufferPointer { cols in
                  nonZeros.values.withUnsafeBufferPointer { vals in
                    logits.withUnsafeMutableBufferPointer { logitP in
                      contributions.withUnsafeMutableBufferPointer { contribP in
                        neuralcore_occlusion_one_hidden(
                          rows, hidden, fields, w1.baseAddress,
                          b1.baseAddress, w2.baseAddress, second.bias[0], baseP.baseAddress,
                          starts.baseAddress, cols.baseAddress, vals.baseAddress, scale,
                          logitP.baseAddress, contribP.baseAddress, allowAVX2 ? 1 : 0)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
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
    var top = [Int](repeating: 0, count: max(0, count))
    let found = Array(contributions).withUnsafeBufferPointer { topReasons($0, into: &top) }
    return Array(top.prefix(found))
  }

  /// Writes the indices of the `top.count` largest positive contributions, largest first (ties:
  /// the earlier field first), into `top` and returns how many were found. No allocation.
  static func topReasons(
    _ contributions: UnsafeBufferPointer<Float>, into top: inout [Int]
  ) -> Int {
    let capacity = top.count
    guard capacity > 0 else { return 0 }
    var found = 0
    for (offset, value) in contributions.enumerated() where value > 0 {
      if found == capacity && value <= contributions[top[found - 1]] { continue }
      // Insert after every kept value that is at least as large (stable for ties).
      var slot = min(found, capacity - 1)
      while slot > 0 && contributions[top[slot - 1]] < value {
        if slot < capacity { top[slot] = top[slot - 1] }
        slot -= 1
      }
      top[slot] = offset
      found = min(found + 1, capacity)
    }
    return found
  }
}

/// Field columns flattened into one array (no nested arrays in the hot loop).
struct FlatLayout {
  var starts: [Int32]
  var columns: [Int32]
  var fieldCount: Int { starts.count - 1 }

  init(_ layout: FieldLayout) {
    var starts: [Int32] = [0]
    var columns: [Int32] = []
    for group in layout.columns {
      columns += group.map { Int32($0) }
      starts.append(Int32(columns.count))
    }
    self.starts = starts
    self.columns = columns
  }
}

/// The non-zero encoded inputs of a batch grouped by (row, field): entries
/// `starts[r * fields + f] ..< starts[r * fields + f + 1]` of `columns` / `values`.
struct FieldNonZeros {
  var starts: [Int64]
  var columns: [Int32]
  var values: [Float]

  init(_ batch: [Float], rows: Int, width: Int, flat: FlatLayout) {
    let fields = flat.fieldCount
    starts = [0]
    starts.reserveCapacity(rows * fields + 1)
    columns = []
    values = []
    columns.reserveCapacity(rows * fields)
    values.reserveCapacity(rows * fields)
    for r in 0..<rows {
      for f in 0..<fields {
        for k in Int(flat.starts[f])..<Int(flat.starts[f + 1]) {
          let c = Int(flat.columns[k])
          let x = batch[r * width + c]
          if x == 0 { continue }
          columns.append(Int32(c))
          values.append(x)
        }
        starts.append(Int64(columns.count))
      }
    }
  }
}
