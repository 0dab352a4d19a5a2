import Evaluation
import Foundation
import NeuralCore
import Tabular

/// Trains one member of the risk ensemble on `NeuralCore`: Dense/ReLU layers, binary
/// cross-entropy on logits with an optional positive-class weight and label smoothing, AdamW,
/// mini-batches and early stopping on validation ROC-AUC or average precision that restores the
/// best weights.
struct MLPTrainer {
  /// Encoded rows (compact; expanded one mini-batch at a time).
  let features: EncodedRows
  /// 0/1 labels of every row.
  let labels: [Float]
  /// Rows used to fit the weights.
  let trainRows: [Int]
  /// Rows used for early stopping.
  let validationRows: [Int]
  /// Hyper-parameters.
  let configuration: RiskModelConfiguration
  /// The validation rows expanded once, shared by every member: (validation rows, width).
  let validationInput: Tensor

  /// Encoded width.
  var width: Int { features.width }

  /// - Parameter validationInput: the validation rows already expanded (another member's
  ///   `validationInput` for the same rows), or nil to expand them here.
  init(
    features: EncodedRows, labels: [Float], trainRows: [Int], validationRows: [Int],
    configuration: RiskModelConfiguration, validationInput: Tensor? = nil
  ) {
    self.features = features
    self.labels = labels
    self.trainRows = trainRows
    self.validationRows = validationRows
    self.configuration = configuration
    self.validationInput =
      validationInput
      ?? Tensor(
        shape: [validationRows.count, features.width], data: features.dense(rows: validationRows))
  }

  /// A trainer on a dense row-major matrix (`rows × width` floats).
  init(
    features: [Float], width: Int, labels: [Float], trainRows: [Int], validationRows: [Int],
    configuration: RiskModelConfiguration
  ) {
    self.init(
      features: EncodedRows(dense: features, width: width), labels: labels, trainRows: trainRows,
      validationRows: validationRows, configuration: configuration)
  }

  /// The trained member and its per-epoch history.
  struct Result {
    var layers: [RiskNetwork.Layer]
    var history: TrainingHistory
    /// Raw validation logits of the restored best weights.
    var validationLogits: [Float]
  }

