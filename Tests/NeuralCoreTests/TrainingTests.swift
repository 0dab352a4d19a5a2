import Foundation
import Testing

@testable import NeuralCore

/// Gathers rows of `x` into a batch tensor.
func gather(_ x: Tensor, _ indices: ArraySlice<Int>) -> Tensor {
  var data: [Float] = []
  data.reserveCapacity(indices.count * x.columns)
  for i in indices { data += x.row(i) }
  return Tensor(shape: [indices.count, x.columns], data: data)
}

@Suite struct TrainingTests {
  @Test func xorConverges() throws {
    let x = Tensor(shape: [4, 2], data: [0, 0, 0, 1, 1, 0, 1, 1])
    let y: [Float] = [0, 1, 1, 0]
    var rng = SeededGenerator(seed: 5)
    let model = Sequential([
      Dense(inputs: 2, outputs: 8, generator: &rng), Tanh(),
      Dense(inputs: 8, outputs: 1, generator: &rng),
    ])
    var adam = Adam(learningRate: 0.05)
    let loss = BinaryCrossEntropyWithLogits()
    let loop = TrainingLoop(epochs: 400, batchSize: 4, seed: 1)
    let history = try loop.run(sampleCount: 4) { idx in
      let logits = model.forward(gather(x, idx), training: true)
      let (l, g) = loss.compute(logits: logits, targets: idx.map { y[$0] })
      _ = model.backward(g)
      adam.step(model.parameters)
      return l
    }
    #expect(history.finalTrainLoss < 0.02)
    let p = model(x).data.map { stableSigmoid($0) }
    #expect(p[0] < 0.1 && p[1] > 0.9 && p[2] > 0.9 && p[3] < 0.1)
  }

  @Test func linearRegressionRecoversCoefficients() throws {
    var rng = SeededGenerator(seed: 8)
    let n = 256
    var xs: [Float] = []
    var ys: [Float] = []
    for _ in 0..<n {
      let a = Float(rng.nextGaussian())
      let b = Float(rng.nextGaussian())
      xs += [a, b]
      ys.append(3 * a - 2 * b + 0.5 + 0.01 * Float(rng.nextGaussian()))
    }
    let x = Tensor(shape: [n, 2], data: xs)
    let layer = Dense(inputs: 2, outputs: 1, generator: &rng)
    var sgd = SGD(learningRate: 0.05, momentum: 0.9)
    let loop = TrainingLoop(epochs: 40, batchSize: 32, seed: 2)
    _ = try loop.run(sampleCount: n) { idx in
      let out = layer.forward(gather(x, idx), training: true)
      let (l, g) = MeanSquaredError().compute(predictions: out, targets: idx.map { ys[$0] })
      _ = layer.backward(g)
      sgd.step(layer.parameters)
      return l
    }
    let w = layer.weight.value.data
    let b = layer.bias?.value.data[0] ?? 0
    #expect(abs(w[0] - 3) < 0.01 && abs(w[1] + 2) < 0.01 && abs(b - 0.5) < 0.01)
  }

  /// Trains a small network with dropout and an embedding bag; returns all final weights.
  func trainSmallModel(seed: UInt64) throws -> [Tensor] {
    var rng = SeededGenerator(seed: seed)
    let bag = EmbeddingBag(count: 30, dimension: 4, mode: .mean, generator: &rng)
    let head = Sequential([
      Dense(inputs: 4, outputs: 6, generator: &rng), ReLU(), Dropout(rate: 0.2, seed: seed),
      Dense(inputs: 6, outputs: 1, generator: &rng),
    ])
    var bags: [[Int32]] = []
    var labels: [Float] = []
    for i in 0..<64 {
      let k = 1 + rng.nextInt(below: 4)
      bags.append((0..<k).map { _ in Int32(rng.nextInt(below: 30)) })
      labels.append(Float(i % 2))
    }
    var adam = AdamW(learningRate: 0.01)
    let params = bag.parameters + head.parameters
    let loop = TrainingLoop(epochs: 3, batchSize: 16, seed: seed)
    _ = try loop.run(sampleCount: 64) { idx in
      let pooled = bag.forward(bags: EmbeddingBag.Batch(bags: idx.map { bags[$0] }))
      let logits = head.forward(pooled, training: true)
      let (l, g) = BinaryCrossEntropyWithLogits().compute(
        logits: logits, targets: idx.map { labels[$0] })
      bag.backward(head.backward(g))
      adam.step(params)
      return l
    }
    return params.map(\.value)
  }

