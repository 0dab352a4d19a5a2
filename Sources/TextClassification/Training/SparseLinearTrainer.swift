import Foundation
import NeuralCore
import TextProcessing

/// Training targets: one class per row, or a set of classes per row.
public enum TrainingTargets: Sendable, Equatable {
  /// Class index of each row.
  case classes([Int32])
  /// Class indices of each row in compressed form: row `r` has `labels[offsets[r]..<offsets[r+1]]`.
  case labelSets(offsets: [Int], labels: [Int32])
}

/// Mini-batch training of a ``SparseLinearModel`` with sparse (lazy) updates.
///
/// Both cores work on every batch, deterministically: the forward pass splits the batch's
/// rows between workers, and the update splits the *features* (worker `t` owns features with
/// `f % workers == t`), each worker summing the batch's contributions to its rows in row order.
/// The result is bit-identical for any number of workers.
final class SparseLinearTrainer {
  let options: SparseTrainingOptions
  let objective: SparseTrainingOptions.Objective
  let workers: Int
  private var gradient: [Float]
  private var state1: [Float]
  private var state2: [Float]
  private var biasGradient: [Float]
  private var biasState1: [Float]
  private var biasState2: [Float]
  private var touched: [[Int32]]
  private var isTouched: [Bool]
  private var step = 0

  init(model: SparseLinearModel, options: SparseTrainingOptions,
    objective: SparseTrainingOptions.Objective, workers: Int = Parallel.coreCount)
  {
    self.options = options
    self.objective = objective
    self.workers = max(1, workers)
    let n = model.weights.count
    gradient = [Float](repeating: 0, count: n)
    state1 = options.optimizer == .sgd ? [] : [Float](repeating: 0, count: n)
    state2 = options.optimizer == .adam ? [Float](repeating: 0, count: n) : []
    biasGradient = [Float](repeating: 0, count: model.outputs)
    biasState1 = [Float](repeating: 0, count: model.outputs)
    biasState2 = [Float](repeating: 0, count: model.outputs)
    touched = Array(repeating: [], count: self.workers)
    isTouched = [Bool](repeating: false, count: model.features)
  }

  /// Runs one epoch over `order` and returns the mean training loss.
  /// - Parameters:
  ///   - progress: fraction of all training done before this epoch (for the step-size decay).
  ///   - span: fraction of all training this epoch represents.
  func trainEpoch(
    model: inout SparseLinearModel, x: SparseRows, targets: TrainingTargets, order: [Int],
    progress: Double, span: Double
  ) -> Double {
    let b = options.batchSize
    var totalLoss = 0.0
    var start = 0
    let batches = (order.count + b - 1) / b
    var batchIndex = 0
    while start < order.count {
      let end = min(order.count, start + b)
      let done = progress + span * Double(batchIndex) / Double(max(1, batches))
      let lr = options.linearDecay
        ? options.learningRate * Float(max(0.0, 1.0 - done)) : options.learningRate
      totalLoss += trainBatch(model: &model, x: x, targets: targets, rows: order[start..<end], lr: lr)
      start = end
      batchIndex += 1
    }
    return totalLoss / Double(max(1, order.count))
  }

