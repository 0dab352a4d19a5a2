import Testing
@testable import Evaluation

@Test func EvaluationModuleLoads() {
  #expect(String(describing: EvaluationError.self).hasSuffix("Error"))
}
