import Testing
import _TestSupport

@testable import NeuralCore

@Suite struct LayerGradientTests {
  let tolerance = 1e-2

  func expectGradients(_ layer: Layer, input: Tensor, step: Float = 1e-3) {
    let result = GradientCheck.checkLayer(layer, input: input, step: step)
    #expect(result.input < tolerance, "input gradient error \(result.input)")
    for (name, err) in result.parameters {
      #expect(err < tolerance, "\(name) gradient error \(err)")
    }
  }

  @Test func dense() {
    var rng = SeededGenerator(seed: 1)
    let layer = Dense(inputs: 4, outputs: 3, generator: &rng)
    layer.bias?.value = GradientCheck.randomTensor([1, 3], seed: 5)
    expectGradients(layer, input: GradientCheck.randomTensor([5, 4], seed: 2))
  }

  @Test func denseWithoutInputGradient() {
    var rng = SeededGenerator(seed: 1)
    let layer = Dense(inputs: 4, outputs: 3, generator: &rng)
    layer.computesInputGradient = false
    _ = layer.forward(GradientCheck.randomTensor([2, 4], seed: 2), training: true)
    let dx = layer.backward(GradientCheck.randomTensor([2, 3], seed: 3))
    #expect(dx.count == 0)
    #expect(layer.weight.gradient.data.contains { $0 != 0 })
  }

  @Test func relu() {
    expectGradients(ReLU(), input: GradientCheck.randomTensor([4, 5], seed: 3, gap: 0.05))
  }

  @Test func gelu() {
    expectGradients(GELU(), input: GradientCheck.randomTensor([4, 5], seed: 4, scale: 3))
  }

  @Test func sigmoid() {
    expectGradients(Sigmoid(), input: GradientCheck.randomTensor([4, 5], seed: 5, scale: 4))
  }

  @Test func tanhLayer() {
    expectGradients(Tanh(), input: GradientCheck.randomTensor([4, 5], seed: 6, scale: 2))
  }

  @Test func softmax() {
    expectGradients(Softmax(), input: GradientCheck.randomTensor([3, 6], seed: 7, scale: 3))
  }

  @Test func layerNorm() {
    let layer = LayerNorm(features: 6)
    layer.gamma.value = GradientCheck.randomTensor([1, 6], seed: 8)
    layer.beta.value = GradientCheck.randomTensor([1, 6], seed: 9)
    expectGradients(layer, input: GradientCheck.randomTensor([4, 6], seed: 10, scale: 2))
  }

  @Test func sequentialStack() {
    var rng = SeededGenerator(seed: 11)
    let model = Sequential([
      Dense(inputs: 3, outputs: 5, generator: &rng), Tanh(),
      Dense(inputs: 5, outputs: 4, generator: &rng), LayerNorm(features: 4), GELU(),
      Dense(inputs: 4, outputs: 2, generator: &rng),
    ])
    expectGradients(model, input: GradientCheck.randomTensor([3, 3], seed: 12))
  }

  @Test func dropoutIsIdentityAtInferenceAndMasksInTraining() {
    let layer = Dropout(rate: 0.5, seed: 3)
    let x = GradientCheck.randomTensor([8, 16], seed: 13, gap: 0.1)
    #expect(layer.forward(x, training: false) == x)
    let y = layer.forward(x, training: true)
    let g = GradientCheck.randomTensor([8, 16], seed: 14)
    let dx = layer.backward(g)
    var dropped = 0
    for i in 0..<x.count {
      let m = y.data[i] / x.data[i]  // 0 or 2
      #expect(abs(m) < 1e-6 || abs(m - 2) < 1e-5)
      if m == 0 { dropped += 1 }
      #expect(abs(dx.data[i] - g.data[i] * m) < 1e-5)
    }
    #expect(dropped > 32 && dropped < 96)
    // With the mask held fixed (rate 0) dropout is the identity in training too.
    expectGradients(Dropout(rate: 0, seed: 1), input: x)
  }
}
