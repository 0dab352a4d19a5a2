import Foundation
import NeuralCore
import Testing
import TextProcessing
import _TestSupport
@testable import TextClassification

@Suite struct ClassifierTests {
  static let tiny: ([String], [String]) = {
    let base = [
      ("my card has not arrived", "card"), ("when will my new card arrive", "card"),
      ("still waiting for my card", "card"), ("card delivery is late", "card"),
      ("i want a refund", "refund"), ("please refund my order", "refund"),
      ("how do i get my money back", "refund"), ("refund for the broken item", "refund"),
      ("i forgot my password", "login"), ("reset my password please", "login"),
      ("cannot log in to my account", "login"), ("locked out of my account", "login"),
    ]
    let texts = (0..<3).flatMap { _ in base.map(\.0) }
    let labels = (0..<3).flatMap { _ in base.map(\.1) }
    return (texts, labels)
  }()

  /// The trainer's sparse SGD step equals `W - lr * dL/dW` where the gradient comes from
  /// NeuralCore's `EmbeddingBag` (sum mode, TF-IDF weights) and `SoftmaxCrossEntropy`.
  @Test func sgdStepMatchesNeuralCoreGradient() throws {
    let x = SparseRows(
      offsets: [0, 3, 5, 7], indices: [0, 2, 4, 1, 2, 3, 4],
      values: [0.5, 0.7, 0.2, 0.9, 0.3, 0.6, 0.8])
    let labels: [Int32] = [2, 0, 1]
    var rng = SeededGenerator(seed: 3)
    var start = SparseLinearModel(features: 5, outputs: 3)
    start.weights = (0..<15).map { _ in Float(rng.nextGaussian()) * 0.1 }
    start.bias = [0.1, -0.2, 0.05]
    var model = start
    let options = SparseTrainingOptions(
      epochs: 1, batchSize: 3, learningRate: 1, optimizer: .sgd, linearDecay: false)
    let trainer = SparseLinearTrainer(model: model, options: options, objective: .softmax)
    _ = trainer.trainEpoch(
      model: &model, x: x, targets: .classes(labels), order: [0, 1, 2], progress: 0, span: 1)

    let bag = EmbeddingBag(weight: Tensor(shape: [5, 3], data: start.weights), mode: .sum)
    let batch = EmbeddingBag.Batch(ids: x.indices, offsets: x.offsets, weights: x.values)
    var logits = bag.forward(bags: batch)
    for r in 0..<3 { for k in 0..<3 { logits[r, k] += start.bias[k] } }
    let (_, g) = SoftmaxCrossEntropy().compute(logits: logits, labels: labels.map { Int($0) })
    bag.backward(g)
    for i in 0..<15 {
      #expect(abs((start.weights[i] - model.weights[i]) - bag.weight.gradient.data[i]) < 1e-6)
    }
    for k in 0..<3 {
      let gb = (0..<3).reduce(Float(0)) { $0 + g[$1, k] }
      #expect(abs((start.bias[k] - model.bias[k]) - gb) < 1e-6)
    }
  }

  /// Finite differences of the summed sigmoid cross-entropy against the multi-label gradient.
  @Test func sigmoidGradientMatchesFiniteDifferences() {
    var z: [Float] = [0.3, -1.2, 2.0]
    let targets = TrainingTargets.labelSets(offsets: [0, 2], labels: [0, 2])
    func loss(_ v: [Float]) -> Double {
      var c = v
      return c.withUnsafeMutableBufferPointer {
        SparseLinearTrainer.lossGradient(
          $0.baseAddress!, classes: 3, row: 0, targets: targets, objective: .sigmoid, scale: 1)
      }
    }
    let base = z
    _ = z.withUnsafeMutableBufferPointer {
      SparseLinearTrainer.lossGradient(
        $0.baseAddress!, classes: 3, row: 0, targets: targets, objective: .sigmoid, scale: 1)
    }
    for k in 0..<3 {
      var up = base
      var down = base
      up[k] += 1e-3
      down[k] -= 1e-3
      let numeric = (loss(up) - loss(down)) / 2e-3
      #expect(abs(numeric - Double(z[k])) < 1e-3)
    }
  }

