/// A differentiable function of a `(batch, features)` tensor with explicit forward and backward.
///
/// `forward` caches what `backward` needs; `backward` receives dLoss/dOutput, **accumulates**
/// dLoss/dParameter into each parameter's gradient and returns dLoss/dInput. Call them in
/// pairs: forward, then backward for the same batch.
public protocol Layer: AnyObject {
  /// Trainable parameters, in a stable order (used for optimizers and model files).
  var parameters: [Parameter] { get }
  /// Computes the output for `input` (batch, features); `training` enables dropout.
  func forward(_ input: Tensor, training: Bool) -> Tensor
  /// Back-propagates `outputGradient` (batch, outputs); returns (batch, inputs).
  func backward(_ outputGradient: Tensor) -> Tensor
}

extension Layer {
  /// Inference: `forward(input, training: false)`.
  public func callAsFunction(_ input: Tensor) -> Tensor {
    forward(input, training: false)
  }
}

/// Layers applied one after another.
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// let mlp = Sequential([Dense(inputs: 4, outputs: 8, generator: &rng), ReLU(),
///                       Dense(inputs: 8, outputs: 1, generator: &rng)])
/// let logits = mlp.forward(x, training: true)
/// ```
public final class Sequential: Layer {
  /// The layers, first applied first.
  public let layers: [Layer]

  /// Creates a stack of layers.
  public init(_ layers: [Layer]) {
    self.layers = layers
  }

  /// All parameters of all layers, in layer order.
  public var parameters: [Parameter] { layers.flatMap(\.parameters) }

  /// Runs every layer in order.
  public func forward(_ input: Tensor, training: Bool) -> Tensor {
    var x = input
    for layer in layers { x = layer.forward(x, training: training) }
    return x
  }

  /// Runs every layer's backward in reverse order.
  public func backward(_ outputGradient: Tensor) -> Tensor {
    var g = outputGradient
    for layer in layers.reversed() { g = layer.backward(g) }
    return g
  }
}