  func train(seed: UInt64, progress: ((EpochReport) -> Void)? = nil) throws -> Result {
    var generator = SeededGenerator(seed: seed)
    var layers: [Layer] = []
    var dense: [Dense] = []
    var inputs = width
    for (index, size) in configuration.hidden.enumerated() {
      let layer = Dense(inputs: inputs, outputs: size, generator: &generator, name: "dense\(index)")
      dense.append(layer)
      layers.append(layer)
      layers.append(ReLU())
      inputs = size
    }
    let output = Dense(inputs: inputs, outputs: 1, generator: &generator, name: "output")
    dense.append(output)
    layers.append(output)
    dense[0].computesInputGradient = false
    let network = Sequential(layers)
    let parameters = network.parameters

    let positives = trainRows.reduce(0.0) { $0 + Double(labels[$1]) }
    let negatives = Double(trainRows.count) - positives
    let ratio = positives > 0 ? negatives / positives : 1
    let positiveWeight: Float
    switch configuration.classWeighting {
    case .none: positiveWeight = 1
    case .squareRoot: positiveWeight = Float(ratio.squareRoot())
    case .balanced: positiveWeight = Float(ratio)
    }
    let loss = BinaryCrossEntropyWithLogits(
      positiveWeight: positiveWeight, labelSmoothing: Float(configuration.labelSmoothing ?? 0))
    // The validation loss in the history stays comparable across smoothing settings.
    let validationLoss = BinaryCrossEntropyWithLogits(positiveWeight: positiveWeight)
    var optimizer = AdamW(
      learningRate: Float(configuration.learningRate),
      weightDecay: Float(configuration.weightDecay))

    let validationTargets = validationRows.map { labels[$0] }
    var batchInput = Tensor(zeros: [configuration.batchSize, width])
    var batchTargets = [Float](repeating: 0, count: configuration.batchSize)

    let loop = TrainingLoop(
      epochs: configuration.epochs, batchSize: configuration.batchSize, seed: seed ^ 0x5EED,
      patience: configuration.patience, minimumImprovement: 1e-5,
      monitor: .validationMetric(higherIsBetter: true), parameters: parameters,
      progress: progress)
    let history = try loop.run(
      sampleCount: trainRows.count,
      trainBatch: { slice in
        let n = slice.count
        if batchInput.rows != n {
          batchInput = Tensor(zeros: [n, width])
          batchTargets = [Float](repeating: 0, count: n)
        }
        fill(&batchInput, rows: slice.lazy.map { trainRows[$0] })
        for (k, i) in slice.enumerated() { batchTargets[k] = labels[trainRows[i]] }
        let logits = network.forward(batchInput, training: true)
        let (value, gradient) = loss.compute(logits: logits, targets: batchTargets)
        _ = network.backward(gradient)
        optimizer.step(parameters)
        return value
      },
      validate: {
        let logits = network.forward(validationInput, training: false).data
        let evaluation = validationLoss.compute(
          logits: Tensor(shape: [logits.count, 1], data: logits), targets: validationTargets)
        let scores = logits.map(Double.init)
        let metric: Double
        switch configuration.effectiveStoppingMetric {
        case .rocAUC: metric = RankMetrics.rocAUC(scores: scores, labels: validationTargets)
        case .averagePrecision:
          metric = RankMetrics.averagePrecision(scores: scores, labels: validationTargets)
        }
        return (Double(evaluation.loss), metric)
      })
    let validationLogits = network.forward(validationInput, training: false).data
    let member = dense.map { layer in
      RiskNetwork.Layer(
        inputs: layer.inputCount, outputs: layer.outputCount, weights: layer.weight.value.data,
        bias: layer.bias?.value.data ?? [Float](repeating: 0, count: layer.outputCount))
    }
    return Result(layers: member, history: history, validationLogits: validationLogits)
  }

  /// Expands the encoded rows `rows` into the first rows of `tensor`.
  func fill<S: Sequence<Int>>(_ tensor: inout Tensor, rows: S) {
    let width = width
    tensor.data.withUnsafeMutableBufferPointer { target in
      guard let t = target.baseAddress else { return }
      for (k, row) in rows.enumerated() {
        let slot = UnsafeMutableBufferPointer(start: t + k * width, count: width)
        features.expand(row: row, into: slot)
      }
    }
  }
}

/// Rank-based metrics needed inside training (kept here so the training loop does not
/// allocate report-sized curves every epoch).
enum RankMetrics {
  /// Average precision (PR-AUC) with 0/1 float labels: `Evaluation.averagePrecision`
  /// (scikit-learn's `average_precision_score`, tied scores as one threshold), but 0 instead of
  /// NaN when there are no positives, so an early-stopping comparison never sees NaN.
  static func averagePrecision(scores: [Double], labels: [Float]) -> Double {
    let binary = labels.map { $0 > 0.5 ? 1 : 0 }
    guard binary.contains(1) else { return 0 }
    return Evaluation.averagePrecision(scores: scores, labels: binary)
  }

  /// ROC-AUC by the Mann-Whitney statistic with tie correction (equals scikit-learn's
  /// `roc_auc_score`). Returns 0.5 when a class is absent.
  static func rocAUC(scores: [Double], labels: [Float]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSumPositive = 0.0
    var positives = 0.0
    var index = 0
    while index < order.count {
      var end = index
      while end + 1 < order.count && scores[order[end + 1]] == scores[order[index]] { end += 1 }
      let averageRank = Double(index + end) / 2 + 1
      for k in index...end where labels[order[k]] > 0.5 {
        rankSumPositive += averageRank
        positives += 1
      }
      index = end + 1
    }
    let negatives = Double(scores.count) - positives
    guard positives > 0, negatives > 0 else { return 0.5 }
    return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives)
  }
}
