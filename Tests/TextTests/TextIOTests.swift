import Foundation
import Testing
import Tabular
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

  @Test func invalidUTF8NamesTheFileLineAndColumn() throws {
    let path = try write(Array("text,label\nok,a\n".utf8) + [0x62, 0xFF, 0x2C, 0x61, 0x0A])
    #expect(throws: TabularError.malformed(
      path: path, line: 3, column: 1,
      reason: "invalid UTF-8 at byte 2 of field 'text' — convert the file to UTF-8 "
        + "(for example iconv -f latin1 -t utf-8)")) {
      try TextDataset.read(path: path, textColumn: "text", labelColumn: "label")
    }
  }

  @Test func raggedRowNamesTheLineAndColumn() throws {
    let path = try write(Array("text,label\nok,a\nhello, world,b\n".utf8))
    #expect(throws: TabularError.malformed(
      path: path, line: 3, column: 3,
      reason: "expected 2 fields as in the header but found 3 — quote fields that contain ',' "
        + "or line breaks")) {
      try TextDataset.read(path: path, textColumn: "text", labelColumn: "label")
    }
  }

  @Test func missingColumnListsAvailableOnes() throws {
    let path = try write(Array("body,label\nhi,a\n".utf8))
    #expect(throws: TextClassificationError.invalidInput(
      "column 'text' not found in \(path); available: body, label — check --text")) {
      try TextDataset.read(path: path, textColumn: "text", labelColumn: "label")
    }
  }

  @Test func emptyFileIsRejected() throws {
    let path = try write([])
    #expect(throws: TabularError.emptyFile(path: path)) {
      try TextDataset.read(path: path, textColumn: "text", labelColumn: "label")
    }
  }

  /// Predictions stream in input order, quote cells that need it and neutralise
  /// formula-like ids; a bad row later in the file leaves no output file behind.
  @Test func predictionStreamKeepsOrderAndGuardsFormulas() throws {
    let input = try write(Array("id,text\n=cmd(),\"a, b\"\n2,c\n3,d\n".utf8))
    let out = try TestSupport.temporaryDirectory().appendingPathComponent("out.csv")
    let n = try TextPredictionStream.run(
      input: input, output: out.path, textColumn: "text", keepColumns: ["id"],
      header: ["id", "text", "row"], batchSize: 2
    ) { texts, kept, first in
      texts.indices.map { [kept[$0][0], texts[$0], String(first + $0)] }
    }
    #expect(n == 3)
    let written = try String(contentsOf: out, encoding: .utf8)
    #expect(written == "id,text,row\n\"'=cmd()\",\"a, b\",0\n2,c,1\n3,d,2\n")

    let bad = try write(Array("id,text\n1,a\n2,b,extra\n".utf8))
    let target = out.deletingLastPathComponent().appendingPathComponent("bad-out.csv")
    #expect(throws: TabularError.self) {
      try TextPredictionStream.run(
        input: bad, output: target.path, textColumn: "text", keepColumns: [],
        header: ["text"], batchSize: 1
      ) { texts, _, _ in texts.map { [$0] } }
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
    #expect(!left.contains { $0.contains("bad-out") })
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
