import Foundation
import NeuralCore
import Testing
import TextProcessing
import _TestSupport

@testable import TextClassification

/// The hidden-layer text network (`--hidden N`): gradients, determinism, model files.
@Suite struct HiddenLayerTests {
  static let x = SparseRows(
    offsets: [0, 3, 5, 7], indices: [0, 2, 4, 1, 2, 3, 4],
    values: [0.5, 0.7, 0.2, 0.9, 0.3, 0.6, 0.8])

  static func start() -> HiddenLayerTextModel {
    var rng = SeededGenerator(seed: 5)
    return HiddenLayerTextModel(features: 5, hidden: 4, outputs: 3, generator: &rng)
  }

  /// Mean softmax cross-entropy of the inference path (`HiddenLayerTextModel.logits`).
  static func loss(_ m: HiddenLayerTextModel, labels: [Int]) -> Double {
    let z = m.logits(x)
    var total = 0.0
    for r in 0..<labels.count {
      let row = (0..<3).map { Double(z[r * 3 + $0]) }
      let top = row.max() ?? 0
      let lse = top + Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - top) })
      total += lse - row[labels[r]]
    }
    return total / Double(labels.count)
  }

  /// Finite differences of the inference path's loss against the gradients the training
  /// layers (EmbeddingBag with weights → ReLU → Dense → SoftmaxCrossEntropy) accumulate.
  @Test func gradientsMatchFiniteDifferences() {
    let labels = [2, 0, 1]
    let m = Self.start()
    let trainer = HiddenLayerTrainer(
      model: m, options: SparseTrainingOptions(batchSize: 3), objective: .softmax)
    let pooled = trainer.bag.forward(bags: HiddenLayerTrainer.batch(of: Self.x, rows: [0, 1, 2]))
    let logits = trainer.dense.forward(
      trainer.activation.forward(pooled, training: true), training: true)
    let (_, g) = HiddenLayerTrainer.loss(
      logits: logits, rows: [0, 1, 2], targets: .classes(labels.map(Int32.init)),
      objective: .softmax)
    trainer.bag.backward(trainer.activation.backward(trainer.dense.backward(g)))
    let eps: Float = 1e-2
    func check(_ analytic: [Float], _ perturb: (inout HiddenLayerTextModel, Int, Float) -> Void) {
      for i in analytic.indices {
        var up = m
        var down = m
        perturb(&up, i, eps)
        perturb(&down, i, -eps)
        let numeric =
          (Self.loss(up, labels: labels) - Self.loss(down, labels: labels)) / Double(2 * eps)
        #expect(abs(numeric - Double(analytic[i])) < 2e-3, "parameter \(i)")
      }
    }
    check(trainer.bag.weight.gradient.data) { $0.embedding[$1] += $2 }
    check(trainer.dense.weight.gradient.data) { $0.weights[$1] += $2 }
    check(trainer.dense.bias?.gradient.data ?? []) { $0.bias[$1] += $2 }
    // Only the rows of features in the batch were touched (sparse update).
    #expect(Set(trainer.bag.weight.touchedRows) == Set(Self.x.indices.map(Int.init)))
  }

  @Test func trainsDeterministicallyAndRoundTripsThroughTheModelFile() throws {
    let (texts, labels) = ClassifierTests.tiny
    let c = TextClassifier(training: TextClassifier.defaultTraining(hidden: 8), hidden: 8)
    let a = try c.fitValidated(texts: texts, labels: labels.map { [$0] }, validationFraction: 0.2)
    let b = try c.fitValidated(texts: texts, labels: labels.map { [$0] }, validationFraction: 0.2)
    #expect(a.model.model == b.model.model)
    #expect(a.validationProbabilities == b.validationProbabilities)
    guard case .hidden(let net) = a.model.model else {
      Issue.record("expected a hidden-layer network")
      return
    }
    #expect(net.hidden == 8 && net.outputs == 3)
    #expect(a.model.predict(texts) == labels)

    let dir = try TestSupport.temporaryDirectory()
    let path = dir.appendingPathComponent("h.traction").path
    let settings = TextTaskSettings(textColumn: "text", labelColumn: "intent")
    try TextModelFile.write(a.model, settings: settings, task: "tickets", to: path)
    let (loaded, _) = try TextModelFile.read(task: "tickets", from: path)
    #expect(loaded.configuration.hidden == 8)
    #expect(loaded.model == a.model.model)
    let probe = texts + ["where is my card", "refund please"]
    #expect(loaded.predictProbabilities(probe) == a.model.predictProbabilities(probe))
    #expect(
      loaded.topFeatures(forClass: 0, count: 5).map(\.feature)
        == a.model.topFeatures(forClass: 0, count: 5).map(\.feature))
  }

  @Test func multiLabelHiddenNetworkLearnsLabelSets() throws {
    let texts = (0..<4).flatMap { _ in
      [
        "refund and card", "refund only", "card only", "refund and card please", "card only please",
        "refund only please",
      ]
    }
    let sets = [
      ["refund", "card"], ["refund"], ["card"], ["refund", "card"], ["card"], ["refund"],
    ]
    var c = TextClassifier(
      training: TextClassifier.defaultTraining(hidden: 8), multiLabel: true, hidden: 8)
    c.vectorizer.features.minDocumentFrequency = 1
    c.training.epochs = 30
    let fit = try c.fitValidated(
      texts: texts, labels: (0..<4).flatMap { _ in sets }, validationFraction: 0)
    let p = fit.model.predictProbabilities(["refund and card", "card only"])
    #expect(p[0].allSatisfy { $0 > 0.5 })
    #expect(p[1][p.classCount + 0] > 0.5 && p[1][p.classCount + 1] < 0.5)  // card yes, refund no
  }

  /// Model files written before `hidden` existed have no such key: they load as linear models.
  @Test func settingsWithoutHiddenDecodeAsLinear() throws {
    let data = try JSONEncoder().encode(TextClassifier())
    guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      Issue.record("not a JSON object")
      return
    }
    #expect(object["hidden"] as? Int == 0)
    object.removeValue(forKey: "hidden")
    let old = try JSONSerialization.data(withJSONObject: object)
    let decoded = try JSONDecoder().decode(TextClassifier.self, from: old)
    #expect(decoded == TextClassifier())
  }

  /// Running the validation model and the refit concurrently gives the same final model as
  /// fitting on all rows alone.
  @Test func concurrentRefitEqualsPlainFit() throws {
    let (texts, labels) = ClassifierTests.tiny
    let validated = try TextClassifier().fitValidated(
      texts: texts, labels: labels.map { [$0] }, validationFraction: 0.2)
    let plain = try TextClassifier().fit(texts: texts, labels: labels)
    #expect(validated.model.model == plain.model)
    #expect(!validated.validationRows.isEmpty)
  }
}
