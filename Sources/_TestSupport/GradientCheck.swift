import NeuralCore

/// Finite-difference gradient checks with central differences accumulated in Double.
public enum GradientCheck {
  /// Central-difference estimate `(f(x + h) − f(x − h)) / 2h` of dLoss/dValue for each of
  /// `count` values reached through `get`/`set`; `loss` re-runs the forward pass.
  public static func numericGradient(
    count: Int, get: (Int) -> Float, set: (Int, Float) -> Void, step: Float = 1e-3,
    loss: () -> Double
  ) -> [Double] {
    var result = [Double](repeating: 0, count: count)
    for i in 0..<count {
      let original = get(i)
      set(i, original + step)
      let plus = loss()
      set(i, original - step)
      let minus = loss()
      set(i, original)
      // Divide by the step actually taken in Float.
      let taken = Double(original + step) - Double(original - step)
      result[i] = (plus - minus) / taken
    }
    return result
  }

  /// Largest `|a − n| / max(floor, |a|, |n|)` over all entries.
  public static func maxRelativeError(
    _ analytic: [Float], _ numeric: [Double], floor: Double = 1e-2
  )
    -> Double
  {
    precondition(analytic.count == numeric.count, "gradient sizes differ")
    var worst = 0.0
    for (a, n) in zip(analytic, numeric) {
      let err = abs(Double(a) - n) / max(floor, abs(Double(a)), abs(n))
      if !(err <= worst) { worst = err }  // NaN counts as worst
    }
    return worst
  }

  /// `Σ output ⊙ projection` in Double: a scalar loss whose dLoss/dOutput is `projection`.
  public static func project(_ output: Tensor, _ projection: Tensor) -> Double {
    precondition(output.count == projection.count, "projection shape")
    var s = 0.0
    for (a, b) in zip(output.data, projection.data) { s += Double(a) * Double(b) }
    return s
  }

  /// A tensor of uniform values in `[-scale, scale]`, kept at least `gap` away from zero (so
  /// that kinks such as ReLU's are not straddled by the finite difference).
  public static func randomTensor(
    _ shape: [Int], seed: UInt64, scale: Float = 1, gap: Float = 0
  ) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    let n = shape.reduce(1, *)
    var data = [Float](repeating: 0, count: n)
    for i in 0..<n {
      let u = rng.nextFloat() * 2 - 1
      let magnitude = gap + abs(u) * (scale - gap)
      data[i] = u < 0 ? -magnitude : magnitude
    }
    return Tensor(shape: shape, data: data)
  }

  /// Worst relative errors of a layer's input gradient and of each parameter's gradient, for
  /// the loss `Σ forward(input) ⊙ r` with a random projection `r`.
  public static func checkLayer(
    _ layer: Layer, input: Tensor, seed: UInt64 = 99, step: Float = 1e-3
  ) -> (input: Double, parameters: [String: Double]) {
    var x = input
    let out = layer.forward(x, training: true)
    let r = randomTensor(out.shape, seed: seed)
    for p in layer.parameters { p.zeroGradient() }
    let dx = layer.backward(r)
    let analyticParams = layer.parameters.map { $0.gradient.data }
    func loss() -> Double { project(layer.forward(x, training: true), r) }
    let numericX = numericGradient(
      count: x.count, get: { x.data[$0] }, set: { x.data[$0] = $1 }, step: step, loss: loss)
    var errors: [String: Double] = [:]
    for (p, analytic) in zip(layer.parameters, analyticParams) {
      let numeric = numericGradient(
        count: p.value.count, get: { p.value.data[$0] }, set: { p.value.data[$0] = $1 },
        step: step, loss: loss)
      errors[p.name] = maxRelativeError(analytic, numeric)
    }
    return (maxRelativeError(dx.data, numericX), errors)
  }
}
