import Foundation

/// Binary cross-entropy on raw logits, with an optional weight on the positive class:
/// `ℓ = p·y·softplus(−z) + (1 − y)·softplus(z)`, which equals
/// `−[p·y·log σ(z) + (1 − y)·log(1 − σ(z))]` but never overflows (no NaN at z = ±1e4).
///
/// The result is the mean over samples (`Σ wᵢ ℓᵢ / n` with sample weights), as in PyTorch's
/// `BCEWithLogitsLoss(pos_weight:)` and Keras' `BinaryCrossentropy(from_logits=True)`.
///
/// With `labelSmoothing` ε each target is first replaced by `y·(1 − ε) + ε/2`, as Keras'
/// `BinaryCrossentropy(label_smoothing=ε)` does (Szegedy et al. 2016, "Rethinking the Inception
/// architecture", section 7): a hard 0/1 label no longer pulls its logit towards ±∞.
public struct BinaryCrossEntropyWithLogits: Sendable, Equatable, Codable {
  /// Multiplier on the loss of positive samples (e.g. negatives/positives for imbalance).
  public var positiveWeight: Float
  /// ε in `y·(1 − ε) + ε/2`; 0 keeps the targets.
  public var labelSmoothing: Float

  /// Creates the loss.
  /// - Parameters:
  ///   - positiveWeight: multiplier on the loss of positive samples.
  ///   - labelSmoothing: ε in `[0, 1)`; targets become `y·(1 − ε) + ε/2`.
  public init(positiveWeight: Float = 1, labelSmoothing: Float = 0) {
    precondition(labelSmoothing >= 0 && labelSmoothing < 1, "label smoothing must be in [0, 1)")
    self.positiveWeight = positiveWeight
    self.labelSmoothing = labelSmoothing
  }

  private enum CodingKeys: String, CodingKey { case positiveWeight, labelSmoothing }

  /// Decodes the loss; values encoded before `labelSmoothing` existed get 0.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    positiveWeight = try container.decode(Float.self, forKey: .positiveWeight)
    labelSmoothing = try container.decodeIfPresent(Float.self, forKey: .labelSmoothing) ?? 0
  }

  /// Mean loss and dLoss/dLogits.
  /// - Parameters:
  ///   - logits: (n, 1) raw scores.
  ///   - targets: n labels in `[0, 1]`.
  ///   - sampleWeights: optional n per-sample weights.
  /// - Returns: the mean loss and the (n, 1) gradient.
  public func compute(logits: Tensor, targets: [Float], sampleWeights: [Float]? = nil)
    -> (loss: Float, gradient: Tensor)
  {
    let n = logits.count
    precondition(targets.count == n, "BCE: \(targets.count) targets for \(n) logits")
    precondition(sampleWeights == nil || sampleWeights?.count == n, "BCE: sample weights count")
    guard n > 0 else { return (0, Tensor(zeros: logits.shape)) }
    var gradient = Tensor(zeros: logits.shape)
    let pw = positiveWeight
    let eps = labelSmoothing
    let invN = 1 / Float(n)
    var total: Double = 0
    logits.data.withUnsafeBufferPointer { zs in
      targets.withUnsafeBufferPointer { ys in
        gradient.data.withUnsafeMutableBufferPointer { gs in
          for i in 0..<n {
            let z = zs[i]
            let y = eps == 0 ? ys[i] : ys[i] * (1 - eps) + eps / 2
            let w = sampleWeights?[i] ?? 1
            let loss = pw * y * softplus(-z) + (1 - y) * softplus(z)
            total += Double(w * loss)
            let s = stableSigmoid(z)
            // d/dz = p·y·(σ − 1) + (1 − y)·σ
            gs[i] = w * invN * (pw * y * (s - 1) + (1 - y) * s)
          }
        }
      }
    }
    return (Float(total / Double(n)), gradient)
  }
}

/// Mean squared error `Σ (p − t)² / n` over all elements.
public struct MeanSquaredError: Sendable, Equatable, Codable {
  /// Creates the loss.
  public init() {}

  /// Mean loss and dLoss/dPredictions (same shape as `predictions`).
  /// - Parameters:
  ///   - predictions: any shape.
  ///   - targets: as many values as `predictions`, row-major.
  public func compute(predictions: Tensor, targets: [Float]) -> (loss: Float, gradient: Tensor) {
    let n = predictions.count
    precondition(targets.count == n, "MSE: \(targets.count) targets for \(n) predictions")
    guard n > 0 else { return (0, Tensor(zeros: predictions.shape)) }
    var gradient = Tensor(zeros: predictions.shape)
    var total: Double = 0
    let scale = 2 / Float(n)
    predictions.data.withUnsafeBufferPointer { ps in
      targets.withUnsafeBufferPointer { ts in
        gradient.data.withUnsafeMutableBufferPointer { gs in
          for i in 0..<n {
            let d = ps[i] - ts[i]
            total += Double(d * d)
            gs[i] = scale * d
          }
        }
      }
    }
    return (Float(total / Double(n)), gradient)
  }

  /// Same as ``compute(predictions:targets:)-(_,[Float])`` with a target tensor.
  public func compute(predictions: Tensor, targets: Tensor) -> (loss: Float, gradient: Tensor) {
    compute(predictions: predictions, targets: targets.data)
  }
}

/// Bayesian personalised ranking loss `mean(−log σ(s⁺ − s⁻))` over (positive, negative) score
/// pairs, computed as `softplus(s⁻ − s⁺)` so it is stable for any scores (Rendle et al., 2009).
public struct BPRLoss: Sendable, Equatable, Codable {
  /// Creates the loss.
  public init() {}

  /// Mean loss and its gradients with respect to each positive and negative score.
  public func compute(positiveScores: [Float], negativeScores: [Float])
    -> (loss: Float, dPositive: [Float], dNegative: [Float])
  {
    let n = positiveScores.count
    precondition(negativeScores.count == n, "BPR: \(negativeScores.count) negatives for \(n)")
    guard n > 0 else { return (0, [], []) }
    var dPositive = [Float](repeating: 0, count: n)
    var dNegative = [Float](repeating: 0, count: n)
    var total: Double = 0
    let invN = 1 / Float(n)
    for i in 0..<n {
      let margin = positiveScores[i] - negativeScores[i]
      total += Double(softplus(-margin))
      // d softplus(−m)/dm = −σ(−m)
      let g = -stableSigmoid(-margin) * invN
      dPositive[i] = g
      dNegative[i] = -g
    }
    return (Float(total / Double(n)), dPositive, dNegative)
  }
}
