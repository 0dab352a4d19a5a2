import Foundation
import Testing
import _TestSupport

@testable import Reporting

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct EscapingTests {
  let evil = FixtureReport.evil

  @Test func everyFieldIsEscapedInHTML() {
    let html = HTMLRenderer.render(FixtureReport.make(text: evil))
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("\"quoted\""))
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"
    // Title (head and h1), summary, kind, every label, cell, note and model-card entry.
    #expect(html.components(separatedBy: escaped).count - 1 > 40)
  }

  @Test func everyFieldRoundTripsInXML() throws {
    let report = FixtureReport.make(text: evil + "\u{1}")
    let xml = XMLRenderer.render(report)
    try XSDValidator.validate(xml: xml, schemaAt: FixtureReport.schemaURL)
    let document = try XMLDocument(xmlString: xml, options: [])
    let texts = try document.nodes(
      forXPath: "//title | //summary | //label | //row/cell[position() != 2] | //column | //note"
        + " | //paragraph | //name | //category | //rowLabel | //key | //value[parent::setting or parent::fact]"
        + " | //limitation | //intendedUse | //xLabel | //valueLabel | //caption | //inputFile/role"
    ).compactMap(\.stringValue)
    #expect(texts.count > 50)
    for text in texts { #expect(text == evil, "\(text)") }
    #expect(try document.nodes(forXPath: "/report/@kind").first?.stringValue == evil)
    let previous = try ReportComparison.load(
      xmlAt: {
        let url = try TestSupport.temporaryDirectory().appendingPathComponent("r.xml")
        try xml.write(to: url, atomically: true, encoding: .utf8)
        return url
      }())
    #expect(previous.figures[0].label == evil)
    #expect(previous.figures[3].unit == .currency(evil))
  }

  @Test func escapingHelpers() {
    #expect(Escaping.text("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
    #expect(Escaping.text("ok\u{0}\u{1F}\u{FFFE}é😀") == "oké😀")
    #expect(Escaping.attribute("a\nb") == "a&#10;b")
    #expect(Escaping.identifier("Model quality: <2>") == "model-quality-2")
  }
}
