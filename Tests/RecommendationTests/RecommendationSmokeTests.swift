import Testing
@testable import Recommendation

@Test func RecommendationModuleLoads() {
  #expect(String(describing: RecommendationError.self).hasSuffix("Error"))
}
