/// A fully connected layer `y = x · W + b`.
///
/// `W` is `(inputs, outputs)`, `b` is `(1, outputs)`; weights start Glorot-uniform
/// (Glorot and Bengio, 2010; Keras' default) and biases at zero.
public final class Dense: Layer {
  /// `(inputs, outputs)` weight matrix.
  public let weight: Parameter
  /// `(1, outputs)` bias, or `nil` for a bias-free layer.
  public let bias: Parameter?
  /// GEMM worker count; `nil` lets the kernel decide by problem size.
  public var threads: Int?
  /// Whether `backward` computes dLoss/dInput. Turn off for the first layer of a network whose
  /// input needs no gradient (saves one GEMM per step); `backward` then returns an empty tensor.
  public var computesInputGradient = true

  /// Input fan-in.
  public var inputCount: Int { weight.value.rows }
  /// Output width.
  public var outputCount: Int { weight.value.columns }

  private var input = Tensor.empty
  private var output = Tensor.empty
  private var inputGradient = Tensor.empty

  /// Creates a layer with Glorot-uniform weights drawn from `generator`.
  /// - Parameters:
  ///   - inputs: input features.
  ///   - outputs: output features.
  ///   - useBias: add a bias vector.
  ///   - name: prefix of the parameter names.
  public init(
    inputs: Int, outputs: Int, generator: inout some RandomNumberGenerator,
    useBias: Bool = true, name: String = "dense"
  ) {
    precondition(inputs > 0 && outputs > 0, "Dense needs positive sizes")
    let limit = (6 / Double(inputs + outputs)).squareRoot()
    var w = [Float](repeating: 0, count: inputs * outputs)
    for i in w.indices {
      let u = Double(generator.next() >> 11) * 0x1.0p-53
      w[i] = Float((2 * u - 1) * limit)
    }
    weight = Parameter(name: name + ".weight", value: Tensor(shape: [inputs, outputs], data: w))
    bias = useBias ? Parameter(name: name + ".bias", value: Tensor(zeros: [1, outputs])) : nil
  }

  /// Creates a layer from given weights `(inputs, outputs)` and optional bias `(1, outputs)`.
  public init(weight: Tensor, bias: Tensor?, name: String = "dense") {
    precondition(weight.shape.count == 2, "Dense weight must be 2-D")
    self.weight = Parameter(name: name + ".weight", value: weight)
    if let bias {
      precondition(bias.count == weight.columns, "bias count must equal outputs")
      self.bias = Parameter(
        name: name + ".bias", value: Tensor(shape: [1, bias.count], data: bias.data))
    } else {
      self.bias = nil
    }
  }

  /// `[weight, bias]` (or `[weight]`).
  public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

  /// `input` is (batch, inputs); returns (batch, outputs).
  public func forward(_ input: Tensor, training: Bool) -> Tensor {
    precondition(
      input.columns == inputCount, "Dense expects \(inputCount) features, got \(input.columns)")
    let n = input.rows
    let outs = outputCount
    output.resize(to: [n, outs])
    var beta: Float = 0
    if let bias {
      beta = 1
      bias.value.data.withUnsafeBufferPointer { b in
        output.data.withUnsafeMutableBufferPointer { o in
          guard let bb = b.baseAddress, let ob = o.baseAddress else { return }
          for r in 0..<n { (ob + r * outs).update(from: bb, count: outs) }
        }
      }
    }
    Tensor.matmul(input, weight.value, beta: beta, into: &output, threads: threads)
    if training { self.input = input }
    return output
  }

  /// `outputGradient` is (batch, outputs); accumulates dW = xᵀ·g and db = Σ g; returns g·Wᵀ.
  public func backward(_ outputGradient: Tensor) -> Tensor {
    let n = outputGradient.rows
    let outs = outputCount
    precondition(
      input.rows == n && outputGradient.columns == outs, "Dense.backward without forward")
    Tensor.matmul(
      input, outputGradient, transA: true, beta: 1, into: &weight.gradient, threads: threads)
    if let bias {
      outputGradient.data.withUnsafeBufferPointer { g in
        bias.gradient.data.withUnsafeMutableBufferPointer { db in
          guard let gb = g.baseAddress, let dbb = db.baseAddress else { return }
          for r in 0..<n {
            let row = gb + r * outs
            for j in 0..<outs { dbb[j] += row[j] }
          }
        }
      }
    }
    input = .empty
    guard computesInputGradient else { return .empty }
    Tensor.matmul(
      outputGradient, weight.value, transB: true, into: &inputGradient, threads: threads)
    return inputGradient
  }
}
