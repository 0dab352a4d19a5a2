// traction-bench: the Swift side of `make bench`. Each mode prints one JSON object per line on
// stdout so that benchmarks/run.py can put Traction and the peers in one table.
//   traction-bench gemm [--seconds S]         GEMM GFLOP/s at the benchmark shapes
//   traction-bench mlp --data F.csv [...]     MLP training throughput
import Foundation
import Kernels
import NeuralCore

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "gemm": runGemmBench(Array(arguments.dropFirst()))
case "mlp": runMLPBench(Array(arguments.dropFirst()))
default:
  FileHandle.standardError.write(Data("usage: traction-bench gemm|mlp [options]\n".utf8))
  exit(2)
}
