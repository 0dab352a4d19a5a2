/// Stochastic gradient descent with optional momentum (PyTorch form: `v = μ·v + g`,
/// `θ -= lr·v`) and optional L2 weight decay added to the gradient.
public struct SGD: Optimizer, Sendable {
  /// Step size.
  public var learningRate: Float
  /// Momentum factor μ in `[0, 1)`; 0 disables the velocity buffer.
  public var momentum: Float
  /// L2 penalty coefficient added to the gradient (`g + λ·θ`).
  public var weightDecay: Float
  private var velocity = SlotStore()

  /// Creates the optimizer.
  public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
  }

  /// Applies `θ -= lr·v` (touched rows only for sparse parameters) and zeroes the gradients.
  public mutating func step(_ parameters: [Parameter]) {
    let lr = learningRate
    let mu = momentum
    let wd = weightDecay
    for p in parameters {
      var v = mu != 0 ? velocity.take(p) : []
      p.value.data.withUnsafeMutableBufferPointer { ws in
        p.gradient.data.withUnsafeBufferPointer { gs in
          v.withUnsafeMutableBufferPointer { vs in
            guard let wb = ws.baseAddress, let gb = gs.baseAddress else { return }
            let w = SendablePointer(base: wb)
            let g = SendableConstPointer(base: gb)
            // An empty array may still have a base address (the shared empty storage): test
            // `mu`, not the pointer, or plain SGD writes into that storage.
            let vel = mu != 0 ? vs.baseAddress.map { SendablePointer(base: $0) } : nil
            forEachUpdateRange(p) { start, end in
              if let vel {
                for i in start..<end {
                  let grad = g.base[i] + wd * w.base[i]
                  let nv = mu * vel.base[i] + grad
                  vel.base[i] = nv
                  w.base[i] -= lr * nv
                }
              } else {
                for i in start..<end { w.base[i] -= lr * (g.base[i] + wd * w.base[i]) }
              }
            }
          }
        }
      }
      if mu != 0 { velocity.put(v, for: p) }
      p.zeroGradient()
    }
  }
}