  /// One update on the rows `rows`; returns the summed loss.
  private func trainBatch(
    model: inout SparseLinearModel, x: SparseRows, targets: TrainingTargets,
    rows: ArraySlice<Int>, lr: Float
  ) -> Double {
    let c = model.outputs
    let n = rows.count
    let rowList = Array(rows)
    var dl = [Float](repeating: 0, count: n * c)
    let objective = self.objective
    let bias = model.bias
    let useWorkers = n * c * 32 >= 4096 ? workers : 1
    // Phase 1: logits -> loss gradient per row (dl = (p - y) / n).
    let losses = dl.withUnsafeMutableBufferPointer { dp -> [Double] in
      let d = UnsafeSendablePointer(dp.baseAddress)
      return model.weights.withUnsafeBufferPointer { wp -> [Double] in
        let w = UnsafeSendablePointer(UnsafeMutablePointer(mutating: wp.baseAddress))
        return Parallel.map(count: n, chunks: useWorkers) { range -> Double in
          var loss = 0.0
          for i in range {
            let out = d.pointer + i * c
            SparseLinearModel.logits(
              row: rowList[i], of: x, weights: w.pointer, bias: bias, classes: c, into: out)
            loss += Self.lossGradient(
              out, classes: c, row: rowList[i], targets: targets, objective: objective,
              scale: 1 / Float(n))
          }
          return loss
        }
      }
    }
    // Bias gradient.
    for k in 0..<c { biasGradient[k] = 0 }
    for i in 0..<n { for k in 0..<c { biasGradient[k] += dl[i * c + k] } }
    // Phase 2: each worker accumulates and applies the gradient of the features it owns.
    step += 1
    let opts = options
    let t = Float(step)
    let ws = workers
    let phase2Workers = useWorkers
    model.weights.withUnsafeMutableBufferPointer { wp in
      gradient.withUnsafeMutableBufferPointer { gp in
        state1.withUnsafeMutableBufferPointer { s1p in
          state2.withUnsafeMutableBufferPointer { s2p in
            isTouched.withUnsafeMutableBufferPointer { tp in
              touched.withUnsafeMutableBufferPointer { lists in
                dl.withUnsafeBufferPointer { dp in
                  let w = UnsafeSendablePointer(wp.baseAddress)
                  let g = UnsafeSendablePointer(gp.baseAddress)
                  let s1 = s1p.baseAddress.map { UnsafeSendablePointer($0) }
                  let s2 = s2p.baseAddress.map { UnsafeSendablePointer($0) }
                  let mark = UnsafeSendablePointer(tp.baseAddress)
                  let lst = UnsafeSendablePointer(lists.baseAddress)
                  let dlp = UnsafeSendablePointer(UnsafeMutablePointer(mutating: dp.baseAddress))
                  Parallel.forEachChunk(count: phase2Workers, chunks: phase2Workers) { range in
                    for worker in range {
                      Self.accumulateAndApply(
                        worker: worker, of: phase2Workers == 1 ? 1 : ws, rows: rowList, x: x,
                        dl: dlp.pointer, classes: c, weights: w.pointer, gradient: g.pointer,
                        state1: s1?.pointer, state2: s2?.pointer, marks: mark.pointer,
                        list: &lst.pointer[worker], options: opts, lr: lr, step: t)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    // Bias update (never decayed).
    for k in 0..<c {
      let gk = biasGradient[k]
      switch options.optimizer {
      case .sgd: model.bias[k] -= lr * gk
      case .adagrad:
        biasState1[k] += gk * gk
        model.bias[k] -= lr * gk / (biasState1[k].squareRoot() + 1e-8)
      case .adam:
        biasState1[k] = 0.9 * biasState1[k] + 0.1 * gk
        biasState2[k] = 0.999 * biasState2[k] + 0.001 * gk * gk
        let mh = biasState1[k] / (1 - pow(0.9, t))
        let vh = biasState2[k] / (1 - pow(0.999, t))
        model.bias[k] -= lr * mh / (vh.squareRoot() + 1e-8)
      }
    }
    return losses.reduce(0, +)
  }

  /// Loss of one row; overwrites its logits with dLoss/dLogits times `scale`.
  @inline(__always)
  static func lossGradient(
    _ z: UnsafeMutablePointer<Float>, classes c: Int, row: Int, targets: TrainingTargets,
    objective: SparseTrainingOptions.Objective, scale: Float
  ) -> Double {
    switch (objective, targets) {
    case (.softmax, .classes(let y)):
      var m = z[0]
      for k in 1..<max(1, c) where z[k] > m { m = z[k] }
      var sum: Float = 0
      for k in 0..<c {
        z[k] = Foundation.exp(z[k] - m)
        sum += z[k]
      }
      let label = Int(y[row])
      let loss = -Double(Foundation.log(max(z[label] / sum, 1e-30)))
      for k in 0..<c { z[k] = z[k] / sum * scale }
      z[label] -= scale
      return loss
    case (.sigmoid, _), (.softmax, .labelSets):
      var loss = 0.0
      var positives: ArraySlice<Int32> = []
      switch targets {
      case .classes(let y): positives = y[row...row]
      case .labelSets(let offsets, let labels): positives = labels[offsets[row]..<offsets[row + 1]]
      }
      for k in 0..<c {
        let s = z[k]
        let yk: Float = positives.contains(Int32(k)) ? 1 : 0
        // Stable log(1 + e^-|s|) form of binary cross-entropy.
        loss += Double(max(s, 0) - s * yk + Foundation.log(1 + Foundation.exp(-abs(s))))
        z[k] = (1 / (1 + Foundation.exp(-s)) - yk) * scale
      }
      return loss
    }
  }

  /// Calls `body(i, f, v)` for every entry (feature `f`, value `v`) of batch row `i` whose
  /// feature worker `worker` of `count` owns (`f % count == worker`), rows in batch order, so
  /// each feature sees its updates in the same order whatever `count` is.
  @inline(__always)
  static func forEachOwnedEntry(
    worker: Int, of count: Int, rows: [Int], x: SparseRows,
    _ body: (_ row: Int, _ feature: Int, _ value: Float) -> Void
  ) {
    x.indices.withUnsafeBufferPointer { ip in
      x.values.withUnsafeBufferPointer { vp in
        for (i, r) in rows.enumerated() {
          for e in x.offsets[r]..<x.offsets[r + 1] {
            let f = Int(ip[e])
            if count > 1 && f % count != worker { continue }
            body(i, f, vp[e])
          }
        }
      }
    }
  }

  /// Worker `worker` of `count`: `w[f] -= lr · v · dl[row]` for every entry of the batch whose
  /// feature `f` it owns.
  static func applyPlainSGD(
    worker: Int, of count: Int, rows: [Int], x: SparseRows, dl: UnsafeMutablePointer<Float>,
    classes c: Int, weights w: UnsafeMutablePointer<Float>, lr: Float
  ) {
    forEachOwnedEntry(worker: worker, of: count, rows: rows, x: x) { i, f, v in
      let d = dl + i * c
      let step = lr * v
      let wr = w + f * c
      for k in 0..<c { wr[k] -= step * d[k] }
    }
  }

  /// Worker `worker` of `count`: sums the batch gradient of the features it owns, then updates
  /// those rows and clears their gradient.
  static func accumulateAndApply(
    worker: Int, of count: Int, rows: [Int], x: SparseRows, dl: UnsafeMutablePointer<Float>,
    classes c: Int, weights w: UnsafeMutablePointer<Float>, gradient g: UnsafeMutablePointer<Float>,
    state1: UnsafeMutablePointer<Float>?, state2: UnsafeMutablePointer<Float>?,
    marks: UnsafeMutablePointer<Bool>, list: inout [Int32], options: SparseTrainingOptions,
    lr: Float, step t: Float
  ) {
    list.removeAll(keepingCapacity: true)
    if options.optimizer == .sgd && options.weightDecay == 0 {
      // Plain SGD needs no gradient table: the forward pass of the whole batch is done, so
      // subtracting each row's contribution straight from the weights gives the same step
      // (up to float rounding) and skips a second random walk through a table as large as
      // the weights — the loop is bound by cache misses on those rows.
      applyPlainSGD(
        worker: worker, of: count, rows: rows, x: x, dl: dl, classes: c, weights: w, lr: lr)
      return
    }
    forEachOwnedEntry(worker: worker, of: count, rows: rows, x: x) { i, f, v in
      let d = dl + i * c
      let gr = g + f * c
      if !marks[f] {
        marks[f] = true
        list.append(Int32(f))
      }
      for k in 0..<c { gr[k] += v * d[k] }
    }
    let decay = 1 - lr * options.weightDecay
    let b1: Float = 0.9
    let b2: Float = 0.999
    let c1 = 1 - pow(b1, t)
    let c2 = 1 - pow(b2, t)
    for f32 in list {
      let f = Int(f32)
      marks[f] = false
      let wr = w + f * c
      let gr = g + f * c
      if options.weightDecay != 0 { for k in 0..<c { wr[k] *= decay } }
      switch options.optimizer {
      case .sgd:
        for k in 0..<c { wr[k] -= lr * gr[k] }
      case .adagrad:
        guard let s = state1 else { break }
        let sr = s + f * c
        for k in 0..<c {
          sr[k] += gr[k] * gr[k]
          wr[k] -= lr * gr[k] / (sr[k].squareRoot() + 1e-8)
        }
      case .adam:
        guard let m = state1, let v = state2 else { break }
        let mr = m + f * c
        let vr = v + f * c
        for k in 0..<c {
          mr[k] = b1 * mr[k] + (1 - b1) * gr[k]
          vr[k] = b2 * vr[k] + (1 - b2) * gr[k] * gr[k]
          wr[k] -= lr * (mr[k] / c1) / ((vr[k] / c2).squareRoot() + 1e-8)
        }
      }
      for k in 0..<c { gr[k] = 0 }
    }
  }
}
