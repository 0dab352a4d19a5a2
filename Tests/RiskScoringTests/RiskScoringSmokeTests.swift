import Testing
@testable import RiskScoring

@Test func RiskScoringModuleLoads() {
  #expect(String(describing: RiskScoringError.self).hasSuffix("Error"))
}
