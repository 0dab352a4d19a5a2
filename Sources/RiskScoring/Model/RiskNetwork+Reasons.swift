import Dispatch
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
    let flat = FlatLayout(layout)
    for member in members {
      if member.count == 2 {
        Self.accumulateOneHidden(
          member, batch, rows: rows, layout: layout, flat: flat, scale: scale, logits: &logits,
          contributions: &contributions)
        continue
      }
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

  /// The fast path for one hidden layer: per (row, field) the output is
  /// `b2 + Σ_j w2[j] · relu(z[j] + Δ_f[j])`, with `Δ_f = W1ᵀ(baseline_f − x_f)` built from the
  /// field's non-zero inputs only; no variant matrix is materialised.
  static func accumulateOneHidden(
    _ member: [Layer], _ batch: [Float], rows: Int, layout: FieldLayout, flat: FlatLayout,
    scale: Float, logits: inout [Float], contributions: inout [Float]
  ) {
    let first = member[0]
    let second = member[1]
    let hidden = first.outputs
    let width = first.inputs
    let fields = flat.fieldCount
    let pre = linear(first, batch, rows: rows)
    var baseTerm = [Float](repeating: 0, count: fields * hidden)
    for f in 0..<fields {
      for c in layout.columns[f] where layout.baseline[c] != 0 {
        let w = layout.baseline[c]
        for j in 0..<hidden { baseTerm[f * hidden + j] += w * first.weights[c * hidden + j] }
      }
    }
    var z = [Float](repeating: 0, count: hidden)
    var shifted = [Float](repeating: 0, count: hidden)
    let outBias = second.bias[0]
    pre.withUnsafeBufferPointer { preP in
      batch.withUnsafeBufferPointer { xP in
        first.weights.withUnsafeBufferPointer { w1 in
          first.bias.withUnsafeBufferPointer { b1 in
            second.weights.withUnsafeBufferPointer { w2 in
              baseTerm.withUnsafeBufferPointer { baseP in
                flat.starts.withUnsafeBufferPointer { starts in
                  flat.columns.withUnsafeBufferPointer { cols in
                    logits.withUnsafeMutableBufferPointer { logitP in
                      contributions.withUnsafeMutableBufferPointer { contribP in
                        z.withUnsafeMutableBufferPointer { zP in
                          shifted.withUnsafeMutableBufferPointer { sP in
                            for r in 0..<rows {
                              var full = outBias
                              for j in 0..<hidden { zP[j] = preP[r * hidden + j] + b1[j] }
                              full += reluDot(zP, w2, hidden)
                              logitP[r] += full * scale
                              let x = r * width
                              for f in 0..<fields {
                                vectorAdd(sP, zP, baseP, offset: f * hidden, hidden)
                                for k in starts[f]..<starts[f + 1] {
                                  let c = Int(cols[k])
                                  let xc = xP[x + c]
                                  if xc == 0 { continue }
                                  vectorSubtractScaled(sP, xc, w1, offset: c * hidden, hidden)
                                }
                                let value = outBias + reluDot(sP, w2, hidden)
                                contribP[r * fields + f] += (full - value) * scale
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
        }
      }
    }
  }

  /// `fieldContributions` with the rows split over `chunks` threads (same results).
  public func fieldContributions(
    _ batch: [Float], rows: Int, layout: FieldLayout, chunks: Int
  ) -> (logits: [Float], contributions: [Float]) {
    let parts = max(1, min(chunks, rows / 256))
    guard parts > 1 else { return fieldContributions(batch, rows: rows, layout: layout) }
    let width = inputWidth
    let per = (rows + parts - 1) / parts
    var results = [(logits: [Float], contributions: [Float])](repeating: ([], []), count: parts)
    results.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let out = buffer
      DispatchQueue.concurrentPerform(iterations: parts) { c in
        let lower = c * per
        let upper = min(rows, lower + per)
        guard lower < upper else { return }
        out[c] = self.fieldContributions(
          Array(batch[(lower * width)..<(upper * width)]), rows: upper - lower, layout: layout)
      }
    }
    return (results.flatMap(\.logits), results.flatMap(\.contributions))
  }

  /// `s[j] = z[j] + base[offset + j]`, eight lanes at a time.
  @inline(__always)
  static func vectorAdd(
    _ s: UnsafeMutableBufferPointer<Float>, _ z: UnsafeMutableBufferPointer<Float>,
    _ base: UnsafeBufferPointer<Float>, offset: Int, _ n: Int
  ) {
    guard let sp = s.baseAddress, let zp = z.baseAddress, let bp = base.baseAddress else { return }
    var j = 0
    while j + 8 <= n {
      let a = UnsafeRawPointer(zp + j).loadUnaligned(as: SIMD8<Float>.self)
      let b = UnsafeRawPointer(bp + offset + j).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(sp + j).storeBytes(of: a + b, as: SIMD8<Float>.self)
      j += 8
    }
    while j < n {
      sp[j] = zp[j] + bp[offset + j]
      j += 1
    }
  }

  /// `s[j] -= x · w[offset + j]`, eight lanes at a time.
  @inline(__always)
  static func vectorSubtractScaled(
    _ s: UnsafeMutableBufferPointer<Float>, _ x: Float, _ w: UnsafeBufferPointer<Float>,
    offset: Int, _ n: Int
  ) {
    guard let sp = s.baseAddress, let wp = w.baseAddress else { return }
    let scale = SIMD8<Float>(repeating: x)
    var j = 0
    while j + 8 <= n {
      let a = UnsafeRawPointer(sp + j).loadUnaligned(as: SIMD8<Float>.self)
      let b = UnsafeRawPointer(wp + offset + j).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(sp + j).storeBytes(of: a - scale * b, as: SIMD8<Float>.self)
      j += 8
    }
    while j < n {
      sp[j] -= x * wp[offset + j]
      j += 1
    }
  }

  /// `Σ_j w[j] · relu(v[j])`, eight lanes at a time.
  @inline(__always)
  static func reluDot(
    _ v: UnsafeMutableBufferPointer<Float>, _ w: UnsafeBufferPointer<Float>, _ n: Int
  ) -> Float {
    guard let vp = v.baseAddress, let wp = w.baseAddress else { return 0 }
    var acc = SIMD8<Float>()
    var j = 0
    let zero = SIMD8<Float>()
    while j + 8 <= n {
      let x = UnsafeRawPointer(vp + j).loadUnaligned(as: SIMD8<Float>.self)
      let y = UnsafeRawPointer(wp + j).loadUnaligned(as: SIMD8<Float>.self)
      acc += y * x.replacing(with: zero, where: x .< zero)
      j += 8
    }
    var total = acc.sum()
    while j < n {
      let x = vp[j]
      total += wp[j] * (x > 0 ? x : 0)
      j += 1
    }
    return total
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

/// Field columns flattened into one array (no nested arrays in the hot loop).
struct FlatLayout {
  var starts: [Int]
  var columns: [Int32]
  var fieldCount: Int { starts.count - 1 }

  init(_ layout: FieldLayout) {
    var starts = [0]
    var columns: [Int32] = []
    for group in layout.columns {
      columns += group.map { Int32($0) }
      starts.append(columns.count)
    }
    self.starts = starts
    self.columns = columns
  }
}
