/// Hyper-parameters of sparse linear training.
public struct SparseTrainingOptions: Sendable, Codable, Equatable {
  /// Update rule.
  public enum Optimizer: String, Sendable, Codable, Equatable, CaseIterable {
    /// Plain stochastic gradient descent (fastText's rule).
    case sgd
    /// AdaGrad: per-weight step sizes shrink with accumulated squared gradients (Duchi et al.,
    /// 2011), a strong choice for sparse TF-IDF features.
    case adagrad
    /// Lazy Adam: moments of rows a batch did not touch are left unchanged (Kingma & Ba, 2015;
    /// TensorFlow's LazyAdam).
    case adam
  }

  /// Output layer and loss.
  public enum Objective: String, Sendable, Codable, Equatable {
    /// One label per text: softmax with cross-entropy.
    case softmax
    /// Any number of labels per text: independent sigmoids with binary cross-entropy.
    case sigmoid
  }

  /// Passes over the training data.
  public var epochs: Int
  /// Texts per update.
  public var batchSize: Int
  /// Initial step size.
  public var learningRate: Float
  /// Update rule.
  public var optimizer: Optimizer
  /// Decoupled weight decay per step, applied lazily to the rows a batch touched.
  public var weightDecay: Float
  /// Decay the step size linearly to zero over training (as fastText does).
  public var linearDecay: Bool
  /// Seed for the order of examples.
  public var seed: UInt64

  /// Creates options; the defaults were chosen on the benchmark splits.
  public init(
    epochs: Int = 20, batchSize: Int = 32, learningRate: Float = 0.5,
    optimizer: Optimizer = .adagrad, weightDecay: Float = 0, linearDecay: Bool = true,
    seed: UInt64 = 42
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.optimizer = optimizer
    self.weightDecay = weightDecay
    self.linearDecay = linearDecay
    self.seed = seed
  }
}
