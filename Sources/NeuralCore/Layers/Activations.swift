import Foundation

/// Rectified linear unit, `max(0, x)`.
public final class ReLU: Layer {
  private var output = Tensor.empty
  private var inputGradient = Tensor.empty

  /// Creates the layer.
  public init() {}
  /// No parameters.
  public var parameters: [Parameter] { [] }

  /// Elementwise `max(0, x)`.
  public func forward(_ input: Tensor, training: Bool) -> Tensor {
    Elementwise.map(input, into: &output, ReLUForward.self)
    return output
  }

  /// Passes the gradient where the output was positive.
  public func backward(_ outputGradient: Tensor) -> Tensor {
    Elementwise.zip(outputGradient, output, into: &inputGradient, ReLUBackward.self)
    return inputGradient
  }
}

/// Gaussian error linear unit, `x · Φ(x)` with the exact normal CDF (Hendrycks and Gimpel, 2016).
public final class GELU: Layer {
  private var input = Tensor.empty
  private var output = Tensor.empty
  private var inputGradient = Tensor.empty

  /// Creates the layer.
  public init() {}
  /// No parameters.
  public var parameters: [Parameter] { [] }

  /// Elementwise `x · Φ(x)`.
  public func forward(_ input: Tensor, training: Bool) -> Tensor {
    Elementwise.map(input, into: &output, GELUForward.self)
    if training { self.input = input }
    return output
  }

  /// d/dx = Φ(x) + x·φ(x).
  public func backward(_ outputGradient: Tensor) -> Tensor {
    Elementwise.zip(outputGradient, input, into: &inputGradient, GELUBackward.self)
    input = .empty
    return inputGradient
  }
}

/// Logistic sigmoid `1 / (1 + e^-x)`, evaluated without overflow for large |x|.
public final class Sigmoid: Layer {
  private var output = Tensor.empty
  private var inputGradient = Tensor.empty

  /// Creates the layer.
  public init() {}
  /// No parameters.
  public var parameters: [Parameter] { [] }

  /// Elementwise sigmoid.
  public func forward(_ input: Tensor, training: Bool) -> Tensor {
    Elementwise.map(input, into: &output, SigmoidForward.self)
    return output
  }

  /// d/dx = y (1 − y).
  public func backward(_ outputGradient: Tensor) -> Tensor {
    Elementwise.zip(outputGradient, output, into: &inputGradient, SigmoidBackward.self)
    return inputGradient
  }
}

/// Hyperbolic tangent.
public final class Tanh: Layer {
  private var output = Tensor.empty
  private var inputGradient = Tensor.empty

  /// Creates the layer.
  public init() {}
  /// No parameters.
  public var parameters: [Parameter] { [] }

  /// Elementwise tanh.
  public func forward(_ input: Tensor, training: Bool) -> Tensor {
    Elementwise.map(input, into: &output, TanhForward.self)
    return output
  }

  /// d/dx = 1 − y².
  public func backward(_ outputGradient: Tensor) -> Tensor {
    Elementwise.zip(outputGradient, output, into: &inputGradient, TanhBackward.self)
    return inputGradient
  }
}

/// Row-wise softmax over the features of each sample (max-subtracted, so any finite logits work).
///
/// For classification training prefer ``SoftmaxCrossEntropy`` on raw logits; this layer is for
/// attention-like uses and for turning logits into probabilities.
public final class Softmax: Layer {
  private var output = Tensor.empty
  private var inputGradient = Tensor.empty

  /// Creates the layer.
  public init() {}
  /// No parameters.
  public var parameters: [Parameter] { [] }

  /// `y[i, j] = exp(x[i, j] − max_j x[i]) / Σ_j …`.
  public func forward(_ input: Tensor, training: Bool) -> Tensor {
    output.resize(to: input.shape)
    let (n, c) = (input.rows, input.columns)
    input.data.withUnsafeBufferPointer { xs in
      output.data.withUnsafeMutableBufferPointer { ys in
        guard let x = xs.baseAddress, let y = ys.baseAddress else { return }
        for r in 0..<n { softmaxRow(x + r * c, y + r * c, c) }
      }
    }
    return output
  }

  /// dx = y ⊙ (g − Σ_j g_j y_j), row by row.
  public func backward(_ outputGradient: Tensor) -> Tensor {
    inputGradient.resize(to: output.shape)
    let (n, c) = (output.rows, output.columns)
    outputGradient.data.withUnsafeBufferPointer { gs in
      output.data.withUnsafeBufferPointer { ys in
        inputGradient.data.withUnsafeMutableBufferPointer { ds in
          guard let g = gs.baseAddress, let y = ys.baseAddress, let d = ds.baseAddress else {
            return
          }
          for r in 0..<n {
            let o = r * c
            var dot: Float = 0
            for j in 0..<c { dot += g[o + j] * y[o + j] }
            for j in 0..<c { d[o + j] = y[o + j] * (g[o + j] - dot) }
          }
        }
      }
    }
    return inputGradient
  }
}

/// `1 / (1 + e^-x)` without overflow.
@inline(__always)
func stableSigmoid(_ x: Float) -> Float {
  if x >= 0 {
    return 1 / (1 + exp(-x))
  }
  let e = exp(x)
  return e / (1 + e)
}

/// `log(1 + e^x)` without overflow: `max(x, 0) + log1p(e^-|x|)`.
@inline(__always)
func softplus(_ x: Float) -> Float {
  max(x, 0) + log1p(exp(-abs(x)))
}

/// Softmax of one row of `count` logits from `x` into `y`.
@inline(__always)
func softmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
  guard count > 0 else { return }
  var m = x[0]
  for j in 1..<max(count, 1) where x[j] > m { m = x[j] }
  var sum: Float = 0
  for j in 0..<count {
    let e = exp(x[j] - m)
    y[j] = e
    sum += e
  }
  let inv = 1 / sum
  for j in 0..<count { y[j] *= inv }
}

enum ReLUForward: UnaryOp {
  @inline(__always) static func apply(_ x: Float) -> Float { x > 0 ? x : 0 }
}
enum ReLUBackward: BinaryOp {
  @inline(__always) static func apply(_ g: Float, _ y: Float) -> Float { y > 0 ? g : 0 }
}
enum GELUForward: UnaryOp {
  @inline(__always) static func apply(_ x: Float) -> Float {
    0.5 * x * (1 + erf(x * 0.707_106_78))
  }
}
enum GELUBackward: BinaryOp {
  @inline(__always) static func apply(_ g: Float, _ x: Float) -> Float {
    let cdf = 0.5 * (1 + erf(x * 0.707_106_78))
    let pdf = 0.398_942_28 * exp(-0.5 * x * x)
    return g * (cdf + x * pdf)
  }
}
enum SigmoidForward: UnaryOp {
  @inline(__always) static func apply(_ x: Float) -> Float { stableSigmoid(x) }
}
enum SigmoidBackward: BinaryOp {
  @inline(__always) static func apply(_ g: Float, _ y: Float) -> Float { g * y * (1 - y) }
}
enum TanhForward: UnaryOp {
  @inline(__always) static func apply(_ x: Float) -> Float { tanh(x) }
}
enum TanhBackward: BinaryOp {
  @inline(__always) static func apply(_ g: Float, _ y: Float) -> Float { g * (1 - y * y) }
}
