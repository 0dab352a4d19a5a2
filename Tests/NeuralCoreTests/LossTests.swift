import Foundation
import Testing
import _TestSupport

@testable import NeuralCore

@Suite struct LossTests {
  func numeric(_ values: [Float], _ loss: ([Float]) -> Float) -> [Double] {
    var x = values
    return GradientCheck.numericGradient(
      count: x.count, get: { x[$0] }, set: { x[$0] = $1 }, loss: { Double(loss(x)) })
  }

  @Test(arguments: [(Float(1), Float(0)), (3.5, 0), (1, 0.05), (3.5, 0.2)])
  func binaryCrossEntropyGradient(positiveWeight: Float, labelSmoothing: Float) {
    let loss = BinaryCrossEntropyWithLogits(
      positiveWeight: positiveWeight, labelSmoothing: labelSmoothing)
    let z: [Float] = [-2.5, -0.3, 0.7, 3.1, 0.05]
    let y: [Float] = [0, 1, 1, 0, 0.3]
    let w: [Float] = [1, 2, 0.5, 1, 1]
    let result = loss.compute(logits: Tensor(shape: [5, 1], data: z), targets: y, sampleWeights: w)
    let n = numeric(z) {
      loss.compute(logits: Tensor(shape: [5, 1], data: $0), targets: y, sampleWeights: w).loss
    }
    #expect(GradientCheck.maxRelativeError(result.gradient.data, n) < 1e-2)
  }

  @Test func binaryCrossEntropyMatchesReference() {
    // torch.nn.BCEWithLogitsLoss(pos_weight=2)([0.5, -1], [1, 0]) = 0.630708:
    // (2·softplus(−0.5) + softplus(−1)) / 2 = (2·0.474077 + 0.313262) / 2.
    let r = BinaryCrossEntropyWithLogits(positiveWeight: 2)
      .compute(logits: Tensor(shape: [2, 1], data: [0.5, -1]), targets: [1, 0])
    #expect(abs(r.loss - 0.630_708) < 1e-5)
  }

