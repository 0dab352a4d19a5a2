import Testing
@testable import Reporting

@Test func ReportingModuleLoads() {
  #expect(String(describing: ReportingError.self).hasSuffix("Error"))
}
