import Foundation

extension TrainingLoop {
  /// Trains for up to ``epochs`` epochs.
  ///
  /// - Parameters:
  ///   - sampleCount: number of training samples; batches hold indices into `0..<sampleCount`.
  ///   - trainBatch: trains on the given indices and returns the batch's mean loss.
  ///   - validate: returns validation loss and an optional metric; called after every epoch.
  /// - Returns: per-epoch reports and which epoch's weights the parameters hold.
  /// - Throws: ``NeuralCoreError/nonFiniteLoss(epoch:batch:)`` when a batch loss is NaN or
  ///   infinite, and anything the closures throw.
  public func run(
    sampleCount: Int,
    trainBatch: (ArraySlice<Int>) throws -> Float,
    validate: (() throws -> (loss: Double, metric: Double?))? = nil
  ) throws -> TrainingHistory {
    let start = ContinuousClock.now
    func seconds() -> Double {
      let d = ContinuousClock.now - start
      return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
    var generator = SeededGenerator(seed: seed)
    var order = Array(0..<sampleCount)
    let batches = batchesPerEpoch(sampleCount: sampleCount)
    var reports: [EpochReport] = []
    var best: (score: Double, epoch: Int, snapshot: ParameterSnapshot?)? = nil
    var sinceBest = 0
    var stoppedEarly = false

    for epoch in stride(from: 1, through: epochs, by: 1) {
      if shuffle { generator.shuffle(&order) }
      var lossSum: Double = 0
      var seen = 0
      for b in 0..<batches {
        let slice = order[(b * batchSize)..<min(sampleCount, (b + 1) * batchSize)]
        let loss = try trainBatch(slice)
        guard loss.isFinite else { throw NeuralCoreError.nonFiniteLoss(epoch: epoch, batch: b + 1) }
        lossSum += Double(loss) * Double(slice.count)
        seen += slice.count
        if let batchProgress {
          batchProgress(
            BatchReport(
              epoch: epoch, epochs: epochs, batch: b + 1, batches: batches,
              runningLoss: lossSum / Double(max(seen, 1)), elapsed: seconds()))
        }
      }
      let validation = try validate?()
      let trainLoss = lossSum / Double(max(seen, 1))
      let score = monitoredScore(trainLoss: trainLoss, validation: validation)
      var isBest = false
      if let current = best {
        if score < current.score - minimumImprovement { isBest = true }
      } else {
        isBest = true
      }
      if isBest {
        let keep = patience != nil && validation != nil && !parameters.isEmpty
        best = (score, epoch, keep ? snapshot() : nil)
        sinceBest = 0
      } else {
        sinceBest += 1
      }
      let elapsed = seconds()
      let report = EpochReport(
        epoch: epoch, epochs: epochs, trainLoss: trainLoss, validationLoss: validation?.loss,
        validationMetric: validation?.metric ?? nil, elapsed: elapsed,
        eta: elapsed / Double(epoch) * Double(epochs - epoch), isBest: isBest)
      reports.append(report)
      progress?(report)
      if let patience, validation != nil, sinceBest >= patience, epoch < epochs {
        stoppedEarly = true
        break
      }
    }
    var bestEpoch = reports.count
    if let best, let snap = best.snapshot, best.epoch != reports.count {
      restore(snap)
      bestEpoch = best.epoch
    }
    return TrainingHistory(
      epochs: reports, bestEpoch: bestEpoch, stoppedEarly: stoppedEarly, seconds: seconds())
  }

  /// The quantity to minimise for `monitor` (training loss when there is no validation).
  private func monitoredScore(trainLoss: Double, validation: (loss: Double, metric: Double?)?)
    -> Double
  {
    guard let validation else { return trainLoss }
    switch monitor {
    case .validationLoss:
      return validation.loss
    case .validationMetric(let higherIsBetter):
      guard let metric = validation.metric, metric.isFinite else { return validation.loss }
      return higherIsBetter ? -metric : metric
    }
  }
}
