import Foundation
import NeuralCore

/// MLP training-throughput benchmark: a 64 → 256 → 256 → 1 ReLU network, binary cross-entropy
/// on logits, Adam (lr 1e-3), trained on a CSV of feature columns followed by a 0/1 label column.
/// Prints `{"samples_per_second": …, "final_loss": …, "seconds": …}`; the timing covers training
/// only (not reading the CSV).
///
///     traction-bench mlp --data F.csv [--epochs 5] [--batch 512] [--threads 2] [--seed 42]
///                        [--hidden 256] [--lr 0.001]
func runMLPBench(_ arguments: [String]) {
  do {
    let options = try MLPBenchOptions(arguments)
    // Cap NeuralCore's elementwise/optimizer threads too (read once, before first use).
    setenv("TRACTION_THREADS", String(options.threads), 1)
    let (x, y) = try readNumericCSV(path: options.dataPath)
    let cpuBefore = processCPUSeconds()
    let result = try trainMLP(x: x, y: y, options: options)
    let cpu = processCPUSeconds() - cpuBefore
    print(
      "{\"samples_per_second\": \(result.samplesPerSecond), \"final_loss\": \(result.finalLoss), "
        + "\"seconds\": \(result.seconds), \"cpu_seconds\": \(cpu), \"rows\": \(x.rows), \"features\": \(x.columns), "
        + "\"epochs\": \(options.epochs), \"threads\": \(options.threads)}")
  } catch {
    FileHandle.standardError.write(Data("mlp bench: \(error)\n".utf8))
    exit(1)
  }
}

/// Command-line options of the MLP benchmark.
struct MLPBenchOptions {
  var dataPath = ""
  var epochs = 5
  var batch = 512
  var threads = 2
  var seed: UInt64 = 42
  var hidden = 256
  var learningRate: Float = 1e-3
  var progress = false

  init(_ arguments: [String]) throws {
    var i = 0
    func value() throws -> String {
      i += 1
      guard i < arguments.count else {
        throw BenchError.usage("missing value for \(arguments[i - 1])")
      }
      return arguments[i]
    }
    func int(_ s: String) throws -> Int {
      guard let v = Int(s), v > 0 else {
        throw BenchError.usage("expected a positive integer, got '\(s)'")
      }
      return v
    }
    while i < arguments.count {
      switch arguments[i] {
      case "--data": dataPath = try value()
      case "--epochs": epochs = try int(value())
      case "--batch": batch = try int(value())
      case "--threads": threads = try int(value())
      case "--seed": seed = UInt64(try int(value()))
      case "--hidden": hidden = try int(value())
      case "--lr":
        let s = try value()
        guard let v = Float(s), v > 0 else { throw BenchError.usage("bad --lr '\(s)'") }
        learningRate = v
      case "--progress": progress = true
      default: throw BenchError.usage("unknown option '\(arguments[i])'")
      }
      i += 1
    }
    guard !dataPath.isEmpty else { throw BenchError.usage("--data F.csv is required") }
  }
}

/// Errors of the benchmark driver.
enum BenchError: Error, CustomStringConvertible {
  case usage(String)
  case data(String)

  var description: String {
    switch self {
    case .usage(let m):
      return m + "\nusage: traction-bench mlp --data F.csv [--epochs 5] [--batch 512] "
        + "[--threads 2] [--seed 42]"
    case .data(let m): return m
    }
  }
}

/// Trains the benchmark network; returns throughput and the last epoch's mean loss.
func trainMLP(x: Tensor, y: [Float], options: MLPBenchOptions) throws
  -> (samplesPerSecond: Double, finalLoss: Double, seconds: Double)
{
  var rng = SeededGenerator(seed: options.seed)
  let d0 = Dense(inputs: x.columns, outputs: options.hidden, generator: &rng, name: "d0")
  let d1 = Dense(inputs: options.hidden, outputs: options.hidden, generator: &rng, name: "d1")
  let d2 = Dense(inputs: options.hidden, outputs: 1, generator: &rng, name: "d2")
  d0.computesInputGradient = false  // the data needs no gradient
  for d in [d0, d1, d2] { d.threads = options.threads }
  let model = Sequential([d0, ReLU(), d1, ReLU(), d2])
  let parameters = model.parameters
  var adam = Adam(learningRate: options.learningRate, epsilon: 1e-7)
  let loss = BinaryCrossEntropyWithLogits()
  var loop = TrainingLoop(epochs: options.epochs, batchSize: options.batch, seed: options.seed)
  if options.progress {
    let printer = ProgressPrinter()
    loop.progress = printer.report
    loop.batchProgress = printer.batch
  }
  let features = x.columns
  var batch = Tensor.empty
  var targets: [Float] = []
  let history = try x.data.withUnsafeBufferPointer { xs in
    try loop.run(sampleCount: x.rows) { indices in
      batch.resize(to: [indices.count, features])
      targets.removeAll(keepingCapacity: true)
      batch.data.withUnsafeMutableBufferPointer { b in
        guard let dst = b.baseAddress, let src = xs.baseAddress else { return }
        for (r, i) in indices.enumerated() {
          (dst + r * features).update(from: src + i * features, count: features)
          targets.append(y[i])
        }
      }
      let logits = model.forward(batch, training: true)
      let (l, g) = loss.compute(logits: logits, targets: targets)
      _ = model.backward(g)
      adam.step(parameters)
      return l
    }
  }
  let samples = Double(x.rows * options.epochs)
  return (samples / history.seconds, history.finalTrainLoss, history.seconds)
}

/// Reads a CSV of numbers with a header row: all columns but the last are features, the last is
/// the label.
func readNumericCSV(path: String) throws -> (Tensor, [Float]) {
  guard var bytes = FileManager.default.contents(atPath: path).map(Array.init) else {
    throw BenchError.data("cannot read '\(path)'")
  }
  bytes.append(0)
  return try bytes.withUnsafeMutableBufferPointer { buffer in
    guard let base = buffer.baseAddress else { throw BenchError.data("'\(path)' is empty") }
    let end = buffer.count - 1
    var p = 0
    var columns = 1
    while p < end && base[p] != 10 {
      if base[p] == 44 { columns += 1 }
      p += 1
    }
    p += 1
    guard columns >= 2 else { throw BenchError.data("'\(path)': need feature columns and a label") }
    var features: [Float] = []
    var labels: [Float] = []
    var line = 2
    while p < end {
      if base[p] == 10 || base[p] == 13 {
        p += 1
        continue
      }
      for c in 0..<columns {
        let start = UnsafeMutablePointer<CChar>(OpaquePointer(base + p))
        var stop: UnsafeMutablePointer<CChar>? = nil
        let v = strtof(start, &stop)
        guard let stop, stop != start else {
          throw BenchError.data("'\(path)' line \(line) column \(c + 1): not a number")
        }
        p = UnsafeMutablePointer<UInt8>(OpaquePointer(stop)) - base
        if c == columns - 1 { labels.append(v) } else { features.append(v) }
        if p < end && base[p] == 44 { p += 1 }
      }
      line += 1
    }
    let rows = labels.count
    return (Tensor(shape: [rows, columns - 1], data: features), labels)
  }
}

/// User plus system CPU time of this process, in seconds (all threads).
func processCPUSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
  return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
