import Dispatch
import Foundation
import KernelsAVX2
import KernelsAVX512
import KernelsGeneric

/// Measures the machine's floating-point peak, for "fraction of peak" figures.
public enum PeakProbe {
  /// The single-core peak of `isa` in GFLOP/s: the best of several runs of 12 independent
  /// vector FMA chains (multiply-adds on the baseline) lasting about `seconds` in all.
  /// Each run is timed in CPU time of the calling thread, so that time spent preempted by
  /// other processes does not lower the figure.
  /// - Precondition: `isa` is supported by this CPU.
  public static func singleCoreGFLOPS(isa: InstructionSet, seconds: Double = 0.3) -> Double {
    precondition(isa.isSupported, "PeakProbe: \(isa) is not supported by this CPU")
    let iterations = 2_000_000
    let flops: Int
    switch isa {
    case .avx512: flops = AVX512GEMM.peakProbeFlopsPerIteration * iterations
    case .avx2: flops = AVX2GEMM.peakProbeFlopsPerIteration * iterations
    case .generic: flops = GenericGEMM.peakProbeFlopsPerIteration * iterations
    }
    var best = 0.0
    var sink: Float = 0
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    repeat {
      let start = threadCPUNanoseconds()
      switch isa {
      case .avx512: sink += AVX512GEMM.peakProbe(iterations: iterations, x: 1e-7, y: 0.5)
      case .avx2: sink += AVX2GEMM.peakProbe(iterations: iterations, x: 1e-7, y: 0.5)
      case .generic: sink += GenericGEMM.peakProbe(iterations: iterations, x: 0.5, y: 1e-7)
      }
      let elapsed = Double(threadCPUNanoseconds() - start)
      if elapsed > 0 { best = max(best, Double(flops) / elapsed) }
    } while DispatchTime.now().uptimeNanoseconds < deadline
    return sink.isNaN ? 0 : best
  }

  /// CPU time consumed by the calling thread, in nanoseconds.
  static func threadCPUNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
  }
}
