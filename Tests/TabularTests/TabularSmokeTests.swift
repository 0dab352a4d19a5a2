import Testing
@testable import Tabular

@Test func TabularModuleLoads() {
  #expect(String(describing: TabularError.self).hasSuffix("Error"))
}