  @Test func sameSeedGivesIdenticalWeights() throws {
    let a = try trainSmallModel(seed: 17)
    let b = try trainSmallModel(seed: 17)
    let c = try trainSmallModel(seed: 18)
    #expect(a == b)
    #expect(a != c)
  }

  @Test func earlyStoppingRestoresBestWeights() throws {
    let p = Parameter(name: "w", value: Tensor(zeros: [1, 1]))
    let scripted: [Double] = [1.0, 0.5, 0.7, 0.8, 0.9, 0.95]
    var epoch = 0
    var reports: [EpochReport] = []
    let loop = TrainingLoop(
      epochs: 6, batchSize: 10, seed: 1, patience: 2, parameters: [p],
      progress: { reports.append($0) })
    let history = try loop.run(
      sampleCount: 10,
      trainBatch: { _ in
        p.value.data[0] += 1  // weights after epoch e hold e
        return 0.1
      },
      validate: {
        epoch += 1
        return (scripted[epoch - 1], nil)
      })
    #expect(history.stoppedEarly)
    #expect(history.epochs.count == 4)
    #expect(history.bestEpoch == 2)
    #expect(p.value.data[0] == 2)
    #expect(reports.map(\.isBest) == [true, true, false, false])
    #expect(reports.last?.validationLoss == 0.8)
  }

  @Test func nonFiniteLossThrows() {
    let loop = TrainingLoop(epochs: 2, batchSize: 4, seed: 1)
    #expect(throws: NeuralCoreError.nonFiniteLoss(epoch: 1, batch: 2)) {
      var calls = 0
      _ = try loop.run(sampleCount: 8) { _ in
        calls += 1
        return calls == 2 ? .nan : 1
      }
    }
  }

  @Test func shufflingIsSeededAndCoversEverySample() throws {
    func orders(seed: UInt64) throws -> [[Int]] {
      var seen: [[Int]] = []
      _ = try TrainingLoop(epochs: 2, batchSize: 3, seed: seed).run(sampleCount: 7) { idx in
        seen.append(Array(idx))
        return 0
      }
      return seen
    }
    let a = try orders(seed: 4)
    #expect(a == (try orders(seed: 4)))
    #expect(a.count == 6)
    #expect(a[0..<3].joined().sorted() == Array(0..<7))
    #expect(a[0].count == 3 && a[2].count == 1)
  }

  @Test func progressPrinterWritesPlainLinesAndBars() {
    var plain: [String] = []
    let printer = ProgressPrinter(metricName: "AUC", isTerminal: false) { plain.append($0) }
    let report = EpochReport(
      epoch: 2, epochs: 5, trainLoss: 0.41234, validationLoss: 0.5, validationMetric: 0.875,
      elapsed: 3.25, eta: 4.9, isBest: true)
    printer.report(report)
    printer.batch(
      BatchReport(epoch: 1, epochs: 5, batch: 1, batches: 3, runningLoss: 1, elapsed: 1))
    #expect(plain == ["epoch 2/5  loss 0.4123  val_loss 0.5000  AUC 0.8750  3.2s  ETA 0:05  *\n"])

    var tty: [String] = []
    let bar = ProgressPrinter(isTerminal: true, barWidth: 10) { tty.append($0) }
    bar.report(report)
    #expect(tty.count == 1)
    #expect(tty[0].hasPrefix("\r\u{1B}[2K[####......] epoch 2/5"))
    #expect(!tty[0].hasSuffix("\n"))
    bar.batch(BatchReport(epoch: 3, epochs: 5, batch: 3, batches: 3, runningLoss: 0.3, elapsed: 10))
    #expect(tty.count == 2 && tty[1].contains("ETA 0:07"))
    #expect(ProgressPrinter.duration(3725) == "1:02:05")
  }
}
