import Foundation
import Kernels

/// GEMM benchmark mode (filled in by the kernels work).
func runGemmBench(_ arguments: [String]) {
  FileHandle.standardError.write(Data("gemm bench: pending\n".utf8))
  exit(1)
}