  @Test func binaryCrossEntropyLabelSmoothingMatchesReference() {
    // Keras' BinaryCrossentropy(from_logits=True, label_smoothing=0.1) on [0.5, -1], [1, 0]:
    // targets 0.95, 0.05, so (0.95·softplus(−0.5) + 0.05·softplus(0.5) + 0.05·softplus(1)
    // + 0.95·softplus(−1)) / 2 = 0.431169 (written out in Python with math.log1p).
    let smoothed = BinaryCrossEntropyWithLogits(labelSmoothing: 0.1)
      .compute(logits: Tensor(shape: [2, 1], data: [0.5, -1]), targets: [1, 0])
    #expect(abs(smoothed.loss - 0.431_169) < 1e-5)
    // With a positive weight of 2 the smoothed positive parts weigh double: 0.689187.
    let weighted = BinaryCrossEntropyWithLogits(positiveWeight: 2, labelSmoothing: 0.1)
      .compute(logits: Tensor(shape: [2, 1], data: [0.5, -1]), targets: [1, 0])
    #expect(abs(weighted.loss - 0.689_187) < 1e-5)
    // Smoothing 0 is the plain loss, and a loss encoded before the option decodes to 0.
    let plain = BinaryCrossEntropyWithLogits(positiveWeight: 2)
      .compute(logits: Tensor(shape: [2, 1], data: [0.5, -1]), targets: [1, 0])
    #expect(abs(plain.loss - 0.630_708) < 1e-5)
    let old = Data(#"{"positiveWeight":2}"#.utf8)
    let decoded = try? JSONDecoder().decode(BinaryCrossEntropyWithLogits.self, from: old)
    #expect(decoded == BinaryCrossEntropyWithLogits(positiveWeight: 2))
  }

  @Test(arguments: [Float(0), 0.1])
  func softmaxCrossEntropyGradient(labelSmoothing: Float) {
    let loss = SoftmaxCrossEntropy(labelSmoothing: labelSmoothing)
    let z = GradientCheck.randomTensor([3, 4], seed: 31, scale: 3)
    let labels = [2, 0, 3]
    let w: [Float] = [1, 0.5, 2]
    let result = loss.compute(logits: z, labels: labels, sampleWeights: w)
    let n = numeric(z.data) {
      loss.compute(logits: Tensor(shape: [3, 4], data: $0), labels: labels, sampleWeights: w).loss
    }
    #expect(GradientCheck.maxRelativeError(result.gradient.data, n) < 1e-2)
  }

  @Test func softmaxCrossEntropyMatchesReference() {
    // −log softmax([1, 2, 3])[2] = log(e¹ + e² + e³) − 3 = 0.407606
    let plain = SoftmaxCrossEntropy().compute(
      logits: Tensor(shape: [1, 3], data: [1, 2, 3]), labels: [2])
    #expect(abs(plain.loss - 0.407_606) < 1e-5)
    // With smoothing 0.3: q = [0.1, 0.1, 0.8]; ℓ = lse − Σ q z = 3.407606 − 2.7 = 0.707606
    let smooth = SoftmaxCrossEntropy(labelSmoothing: 0.3)
      .compute(logits: Tensor(shape: [1, 3], data: [1, 2, 3]), labels: [2])
    #expect(abs(smooth.loss - 0.707_606) < 1e-5)
  }

  @Test func meanSquaredErrorGradient() {
    let p: [Float] = [0.5, -1, 2, 0]
    let t: [Float] = [1, -1, 0, 0.5]
    let r = MeanSquaredError().compute(predictions: Tensor(shape: [2, 2], data: p), targets: t)
    #expect(abs(r.loss - (0.25 + 0 + 4 + 0.25) / 4) < 1e-6)
    let n = numeric(p) {
      MeanSquaredError().compute(predictions: Tensor(shape: [2, 2], data: $0), targets: t).loss
    }
    #expect(GradientCheck.maxRelativeError(r.gradient.data, n) < 1e-2)
  }

  @Test func bprGradient() {
    let pos: [Float] = [1.5, -0.2, 0.3]
    let neg: [Float] = [0.5, 0.4, 2.0]
    let r = BPRLoss().compute(positiveScores: pos, negativeScores: neg)
    let dPos = numeric(pos) { BPRLoss().compute(positiveScores: $0, negativeScores: neg).loss }
    let dNeg = numeric(neg) { BPRLoss().compute(positiveScores: pos, negativeScores: $0).loss }
    #expect(GradientCheck.maxRelativeError(r.dPositive, dPos) < 1e-2)
    #expect(GradientCheck.maxRelativeError(r.dNegative, dNeg) < 1e-2)
    // −log σ(1) = softplus(−1) = 0.3132617
    let one = BPRLoss().compute(positiveScores: [1], negativeScores: [0])
    #expect(abs(one.loss - 0.313_261_7) < 1e-6)
  }

  @Test func lossesStayFiniteAtExtremeLogits() {
    let z: [Float] = [1e4, -1e4, 1e4, -1e4]
    let bce = BinaryCrossEntropyWithLogits(positiveWeight: 5)
      .compute(logits: Tensor(shape: [4, 1], data: z), targets: [1, 0, 0, 1])
    #expect(bce.loss.isFinite && bce.gradient.data.allSatisfy { $0.isFinite })
    // Two confidently wrong samples of 1e4 each: mean = (0 + 0 + 1e4 + 5·1e4) / 4.
    #expect(abs(bce.loss - 15_000) / 15_000 < 1e-4)
    #expect(bce.gradient.data == [0, 0, 0.25, -1.25])

    let ce = SoftmaxCrossEntropy(labelSmoothing: 0.1)
      .compute(
        logits: Tensor(shape: [2, 3], data: [1e4, -1e4, 0, -1e4, 1e4, 1e4]), labels: [1, 0])
    #expect(ce.loss.isFinite && ce.gradient.data.allSatisfy { $0.isFinite })

    let bpr = BPRLoss().compute(positiveScores: [1e4, -1e4], negativeScores: [-1e4, 1e4])
    #expect(bpr.loss.isFinite && abs(bpr.loss - 1e4) < 1)
    #expect(bpr.dPositive.allSatisfy { $0.isFinite })

    let sig = Sigmoid().forward(Tensor(shape: [1, 2], data: [1e4, -1e4]), training: false)
    #expect(sig.data == [1, 0])
  }
}
