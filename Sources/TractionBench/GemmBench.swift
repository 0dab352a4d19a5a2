import Foundation
import Kernels

/// One benchmark shape: C (m, n) = op(A) (m, k) · op(B) (k, n).
struct GemmShape {
  let name: String
  let m: Int, n: Int, k: Int
  let transA: Bool, transB: Bool

  var trans: String { (transA ? "T" : "N") + (transB ? "T" : "N") }
}

/// The shapes of issue 2: a large square product and the three products of a Dense layer of
/// 64 -> 256 at batch 512 (forward, weight gradient Xᵀ·dY, input gradient dY·Wᵀ).
let gemmBenchShapes: [GemmShape] = [
  GemmShape(name: "1024^3", m: 1024, n: 1024, k: 1024, transA: false, transB: false),
  GemmShape(name: "fwd", m: 512, n: 256, k: 64, transA: false, transB: false),
  GemmShape(name: "dW", m: 64, n: 256, k: 512, transA: true, transB: false),
  GemmShape(name: "dX", m: 512, n: 64, k: 256, transA: false, transB: true),
  GemmShape(name: "dW-NN", m: 64, n: 256, k: 512, transA: false, transB: false),
  GemmShape(name: "dX-NN", m: 512, n: 64, k: 256, transA: false, transB: false),
]

/// `traction-bench gemm [--seconds S] [--threads 1|2] [--isa avx512|avx2|generic]
/// [--shapes fwd,dW,...] [--shape MxNxK[:TN]]... [--sample-ms MS] [--cpu-time] [--no-peak | --peak-only]`: prints one
/// JSON object per shape and thread count (`shape`, `trans`, `threads`, `gflops_median`,
/// `gflops_best`, ...), then one with the measured single-core peak (`peak_gflops_per_core`).
/// GFLOP/s are per wall-clock second, or per CPU second of the process with `--cpu-time`.
func runGemmBench(_ arguments: [String]) {
  var seconds = 1.0
  var sampleSeconds = 0.02
  var cpuTime = false
  var peak = true
  var threadCounts = [1, 2]
  var isa = InstructionSet.detected
  var names = Set(gemmBenchShapes.map(\.name))
  var shapes = gemmBenchShapes
  var index = 0
  func value() -> String {
    index += 1
    guard index < arguments.count else {
      GemmBench.usage("missing value after \(arguments[index - 1])")
    }
    return arguments[index]
  }
  while index < arguments.count {
    switch arguments[index] {
    case "--seconds":
      guard let s = Double(value()), s > 0 else {
        GemmBench.usage("--seconds takes a positive number")
      }
      seconds = s
    case "--threads":
      guard let t = Int(value()), t > 0 else {
        GemmBench.usage("--threads takes a positive integer")
      }
      threadCounts = [t]
    case "--isa":
      guard let level = InstructionSet(rawValue: value()), level.isSupported else {
        GemmBench.usage("--isa takes one of avx512, avx2, generic supported by this CPU")
      }
      isa = level
    case "--sample-ms":
      guard let ms = Double(value()), ms > 0 else {
        GemmBench.usage("--sample-ms takes a positive number")
      }
      sampleSeconds = ms / 1000
    case "--no-peak":
      peak = false
    case "--peak-only":
      names = []
    case "--cpu-time":
      cpuTime = true
    case "--shape":
      // MxNxK with an optional :NN, :TN, :NT or :TT suffix for transA/transB.
      let text = value()
      let parts = text.split(separator: ":")
      let sizes = parts[0].split(separator: "x").compactMap { Int($0) }
      let trans = parts.count > 1 ? String(parts[1]) : "NN"
      guard sizes.count == 3, sizes.allSatisfy({ $0 > 0 }),
        ["NN", "TN", "NT", "TT"].contains(trans)
      else { GemmBench.usage("--shape takes MxNxK[:NN|TN|NT|TT], e.g. 512x256x64:TN") }
      shapes.append(
        GemmShape(
          name: text, m: sizes[0], n: sizes[1], k: sizes[2], transA: trans.hasPrefix("T"),
          transB: trans.hasSuffix("T")))
      names = names.subtracting(gemmBenchShapes.map(\.name)).union([text])
    case "--shapes":
      names = Set(value().split(separator: ",").map(String.init))
    default:
      GemmBench.usage("unknown option \(arguments[index])")
    }
    index += 1
  }
  for shape in shapes where names.contains(shape.name) {
    for threads in threadCounts {
      let (median, best) = GemmBench.measure(
        shape, isa: isa, threads: threads, seconds: seconds, sampleSeconds: sampleSeconds,
        cpuTime: cpuTime)
      GemmBench.printJSON([
        "shape": "\(shape.m)x\(shape.n)x\(shape.k)", "name": shape.name, "m": shape.m,
        "n": shape.n, "k": shape.k, "trans": shape.trans, "threads": threads,
        "isa": isa.rawValue, "gflops_median": GemmBench.round1(median),
        "gflops_best": GemmBench.round1(best),
      ])
    }
  }
  if peak {
    let rate = PeakProbe.singleCoreGFLOPS(isa: isa)
    GemmBench.printJSON(["peak_gflops_per_core": GemmBench.round1(rate), "isa": isa.rawValue])
  }
}

