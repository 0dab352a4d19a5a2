import Foundation
import Testing

@testable import NeuralCore

@Suite struct OptimizerTests {
  /// Runs three steps with fixed gradients on a one-element parameter.
  func run(_ optimizer: inout some Optimizer) -> Float {
    let p = Parameter(name: "w", value: Tensor(shape: [1, 1], data: [1]))
    for g: Float in [0.5, -0.2, 0.3] {
      p.gradient.data[0] = g
      optimizer.step([p])
      #expect(p.gradient.data[0] == 0, "step zeroes gradients")
    }
    return p.value.data[0]
  }

  @Test func adamMatchesReference() {
    // Reference values: PyTorch's Adam/AdamW/SGD update formulas evaluated in Python (float64).
    var adam = Adam(learningRate: 0.1)
    #expect(abs(run(&adam) - 0.810_995_38) < 1e-5)
    var adamW = AdamW(learningRate: 0.1, weightDecay: 0.1)
    #expect(abs(run(&adamW) - 0.783_629_99) < 1e-5)
    var sgd = SGD(learningRate: 0.1, momentum: 0.9)
    #expect(abs(run(&sgd) - 0.8725) < 1e-6)
  }

  /// Plain SGD (no momentum): 1 − 0.1·(0.5 − 0.2 + 0.3) = 0.94, and a sparse table updates
  /// only its touched row (before the fix, the empty velocity buffer's shared storage was
  /// written to and the process crashed).
  @Test func plainSGDWithoutMomentum() {
    var sgd = SGD(learningRate: 0.1)
    #expect(abs(run(&sgd) - 0.94) < 1e-6)
    let table = Parameter(
      name: "e", value: Tensor(shape: [3, 2], data: [1, 1, 1, 1, 1, 1]), isSparse: true)
    table.gradient.data[2] = 1
    table.gradient.data[3] = -2
    table.markTouched(1)
    var plain = SGD(learningRate: 0.5)
    plain.step([table])
    #expect(table.value.data == [1, 1, 0.5, 2, 1, 1])
  }

  @Test(arguments: ["sgd", "adam", "adamw"])
  func sparseUpdateTouchesOnlyBatchRows(name: String) {
    var rng = SeededGenerator(seed: 3)
    let bag = EmbeddingBag(count: 50, dimension: 4, mode: .mean, generator: &rng)
    let dense = Dense(inputs: 4, outputs: 1, generator: &rng)
    let before = bag.weight.value
    var optimizer: any Optimizer =
      switch name {
      case "sgd": SGD(learningRate: 0.1, momentum: 0.9)
      case "adam": Adam(learningRate: 0.01)
      default: AdamW(learningRate: 0.01, weightDecay: 0.1)
      }
    let params = bag.parameters + dense.parameters
    var touched = Set<Int>()
    for batch: [[Int32]] in [[[3, 7], [7, 11]], [[20], [3, 3, 41]]] {
      touched.formUnion(batch.joined().map(Int.init))
      let pooled = bag.forward(bags: EmbeddingBag.Batch(bags: batch))
      let out = dense.forward(pooled, training: true)
      let (_, g) = MeanSquaredError().compute(predictions: out, targets: [1, -1])
      bag.backward(dense.backward(g))
      optimizer.step(params)
      #expect(bag.weight.touchedRows.isEmpty)
    }
    for row in 0..<50 {
      let changed = bag.weight.value.row(row) != before.row(row)
      #expect(changed == touched.contains(row), "row \(row)")
    }
    #expect(bag.weight.gradient.data.allSatisfy { $0 == 0 })
  }

  @Test func clipGradientNormScalesToMaximum() {
    let a = Parameter(name: "a", value: Tensor(zeros: [1, 2]))
    let b = Parameter(name: "b", value: Tensor(zeros: [3, 1]), isSparse: true)
    a.gradient.data = [3, 0]
    b.gradient.data = [0, 4, 0]
    b.markTouched(1)
    let norm = clipGradientNorm([a, b], maxNorm: 1)
    #expect(abs(norm - 5) < 1e-6)
    #expect(abs(a.gradient.data[0] - 0.6) < 1e-6 && abs(b.gradient.data[1] - 0.8) < 1e-6)
    #expect(abs(clipGradientNorm([a, b], maxNorm: 10) - 1) < 1e-6)
    #expect(abs(a.gradient.data[0] - 0.6) < 1e-6)
  }

  @Test func learningRateSchedules() {
    let constant = LearningRateSchedule.constant(0.5)
    #expect(
      constant.rate(at: 0, totalSteps: 10) == 0.5 && constant.rate(at: 9, totalSteps: 10) == 0.5)
    let cosine = LearningRateSchedule.cosine(baseRate: 1, warmupSteps: 4, minimumRate: 0.1)
    #expect(cosine.rate(at: 0, totalSteps: 14) == 0.25)
    #expect(cosine.rate(at: 3, totalSteps: 14) == 1)
    #expect(abs(cosine.rate(at: 4, totalSteps: 14) - 1) < 1e-6)
    #expect(abs(cosine.rate(at: 13, totalSteps: 14) - 0.1) < 1e-6)
    // Halfway through the decay the cosine is at the midpoint.
    let mid = LearningRateSchedule.cosine(baseRate: 1).rate(at: 5, totalSteps: 11)
    #expect(abs(mid - 0.5) < 1e-6)
    let linear = LearningRateSchedule.linear(baseRate: 1, warmupSteps: 0, minimumRate: 0)
    #expect(abs(linear.rate(at: 5, totalSteps: 11) - 0.5) < 1e-6)
    #expect(abs(linear.rate(at: 10, totalSteps: 11)) < 1e-6)
  }
}
