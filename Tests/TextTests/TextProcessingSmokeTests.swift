import Testing
@testable import TextProcessing

@Test func TextProcessingModuleLoads() {
  #expect(String(describing: TextProcessingError.self).hasSuffix("Error"))
}
