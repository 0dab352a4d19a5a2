import Foundation
import NeuralCore

/// MLP training-throughput benchmark mode (filled in by the neural-core work).
func runMLPBench(_ arguments: [String]) {
  FileHandle.standardError.write(Data("mlp bench: pending\n".utf8))
  exit(1)
}
