import Foundation
import NeuralCore
import TextProcessing

/// Mini-batch training of a ``HiddenLayerTextModel`` on NeuralCore's layers: `EmbeddingBag`
/// (sum, TF-IDF weights per id) → `ReLU` → `Dense` → `SoftmaxCrossEntropy` (or
/// `BinaryCrossEntropyWithLogits` per class for multi-label data), updated with `SGD`, which
/// touches only the embedding rows of the batch's features (sparse updates).
///
/// One thread per run: ``TextClassifier/fitValidated(texts:labels:validationFraction:refit:progress:)``
/// runs the validation model and the refit concurrently instead.
final class HiddenLayerTrainer {
  let options: SparseTrainingOptions
  let objective: SparseTrainingOptions.Objective
  let bag: EmbeddingBag
  let activation = ReLU()
  let dense: Dense
  private var optimizer: SGD

  /// Starts from the parameters of `model`.
  init(
    model: HiddenLayerTextModel, options: SparseTrainingOptions,
    objective: SparseTrainingOptions.Objective
  ) {
    self.options = options
    self.objective = objective
    bag = EmbeddingBag(
      weight: Tensor(shape: [model.features, model.hidden], data: model.embedding), mode: .sum,
      name: "embedding")
    dense = Dense(
      weight: Tensor(shape: [model.hidden, model.outputs], data: model.weights),
      bias: Tensor(shape: [model.outputs], data: model.bias), name: "output")
    dense.threads = 1
    optimizer = SGD(learningRate: options.learningRate)
  }

  /// All trainable parameters: embedding table, output weights, output bias.
  var parameters: [Parameter] { bag.parameters + dense.parameters }

  /// The current parameters as a model.
  var model: HiddenLayerTextModel {
    HiddenLayerTextModel(
      features: bag.count, hidden: bag.dimension, outputs: dense.outputCount,
      embedding: bag.weight.value.data, weights: dense.weight.value.data,
      bias: dense.bias?.value.data ?? [Float](repeating: 0, count: dense.outputCount))
  }

  /// Runs one epoch over `order` and returns the mean training loss.
  /// - Parameters:
  ///   - progress: fraction of all training done before this epoch (for the step-size decay).
  ///   - span: fraction of all training this epoch represents.
  func trainEpoch(
    x: SparseRows, targets: TrainingTargets, order: [Int], progress: Double, span: Double
  ) -> Double {
    let b = options.batchSize
    let batches = (order.count + b - 1) / b
    var total = 0.0
    for batch in 0..<batches {
      let rows = order[(batch * b)..<min(order.count, (batch + 1) * b)]
      let done = progress + span * Double(batch) / Double(max(1, batches))
      optimizer.learningRate =
        options.linearDecay
        ? options.learningRate * Float(max(0.0, 1.0 - done)) : options.learningRate
      total += trainBatch(x: x, targets: targets, rows: rows)
    }
    return total / Double(max(1, order.count))
  }

  /// The bags of `rows` of `x` (ids and TF-IDF weights).
  static func batch(of x: SparseRows, rows: ArraySlice<Int>) -> EmbeddingBag.Batch {
    var ids: [Int32] = []
    var weights: [Float] = []
    var offsets = [0]
    offsets.reserveCapacity(rows.count + 1)
    for r in rows {
      let range = x.offsets[r]..<x.offsets[r + 1]
      ids.append(contentsOf: x.indices[range])
      weights.append(contentsOf: x.values[range])
      offsets.append(ids.count)
    }
    return EmbeddingBag.Batch(ids: ids, offsets: offsets, weights: weights)
  }

  /// Loss (mean over the batch) and dLoss/dLogits for `logits` (rows, classes).
  static func loss(
    logits: Tensor, rows: ArraySlice<Int>, targets: TrainingTargets,
    objective: SparseTrainingOptions.Objective
  ) -> (loss: Float, gradient: Tensor) {
    let c = logits.columns
    switch (objective, targets) {
    case (.softmax, .classes(let y)):
      return SoftmaxCrossEntropy().compute(logits: logits, labels: rows.map { Int(y[$0]) })
    case (.sigmoid, _), (.softmax, .labelSets):
      var t = [Float](repeating: 0, count: rows.count * c)
      for (i, r) in rows.enumerated() {
        switch targets {
        case .classes(let y): t[i * c + Int(y[r])] = 1
        case .labelSets(let offsets, let labels):
          for l in labels[offsets[r]..<offsets[r + 1]] { t[i * c + Int(l)] = 1 }
        }
      }
      // BCE averages over every logit; times `c` gives the per-row sum of the linear trainer.
      var (loss, g) = BinaryCrossEntropyWithLogits().compute(logits: logits, targets: t)
      for i in 0..<g.count { g.data[i] *= Float(c) }
      loss *= Float(c)
      return (loss, g)
    }
  }

  /// One SGD step on `rows`; returns the summed loss.
  private func trainBatch(x: SparseRows, targets: TrainingTargets, rows: ArraySlice<Int>)
    -> Double
  {
    // bags (n) -> hidden (n, d) -> relu -> logits (n, c)
    let pooled = bag.forward(bags: Self.batch(of: x, rows: rows), training: true)
    let h = activation.forward(pooled, training: true)
    let logits = dense.forward(h, training: true)
    let (loss, g) = Self.loss(logits: logits, rows: rows, targets: targets, objective: objective)
    let dh = dense.backward(g)
    bag.backward(activation.backward(dh))
    optimizer.step(parameters)
    return Double(loss) * Double(rows.count)
  }
}
