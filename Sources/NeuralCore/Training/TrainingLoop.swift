import Foundation

/// What one epoch of training produced, passed to the progress callback.
public struct EpochReport: Sendable, Equatable {
  /// 1-based epoch number.
  public var epoch: Int
  /// Planned number of epochs.
  public var epochs: Int
  /// Mean training loss over the epoch's samples.
  public var trainLoss: Double
  /// Validation loss, when a validation closure was given.
  public var validationLoss: Double?
  /// Validation metric (e.g. ROC AUC), when the validation closure returns one.
  public var validationMetric: Double?
  /// Seconds since training started.
  public var elapsed: Double
  /// Estimated seconds until the planned last epoch ends.
  public var eta: Double
  /// Whether this epoch is the best so far on the monitored quantity.
  public var isBest: Bool

  /// Creates a report.
  public init(
    epoch: Int, epochs: Int, trainLoss: Double, validationLoss: Double? = nil,
    validationMetric: Double? = nil, elapsed: Double = 0, eta: Double = 0, isBest: Bool = false
  ) {
    self.epoch = epoch
    self.epochs = epochs
    self.trainLoss = trainLoss
    self.validationLoss = validationLoss
    self.validationMetric = validationMetric
    self.elapsed = elapsed
    self.eta = eta
    self.isBest = isBest
  }
}

/// Progress inside an epoch, for progress bars.
public struct BatchReport: Sendable, Equatable {
  /// 1-based epoch number.
  public var epoch: Int
  /// Planned number of epochs.
  public var epochs: Int
  /// Batches done in this epoch.
  public var batch: Int
  /// Batches per epoch.
  public var batches: Int
  /// Mean training loss so far in this epoch.
  public var runningLoss: Double
  /// Seconds since training started.
  public var elapsed: Double
}

/// The outcome of ``TrainingLoop/run(sampleCount:trainBatch:validate:)``.
public struct TrainingHistory: Sendable, Equatable {
  /// One report per epoch run.
  public var epochs: [EpochReport]
  /// 1-based epoch whose weights the parameters hold at the end (the best one when early
  /// stopping restored weights; otherwise the last).
  public var bestEpoch: Int
  /// Whether training stopped before the planned number of epochs.
  public var stoppedEarly: Bool
  /// Wall-clock seconds.
  public var seconds: Double
  /// Mean training loss of the last epoch run.
  public var finalTrainLoss: Double { epochs.last?.trainLoss ?? .nan }
}

/// A reusable mini-batch training loop: seeded shuffling, validation after every epoch, early
/// stopping that restores the best weights, and progress callbacks.
///
/// The loop knows nothing about the model: the caller supplies `trainBatch` (forward, loss,
/// backward, optimizer step for the given sample indices; returns the batch's mean loss) and
/// optionally `validate`.
///
/// ```swift
/// var loop = TrainingLoop(epochs: 20, batchSize: 256, seed: 42, patience: 3,
///                         parameters: model.parameters)
/// loop.progress = ProgressPrinter().callAsFunction
/// let history = try loop.run(sampleCount: n, trainBatch: { idx in step(idx) },
///                            validate: { (loss: valLoss(), metric: auc()) })
/// ```
public struct TrainingLoop {
  /// What early stopping watches.
  public enum Monitor: Sendable, Equatable {
    /// Lower validation loss is better.
    case validationLoss
    /// The validation metric; `higherIsBetter` for scores like AUC.
    case validationMetric(higherIsBetter: Bool)
  }

  /// Planned number of epochs.
  public var epochs: Int
  /// Samples per mini-batch (the last batch of an epoch may be smaller).
  public var batchSize: Int
  /// Seed of the shuffling generator.
  public var seed: UInt64
  /// Shuffle the sample order every epoch.
  public var shuffle: Bool
  /// Stop after this many epochs without improvement; `nil` disables early stopping.
  public var patience: Int?
  /// Smallest change that counts as an improvement.
  public var minimumImprovement: Double
  /// Quantity watched for best weights and early stopping.
  public var monitor: Monitor
  /// Parameters snapshotted at the best epoch and restored at the end.
  public var parameters: [Parameter]
  /// Called after every epoch.
  public var progress: ((EpochReport) -> Void)?
  /// Called after every batch (for progress bars).
  public var batchProgress: ((BatchReport) -> Void)?

  /// Creates a loop.
  public init(
    epochs: Int, batchSize: Int, seed: UInt64, shuffle: Bool = true, patience: Int? = nil,
    minimumImprovement: Double = 0, monitor: Monitor = .validationLoss,
    parameters: [Parameter] = [], progress: ((EpochReport) -> Void)? = nil
  ) {
    precondition(epochs >= 0 && batchSize > 0, "epochs >= 0 and batchSize > 0 required")
    self.epochs = epochs
    self.batchSize = batchSize
    self.seed = seed
    self.shuffle = shuffle
    self.patience = patience
    self.minimumImprovement = minimumImprovement
    self.monitor = monitor
    self.parameters = parameters
    self.progress = progress
  }

  /// Number of batches in one epoch of `sampleCount` samples.
  public func batchesPerEpoch(sampleCount: Int) -> Int {
    (sampleCount + batchSize - 1) / batchSize
  }

  /// Copies the current values of ``parameters``.
  public func snapshot() -> ParameterSnapshot { ParameterSnapshot(parameters) }

  /// Writes a snapshot back into ``parameters``.
  public func restore(_ snapshot: ParameterSnapshot) { snapshot.restore(to: parameters) }
}
