import Foundation
import Testing
import _TestSupport

@testable import Reporting

enum ToyScorecard {
  typealias Card = PMMLScorecardModel

  static func make() -> Card {
    Card(
      modelName: "toy credit", fields: ToyNetwork.fields, initialScore: 300,
      characteristics: [
        .init(
          name: "tenure", reasonCode: "TENURE", baselineScore: 40,
          attributes: [
            .init(.missing(field: "tenure"), partialScore: 5),
            .init(.lessThan(field: "tenure", value: 12), partialScore: 10),
            .init(.between(field: "tenure", lower: 12, upper: 48), partialScore: 25),
            .init(.otherwise, partialScore: 40),
          ]),
        .init(
          name: "charges", reasonCode: "CHARGES", baselineScore: 30,
          attributes: [
            .init(.missing(field: "charges"), partialScore: 16),
            .init(.lessThan(field: "charges", value: 50), partialScore: 30),
            .init(.between(field: "charges", lower: 50, upper: 100), partialScore: 21),
            .init(.otherwise, partialScore: 4),
          ]),
        .init(
          name: "plan", reasonCode: "PLAN <&>", baselineScore: 20,
          attributes: [
            .init(.equals(field: "plan", value: "basic"), partialScore: 7),
            .init(.isIn(field: "plan", values: ["premium", "a<b&c", "x \"y\""]), partialScore: 20),
            .init(.otherwise, partialScore: 13),
          ]),
        .init(
          name: "region", reasonCode: "REGION", baselineScore: 12,
          attributes: [
            .init(.isIn(field: "region", values: ["north", "south"]), partialScore: 11),
            .init(.missing(field: "region"), partialScore: 0),
            .init(.otherwise, partialScore: 3.5),
          ]),
      ], reasonCodeCount: 3, toolVersion: "0.1.0")
  }
}

@Suite struct PMMLScorecardTests {
  @Test func swiftScoringFollowsTheBins() throws {
    let rows = try ToyNetwork.rows()
    // Row 1: tenure 12 → 25, charges 80.5 → 21, plan basic → 7, region north → 11.
    let first = ToyScorecard.make().score(row: rows[0])
    #expect(first.score == 300 + 25 + 21 + 7 + 11)
    #expect(first.reasonCodes == ["TENURE", "PLAN <&>", "CHARGES"])  // 15, 13, 9 points below
    // Row 3: tenure NA → 5, charges "abc" → missing 16, basic → 7, east → 3.5.
    let third = ToyScorecard.make().score(row: rows[2])
    #expect(third.score == 300 + 5 + 16 + 7 + 3.5)
    #expect(third.reasonCodes == ["TENURE", "CHARGES", "PLAN <&>"])
    // Row 4: tenure 48 → 40 and plan "a<b&c" → 20 cost nothing: only two reasons.
    #expect(ToyScorecard.make().score(row: rows[3]).reasonCodes == ["CHARGES", "REGION"])
  }

  @Test func scorecardFollowsTheOfficialSchema() throws {
    let schema: URL
    switch PMMLTools.schema {
    case .success(let url): schema = url
    case .failure(let why): try Test.cancel(Comment(rawValue: why.reason))
    }
    let xml = try ToyScorecard.make().pmmlString()
    #expect(
      xml.contains("<Array n=\"3\" type=\"string\">&quot;premium&quot; &quot;a&lt;b&amp;c&quot;"))
    try XSDValidator.validate(xml: xml, schemaAt: schema, documentName: "scorecard.pmml")
  }

  @Test func invalidScorecardsAreRejected() {
    var card = ToyScorecard.make()
    card.characteristics[0].attributes.append(.init(.missing(field: "nope"), partialScore: 1))
    #expect(throws: ReportingError.self) { try card.pmmlString() }
    card = ToyScorecard.make()
    card.characteristics = []
    #expect(throws: ReportingError.self) { try card.pmmlString() }
  }

  @Test func pypmmlScoresAndRanksReasonsLikeSwift() throws {
    let python: String
    switch PMMLTools.python {
    case .success(let path): python = path
    case .failure(let why): try Test.cancel(Comment(rawValue: why.reason))
    }
    let dir = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let card = ToyScorecard.make()
    let url = dir.appendingPathComponent("card.pmml")
    try card.write(to: url)
    let scored = try PMMLTools.score(
      python: python, pmml: url, csv: ToyNetwork.csv, fields: card.outputFieldNames)
    let rows = try ToyNetwork.rows()
    #expect(scored.count == rows.count)
    for (row, line) in zip(rows, scored) {
      let expected = card.score(row: row)
      #expect(abs((Double(line[0]) ?? .nan) - expected.score) < 1e-9, "row \(row)")
      // pypmml pads missing ranks with the last reason; compare the ranks that exist.
      #expect(
        Array(line.dropFirst().prefix(expected.reasonCodes.count)) == expected.reasonCodes,
        "row \(row)")
      #expect(!expected.reasonCodes.isEmpty)
    }
  }
}
