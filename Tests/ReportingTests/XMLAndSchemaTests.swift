import Foundation
import Testing
import _TestSupport

@testable import Reporting

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct XMLAndSchemaTests {
  @Test func fixtureXMLFollowsTheSchema() throws {
    try XSDValidator.validate(
      xml: XMLRenderer.render(FixtureReport.make()), schemaAt: FixtureReport.schemaURL,
      documentName: "report.xml")
    var stamped = FixtureReport.make()
    stamped.generatedAt = Date(timeIntervalSince1970: 1_800_000_000)
    stamped.keyFigures.append(KeyFigure(label: "undefined", value: .nan))
    try XSDValidator.validate(xml: XMLRenderer.render(stamped), schemaAt: FixtureReport.schemaURL)
  }

  @Test func brokenXMLFailsWithLineAndMessage() throws {
    let good = XMLRenderer.render(FixtureReport.make())
    let badUnit = good.replacingOccurrences(of: "unit=\"score\"", with: "unit=\"furlongs\"")
    #expect {
      try XSDValidator.validate(xml: badUnit, schemaAt: FixtureReport.schemaURL)
    } throws: { error in
      guard case ReportingError.schemaViolation(_, let messages) = error else { return false }
      return messages.contains { $0.contains("furlongs") && $0.contains("unit") }
    }
    let xml = good.replacingOccurrences(of: "<summary>", with: "<summaryX>")
      .replacingOccurrences(of: "</summary>", with: "</summaryX>")
    do {
      try XSDValidator.validate(
        xml: xml, schemaAt: FixtureReport.schemaURL, documentName: "broken.xml")
      Issue.record("broken document validated")
    } catch let ReportingError.schemaViolation(document, messages) {
      #expect(document == "broken.xml")
      #expect(messages.contains { $0.hasPrefix("line ") && $0.contains("summaryX") })
      let text = ReportingError.schemaViolation(document: document, messages: messages).description
      #expect(text.contains("broken.xml does not follow its schema"))
    }
  }

  @Test func malformedXMLAndMissingSchemaAreReported() throws {
    #expect(throws: ReportingError.self) {
      try XSDValidator.validate(
        xml: "<report><title>", schemaAt: FixtureReport.schemaURL, documentName: "cut.xml")
    }
    do {
      try XSDValidator.validate(
        xml: "<report><title>", schemaAt: FixtureReport.schemaURL, documentName: "cut.xml")
    } catch let ReportingError.malformedXML(document, reason) {
      #expect(document == "cut.xml")
      #expect(reason.hasPrefix("line 1"))
    }
    #expect(throws: ReportingError.self) {
      try XSDValidator.validate(xml: "<a/>", schemaAt: URL(fileURLWithPath: "/nonexistent/x.xsd"))
    }
  }

  @Test func xmlElementNamesAreStable() throws {
    let document = try XMLDocument(xmlString: XMLRenderer.render(FixtureReport.make()), options: [])
    func values(_ path: String) throws -> [String] {
      try document.nodes(forXPath: path).compactMap(\.stringValue)
    }
    #expect(try values("/report/@schemaVersion") == ["1"])
    #expect(try values("/report/keyFigures/keyFigure[@key='roc_auc']/@value") == ["0.846"])
    #expect(try values("/report/keyFigures/keyFigure[@key='roc_auc']/comparison/@delta").count == 1)
    #expect(try values("/report/sections/section/title") == ["Model quality", "Drivers"])
    #expect(try values("/report/sections/section/heatMap/values") == ["40 10", "5 15"])
    #expect(try values("/report/sections/section/table/row/cell").first == "C-001")
    #expect(try values("/report/modelCard/configuration/setting/key") == ["seed", "epochs"])
    #expect(try values("/report/provenance/inputFile/@bytes") == ["2048"])
  }

  @Test func previousRunFiguresAreReadBack() throws {
    let dir = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try ReportWriter.write(FixtureReport.make(), to: dir, metrics: ["roc_auc": 0.846, "rows": 70])
    let previous = try ReportComparison.load(xmlAt: dir.appendingPathComponent("report.xml"))
    #expect(previous.figures.count == 4)
    #expect(
      previous.figures[0] == .init(key: "roc_auc", label: "ROC AUC", value: 0.846, unit: .score))
    #expect(previous.figures[3].unit == .currency("EUR"))
    var next = FixtureReport.make()
    next.keyFigures[0].value = 0.9
    next.compare(with: previous)
    #expect(next.keyFigures[0].comparisons.map(\.label) == ["baseline", "previous run"])
    #expect(next.keyFigures[0].comparisons[1].value == 0.846)
    #expect(HTMLRenderer.render(next).contains("+0.054 vs previous run (0.846)"))
    let metrics = try String(
      contentsOf: dir.appendingPathComponent("metrics.json"), encoding: .utf8)
    #expect(metrics == "{\n  \"roc_auc\": 0.846,\n  \"rows\": 70\n}\n")
    #expect(throws: ReportingError.self) {
      try ReportComparison.load(xmlAt: dir.appendingPathComponent("report.html"))
    }
  }
}
