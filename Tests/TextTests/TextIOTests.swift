import Foundation
import Testing
import _TestSupport
@testable import SupportTickets
@testable import TextClassification

@Suite struct TextIOTests {
  func write(_ bytes: [UInt8]) throws -> String {
    let url = try TestSupport.temporaryDirectory().appendingPathComponent("in.csv")
    try Data(bytes).write(to: url)
    return url.path
  }

  @Test func readsQuotedFieldsCRLFAndBOM() throws {
    let text = "\u{FEFF}id;text;label\r\n1;\"a; b\"\"c\"\"\r\nnext\";x\r\n\r\n2;好;y\r\n"
    let path = try write(Array(text.utf8))
    let data = try TextDataset.read(path: path, textColumn: "text", labelColumn: "label")
    #expect(data.texts == ["a; b\"c\"\r\nnext", "好"])
    #expect(data.labels == [["x"], ["y"]])
    #expect(data.lines == [2, 5])
  }

  @Test func invalidUTF8NamesTheLine() throws {
    let path = try write(Array("text,label\nok,a\n".utf8) + [0x62, 0xFF, 0x2C, 0x61, 0x0A])
    #expect(throws: TextClassificationError.invalidInput(
      "in.csv line 3, column 1: text is not valid UTF-8; re-encode the file as UTF-8")) {
      try TextDataset.read(path: path, textColumn: "text", labelColumn: "label")
    }
  }

  @Test func missingColumnListsAvailableOnes() throws {
    let path = try write(Array("body,label\nhi,a\n".utf8))
    #expect(throws: TextClassificationError.invalidInput(
      "column 'text' not found in in.csv; available: body, label — check --text")) {
      try TextDataset.read(path: path, textColumn: "text", labelColumn: "label")
    }
  }

  @Test func emptyFileIsRejected() throws {
    let path = try write([])
    #expect(throws: TextClassificationError.self) {
      try TextDataset.read(path: path, textColumn: "text", labelColumn: "label")
    }
  }

  @Test func writerQuotesAndGuardsFormulas() {
    #expect(TextCSVWriter.escape("a,b") == "\"a,b\"")
    #expect(TextCSVWriter.escape("=SUM(A1)") == "'=SUM(A1)")
    #expect(TextCSVWriter.escape("-0.5") == "-0.5")
    #expect(TextCSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
  }

  @Test func automationCurvePicksLoosestThresholdReachingPrecision() {
    let curve = AutomationCurve(
      confidence: [0.99, 0.95, 0.9, 0.8, 0.7, 0.6], correct: [true, true, true, false, true, false])
    #expect(curve.points.count == 6)
    #expect(curve.threshold(forPrecision: 0.8)?.threshold == 0.7)
    #expect(curve.threshold(forPrecision: 1.0)?.threshold == 0.9)
    #expect(curve.threshold(forPrecision: 0.8)?.automationRate == 5.0 / 6.0)
  }
}