/// Helpers of the gemm mode, namespaced to stay clear of other modes' names.
enum GemmBench {
  /// Times repeated calls in samples of at least `sampleSeconds` for about `seconds`; returns the median
  /// and best GFLOP/s over the samples.
  static func measure(
    _ shape: GemmShape, isa: InstructionSet, threads: Int, seconds: Double, sampleSeconds: Double,
    cpuTime: Bool
  ) -> (
    Double, Double
  ) {
    var seed: UInt32 = 12345
    func random() -> Float {
      seed = seed &* 1_664_525 &+ 1_013_904_223
      return Float(seed >> 8) / Float(1 << 24) - 0.5
    }
    let a = (0..<(shape.m * shape.k)).map { _ in random() }
    let b = (0..<(shape.k * shape.n)).map { _ in random() }
    var c = [Float](repeating: 0, count: shape.m * shape.n)
    let lda = shape.transA ? shape.m : shape.k
    let ldb = shape.transB ? shape.k : shape.n
    let flops = 2.0 * Double(shape.m) * Double(shape.n) * Double(shape.k)
    var rates: [Double] = []
    // Wall-clock seconds, or this process's CPU seconds (all threads) with --cpu-time: time
    // spent preempted by other load then does not count.
    func clock() -> Double {
      if !cpuTime { return Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
      var spec = timespec()
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
      return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          guard let a = pa.baseAddress, let b = pb.baseAddress, let c = pc.baseAddress else {
            return
          }
          func call() {
            GEMM.sgemm(
              transA: shape.transA, transB: shape.transB, m: shape.m, n: shape.n, k: shape.k,
              a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: shape.n, isa: isa, threads: threads)
          }
          call()
          var calls = 1
          while true {
            let start = clock()
            for _ in 0..<calls { call() }
            let elapsed = clock() - start
            if elapsed >= sampleSeconds { break }
            calls *= 2
          }
          let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
          repeat {
            let start = clock()
            for _ in 0..<calls { call() }
            let elapsed = clock() - start
            rates.append(flops * Double(calls) / elapsed * 1e-9)
          } while DispatchTime.now().uptimeNanoseconds < deadline || rates.count < 3
        }
      }
    }
    rates.sort()
    return (rates[rates.count / 2], rates.last ?? 0)
  }

  static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }

  static func printJSON(_ object: [String: Any]) {
    guard
      let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
      let line = String(data: data, encoding: .utf8)
    else { return }
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  static func usage(_ message: String) -> Never {
    FileHandle.standardError.write(
      Data(
        ("traction-bench gemm: \(message)\nusage: traction-bench gemm [--seconds S] "
          + "[--threads N] [--isa avx512|avx2|generic] [--sample-ms MS]\n"
          + "  [--cpu-time] [--no-peak | --peak-only]"
          + "  [--shapes 1024^3,fwd,dW,dX,dW-NN,dX-NN] [--shape MxNxK[:NN|TN|NT|TT]]...\n")
          .utf8))
    exit(2)
  }
}
