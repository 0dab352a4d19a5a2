import Foundation

/// Adam (Kingma and Ba, 2015) with optional L2 weight decay coupled into the gradient.
///
/// `m = β₁m + (1−β₁)g`, `v = β₂v + (1−β₂)g²`,
/// `θ -= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)` (PyTorch's formulation). Sparse parameters use the
/// lazy variant: only touched rows update their moments and values.
public struct Adam: Optimizer, Sendable {
  /// Step size.
  public var learningRate: Float
  /// First-moment decay.
  public var beta1: Float
  /// Second-moment decay.
  public var beta2: Float
  /// Added to the denominator.
  public var epsilon: Float
  /// L2 penalty added to the gradient (`g + λ·θ`); prefer ``AdamW`` for decoupled decay.
  public var weightDecay: Float
  var state = AdamState()

  /// Creates the optimizer.
  public init(
    learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
    weightDecay: Float = 0
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  /// Number of steps taken.
  public var stepCount: Int { state.step }

  /// One Adam update, then zeroes the gradients.
  public mutating func step(_ parameters: [Parameter]) {
    state.update(
      parameters, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
      l2: weightDecay, decoupledDecay: 0)
  }
}

/// AdamW: Adam with decoupled weight decay `θ -= lr·λ·θ` (Loshchilov and Hutter, 2019).
/// For sparse parameters the decay, like the update, applies to touched rows only.
public struct AdamW: Optimizer, Sendable {
  /// Step size.
  public var learningRate: Float
  /// Decoupled weight-decay coefficient λ.
  public var weightDecay: Float
  /// First-moment decay.
  public var beta1: Float
  /// Second-moment decay.
  public var beta2: Float
  /// Added to the denominator.
  public var epsilon: Float
  var state = AdamState()

  /// Creates the optimizer.
  public init(
    learningRate: Float = 1e-3, weightDecay: Float = 0.01, beta1: Float = 0.9,
    beta2: Float = 0.999, epsilon: Float = 1e-8
  ) {
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  /// Number of steps taken.
  public var stepCount: Int { state.step }

  /// One AdamW update, then zeroes the gradients.
  public mutating func step(_ parameters: [Parameter]) {
    state.update(
      parameters, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
      l2: 0, decoupledDecay: weightDecay)
  }
}

/// Moment buffers and step count shared by ``Adam`` and ``AdamW``.
struct AdamState: Sendable {
  var step = 0
  var first = SlotStore()
  var second = SlotStore()

  mutating func update(
    _ parameters: [Parameter], learningRate lr: Float, beta1: Float, beta2: Float,
    epsilon: Float, l2: Float, decoupledDecay: Float
  ) {
    step += 1
    let t = Double(step)
    let stepSize = Float(Double(lr) / (1 - pow(Double(beta1), t)))
    let invSqrtBias2 = Float(1 / (1 - pow(Double(beta2), t)).squareRoot())
    let decay = 1 - lr * decoupledDecay
    let (b1, b2, c1, c2, eps) = (beta1, beta2, 1 - beta1, 1 - beta2, epsilon)
    for p in parameters {
      var m = first.take(p)
      var v = second.take(p)
      p.value.data.withUnsafeMutableBufferPointer { ws in
        p.gradient.data.withUnsafeBufferPointer { gs in
          m.withUnsafeMutableBufferPointer { ms in
            v.withUnsafeMutableBufferPointer { vs in
              guard let wb = ws.baseAddress, let gb = gs.baseAddress, let mb = ms.baseAddress,
                let vb = vs.baseAddress
              else { return }
              let (w, g) = (SendablePointer(base: wb), SendableConstPointer(base: gb))
              let (mp, vp) = (SendablePointer(base: mb), SendablePointer(base: vb))
              forEachUpdateRange(p) { start, end in
                for i in start..<end {
                  var theta = w.base[i]
                  let grad = g.base[i] + l2 * theta
                  theta *= decay
                  let mi = b1 * mp.base[i] + c1 * grad
                  let vi = b2 * vp.base[i] + c2 * grad * grad
                  mp.base[i] = mi
                  vp.base[i] = vi
                  w.base[i] = theta - stepSize * mi / (vi.squareRoot() * invSqrtBias2 + eps)
                }
              }
            }
          }
        }
      }
      first.put(m, for: p)
      second.put(v, for: p)
      p.zeroGradient()
    }
  }
}
