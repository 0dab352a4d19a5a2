import Kernels
import NeuralCore

print("traction-bench \(TractionVersion.string), kernels: \(InstructionSet.detected.rawValue)")
