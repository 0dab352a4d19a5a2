import Foundation

/// Softmax cross-entropy on raw logits with optional label smoothing (Szegedy et al., 2016).
///
/// With `C` classes and smoothing `ε` the target distribution is `q = (1 − ε)·onehot + ε/C` and
/// `ℓ = logsumexp(z) − Σ_c q_c z_c`; the gradient is `softmax(z) − q`. The log-sum-exp is
/// max-shifted, so logits of ±1e4 give finite values. Mean over samples (`Σ wᵢ ℓᵢ / n`).
public struct SoftmaxCrossEntropy: Sendable, Equatable, Codable {
  /// Probability mass spread evenly over all classes, in `[0, 1)`.
  public var labelSmoothing: Float

  /// Creates the loss.
  public init(labelSmoothing: Float = 0) {
    precondition(labelSmoothing >= 0 && labelSmoothing < 1, "label smoothing must be in [0, 1)")
    self.labelSmoothing = labelSmoothing
  }

  /// Mean loss and dLoss/dLogits.
  /// - Parameters:
  ///   - logits: (n, classes).
  ///   - labels: n class indices in `0..<classes`.
  ///   - sampleWeights: optional n weights.
  public func compute(logits: Tensor, labels: [Int], sampleWeights: [Float]? = nil)
    -> (loss: Float, gradient: Tensor)
  {
    let (n, c) = (logits.rows, logits.columns)
    precondition(labels.count == n, "softmax CE: \(labels.count) labels for \(n) rows")
    precondition(sampleWeights == nil || sampleWeights?.count == n, "softmax CE: weights count")
    guard n > 0, c > 0 else { return (0, Tensor(zeros: logits.shape)) }
    var gradient = Tensor(zeros: logits.shape)
    let eps = labelSmoothing
    let offValue = eps / Float(c)
    let onValue = 1 - eps + offValue
    let invN = 1 / Float(n)
    var total: Double = 0
    logits.data.withUnsafeBufferPointer { zs in
      gradient.data.withUnsafeMutableBufferPointer { gs in
        guard let z = zs.baseAddress, let g = gs.baseAddress else { return }
        for r in 0..<n {
          let label = labels[r]
          precondition(label >= 0 && label < c, "label \(label) outside 0..<\(c)")
          let row = z + r * c
          let grow = g + r * c
          var m = row[0]
          for j in 1..<c where row[j] > m { m = row[j] }
          var sum: Float = 0
          var weightedLogits: Float = 0
          for j in 0..<c {
            let e = exp(row[j] - m)
            grow[j] = e
            sum += e
            weightedLogits += (j == label ? onValue : offValue) * (row[j] - m)
          }
          let w = sampleWeights?[r] ?? 1
          total += Double(w * (log(sum) - weightedLogits))
          let scale = w * invN / sum
          for j in 0..<c {
            grow[j] = grow[j] * scale - w * invN * (j == label ? onValue : offValue)
          }
        }
      }
    }
    return (Float(total / Double(n)), gradient)
  }
}
