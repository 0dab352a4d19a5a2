/// Layer normalisation over the features of each sample, with a learned scale and shift
/// (Ba, Kiros and Hinton, 2016): `y = γ ⊙ (x − μ) / √(σ² + ε) + β`.
public final class LayerNorm: Layer {
  /// `(1, features)` scale γ, initialised to one.
  public let gamma: Parameter
  /// `(1, features)` shift β, initialised to zero.
  public let beta: Parameter
  /// Added to the variance for stability.
  public let epsilon: Float

  private var normalized = Tensor.empty  // (batch, features) x̂
  private var inverseStd: [Float] = []  // (batch) 1/√(σ² + ε)
  private var output = Tensor.empty
  private var inputGradient = Tensor.empty

  /// Creates the layer for `features` inputs.
  public init(features: Int, epsilon: Float = 1e-5, name: String = "layernorm") {
    precondition(features > 0, "LayerNorm needs features > 0")
    gamma = Parameter(name: name + ".gamma", value: Tensor(shape: [1, features], repeating: 1))
    beta = Parameter(name: name + ".beta", value: Tensor(zeros: [1, features]))
    self.epsilon = epsilon
  }

  /// `[gamma, beta]`.
  public var parameters: [Parameter] { [gamma, beta] }

  /// `input` is (batch, features).
  public func forward(_ input: Tensor, training: Bool) -> Tensor {
    let (n, f) = (input.rows, input.columns)
    precondition(f == gamma.value.columns, "LayerNorm expects \(gamma.value.columns) features")
    normalized.resize(to: input.shape)
    output.resize(to: input.shape)
    if inverseStd.count != n { inverseStd = [Float](repeating: 0, count: n) }
    let eps = epsilon
    input.data.withUnsafeBufferPointer { xs in
      gamma.value.data.withUnsafeBufferPointer { gs in
        beta.value.data.withUnsafeBufferPointer { bs in
          normalized.data.withUnsafeMutableBufferPointer { hs in
            output.data.withUnsafeMutableBufferPointer { ys in
              inverseStd.withUnsafeMutableBufferPointer { rs in
                for r in 0..<n {
                  let o = r * f
                  var mean: Float = 0
                  for j in 0..<f { mean += xs[o + j] }
                  mean /= Float(f)
                  var variance: Float = 0
                  for j in 0..<f {
                    let d = xs[o + j] - mean
                    variance += d * d
                  }
                  variance /= Float(f)
                  let rstd = 1 / (variance + eps).squareRoot()
                  rs[r] = rstd
                  for j in 0..<f {
                    let h = (xs[o + j] - mean) * rstd
                    hs[o + j] = h
                    ys[o + j] = gs[j] * h + bs[j]
                  }
                }
              }
            }
          }
        }
      }
    }
    return output
  }

  /// dx = rstd · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)) with ĝ = g ⊙ γ; accumulates dγ and dβ.
  public func backward(_ outputGradient: Tensor) -> Tensor {
    let (n, f) = (normalized.rows, normalized.columns)
    precondition(outputGradient.count == n * f, "LayerNorm.backward without forward")
    inputGradient.resize(to: normalized.shape)
    outputGradient.data.withUnsafeBufferPointer { gs in
      normalized.data.withUnsafeBufferPointer { hs in
        gamma.value.data.withUnsafeBufferPointer { gam in
          gamma.gradient.data.withUnsafeMutableBufferPointer { dg in
            beta.gradient.data.withUnsafeMutableBufferPointer { db in
              inputGradient.data.withUnsafeMutableBufferPointer { dx in
                inverseStd.withUnsafeBufferPointer { rs in
                  for r in 0..<n {
                    let o = r * f
                    var meanG: Float = 0
                    var meanGH: Float = 0
                    for j in 0..<f {
                      let g = gs[o + j]
                      let h = hs[o + j]
                      dg[j] += g * h
                      db[j] += g
                      let gh = g * gam[j]
                      meanG += gh
                      meanGH += gh * h
                    }
                    meanG /= Float(f)
                    meanGH /= Float(f)
                    let rstd = rs[r]
                    for j in 0..<f {
                      let gh = gs[o + j] * gam[j]
                      dx[o + j] = rstd * (gh - meanG - hs[o + j] * meanGH)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return inputGradient
  }
}
