/// Inverted dropout: in training, zeroes each element with probability `rate` and scales the
/// rest by `1 / (1 − rate)`; at inference it is the identity (Srivastava et al., 2014).
public final class Dropout: Layer {
  /// Probability of dropping an element, in `[0, 1)`.
  public let rate: Float
  private var generator: SeededGenerator
  private var mask = Tensor.empty
  private var output = Tensor.empty
  private var inputGradient = Tensor.empty
  private var wasTraining = false

  /// Creates the layer with its own seeded generator for the masks.
  /// - Precondition: `0 <= rate < 1`.
  public init(rate: Float, seed: UInt64) {
    precondition(rate >= 0 && rate < 1, "Dropout rate must be in [0, 1), got \(rate)")
    self.rate = rate
    self.generator = SeededGenerator(seed: seed)
  }

  /// No parameters.
  public var parameters: [Parameter] { [] }

  /// Applies a fresh random mask when `training`, else returns `input` unchanged.
  public func forward(_ input: Tensor, training: Bool) -> Tensor {
    wasTraining = training && rate > 0
    guard wasTraining else { return input }
    mask.resize(to: input.shape)
    output.resize(to: input.shape)
    let keep = 1 - rate
    let scale = 1 / keep
    // Compare 24-bit uniforms against an integer threshold: exact and fast.
    let threshold = UInt64((Double(rate) * 16_777_216).rounded())
    input.data.withUnsafeBufferPointer { xs in
      mask.data.withUnsafeMutableBufferPointer { ms in
        output.data.withUnsafeMutableBufferPointer { os in
          for i in 0..<xs.count {
            let m: Float = (generator.next() >> 40) >= threshold ? scale : 0
            ms[i] = m
            os[i] = xs[i] * m
          }
        }
      }
    }
    return output
  }

  /// Multiplies the gradient by the same mask.
  public func backward(_ outputGradient: Tensor) -> Tensor {
    guard wasTraining else { return outputGradient }
    Elementwise.zip(outputGradient, mask, into: &inputGradient, Multiply.self)
    return inputGradient
  }
}

enum Multiply: BinaryOp {
  @inline(__always) static func apply(_ a: Float, _ b: Float) -> Float { a * b }
}