  @Test func fixedSeedConvergesOnTinyData() throws {
    let (texts, labels) = Self.tiny
    let model = try TextClassifier().fit(texts: texts, labels: labels)
    #expect(model.classes == ["card", "login", "refund"])
    #expect(model.predict(texts) == labels)
    #expect(model.predict(["where is my card", "refund please", "password reset"])
      == ["card", "refund", "login"])
  }

  @Test func trainingIsDeterministicAndIndependentOfWorkerCount() throws {
    let (texts, labels) = Self.tiny
    let a = try TextClassifier().fit(texts: texts, labels: labels)
    let b = try TextClassifier().fit(texts: texts, labels: labels)
    #expect(a.model == b.model)
    let features = try TextClassifier.defaultVectorizer.fit(texts)
    let x = features.transform(texts)
    let (_, targets) = try TextClassifier.encode(labels: labels.map { [$0] }, multiLabel: false)
    var m1 = SparseLinearModel(features: features.featureCount, outputs: 3)
    var m2 = m1
    let options = SparseTrainingOptions(batchSize: 8)
    let t1 = SparseLinearTrainer(model: m1, options: options, objective: .softmax, workers: 1)
    let t2 = SparseLinearTrainer(model: m2, options: options, objective: .softmax, workers: 2)
    for _ in 0..<3 {
      _ = t1.trainEpoch(model: &m1, x: x, targets: targets, order: Array(0..<x.count), progress: 0, span: 0.3)
      _ = t2.trainEpoch(model: &m2, x: x, targets: targets, order: Array(0..<x.count), progress: 0, span: 0.3)
    }
    #expect(m1 == m2)
  }

  @Test func multiLabelPredictsLabelSets() throws {
    let texts = ["refund and card", "refund only", "card only", "refund and card please",
      "card only please", "refund only please"]
    let labels = [["refund", "card"], ["refund"], ["card"], ["refund", "card"], ["card"], ["refund"]]
    var c = TextClassifier(multiLabel: true)
    c.vectorizer.features.minDocumentFrequency = 1
    let fit = try c.fitValidated(texts: texts, labels: labels, validationFraction: 0)
    let p = fit.model.predictProbabilities(["refund and card"])
    #expect(p[0].allSatisfy { $0 > 0.5 })
  }

  @Test func modelFileRoundTripsAndRejectsDamage() throws {
    let (texts, labels) = Self.tiny
    let model = try TextClassifier().fit(texts: texts, labels: labels)
    let dir = try TestSupport.temporaryDirectory()
    let path = dir.appendingPathComponent("m.traction").path
    let settings = TextTaskSettings(textColumn: "text", labelColumn: "intent", threshold: 0.7)
    try TextModelFile.write(model, settings: settings, task: "tickets", to: path)
    let (loaded, s) = try TextModelFile.read(task: "tickets", from: path)
    #expect(s == settings)
    #expect(loaded.predictProbabilities(texts) == model.predictProbabilities(texts))
    #expect(throws: TextClassificationError.self) {
      try TextModelFile.read(task: "sentiment", from: path)
    }
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect(throws: TextClassificationError.self) { try TextModelFile.read(task: "tickets", from: path) }
  }

  /// A true label the model never saw counts as its own class, as in scikit-learn:
  /// `y_true = list("abcccd"); y_pred = list("aaccbc")` gives accuracy 0.5, macro-F1 1/3 and
  /// weighted-F1 4/9 (`f1_score(..., average=...)`, scikit-learn 1.9.1).
  @Test func scoredSetMatchesScikitLearnWithUnseenLabels() {
    let top = [0, 0, 2, 2, 1, 2]
    let p = ProbabilityMatrix(
      classCount: 3, values: top.flatMap { k in (0..<3).map { $0 == k ? Float(0.8) : 0.1 } })
    let set = TextScoredSet(
      texts: Array(repeating: "t", count: 6), truth: ["a", "b", "c", "c", "c", "d"].map { [$0] },
      probabilities: p, classes: ["a", "b", "c"], multiLabel: false, threshold: 0.5)
    let m = set.metrics
    #expect(m["accuracy"] == 0.5)
    #expect(abs((m["macro_f1"] ?? 0) - 1.0 / 3.0) < 1e-12)
    #expect(abs((m["weighted_f1"] ?? 0) - 4.0 / 9.0) < 1e-12)
    #expect(set.confusion.labels == ["a", "b", "c", "d"])
    #expect(set.confusion[3, 2] == 1)
  }

  /// Multi-label scoring assigns every class at or above the threshold.
  @Test func multiLabelScoredSetUsesThreshold() {
    let p = ProbabilityMatrix(classCount: 2, values: [0.9, 0.6, 0.2, 0.7, 0.55, 0.1])
    let set = TextScoredSet(
      texts: ["x", "y", "z"], truth: [["a", "b"], ["b"], ["b"]], probabilities: p,
      classes: ["a", "b"], multiLabel: true, threshold: 0.6)
    #expect(set.predictedSets == [[0, 1], [1], []])
    #expect(abs(set.report.accuracy - 2.0 / 3.0) < 1e-12)
    #expect(set.labelConfusions.map(\.counts) == [[[2, 0], [0, 1]], [[0, 0], [1, 2]]])
  }

  @Test func stratifiedHoldoutKeepsSingletonsInTraining() {
    let labels = ["a", "a", "a", "a", "b", "b", "b", "b", "c"]
    let held = TextClassifier.stratifiedHoldout(labels: labels, fraction: 0.25, seed: 1)
    #expect(held.count == 2)
    #expect(!held.contains(8))
    #expect(Set(held.map { labels[$0] }) == ["a", "b"])
  }
}
