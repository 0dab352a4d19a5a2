import CNeuralCoreKernels
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
    let (b1, b2, eps) = (beta1, beta2, epsilon)
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
              let hyper = AdamHyper(
                beta1: b1, beta2: b2, epsilon: eps,
                stepSize: stepSize, invSqrtBias2: invSqrtBias2, l2: l2, decay: decay)
              forEachUpdateRange(p) { start, end in
                adamKernel(
                  w.base + start, g.base + start, mp.base + start, vp.base + start,
                  count: end - start, hyper)
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

/// Scalars of one Adam step.
struct AdamHyper: Sendable {
  var beta1, beta2, epsilon, stepSize, invSqrtBias2, l2, decay: Float
}

/// The Adam update over `count` consecutive elements (vectorised C loop).
@inline(__always)
func adamKernel(
  _ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
  _ v: UnsafeMutablePointer<Float>, count: Int, _ h: AdamHyper
) {
  neuralcore_adam_update(
    w, g, m, v, count, h.beta1, h.beta2, h.stepSize, h.invSqrtBias2, h.epsilon, h.l2, h.decay)
}
