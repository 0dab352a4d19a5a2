import Foundation
import Testing

@testable import Tabular

@Test(arguments: ["", " ", "\t", "NA", "na", "N/A", "n/a", "null", "NULL", "?", " NA "])
func missingTokens(token: String) {
  #expect(MissingValues.isMissing(token))
}

@Test(arguments: ["0", "nan", "NaN", "none", "-", "NAN", "nul", "x"])
func notMissing(token: String) {
  #expect(!MissingValues.isMissing(token))
}

@Test func numberParsingFastAndSlowPaths() {
  #expect(NumberParsing.parse("42") == 42)
  #expect(NumberParsing.parse("-3.25") == -3.25)
  #expect(NumberParsing.parse(" 1e3 ") == 1000)
  #expect(NumberParsing.parse(".5") == 0.5)
  #expect(NumberParsing.parse("0.1") == 0.1)
  #expect(NumberParsing.parse("123456789012345678901234") == 123456789012345678901234.0)
  #expect(NumberParsing.parse("1.7976931348623157e308") == .greatestFiniteMagnitude)
  #expect(NumberParsing.parse("2.2250738585072014e-308") == 2.2250738585072014e-308)
  #expect(NumberParsing.parse("inf") == .infinity)
  #expect(NumberParsing.parse("nan")?.isNaN == true)
  for bad in ["", "abc", "1,5", "1e", "--1", "0x1A", "1.2.3"] {
    #expect(NumberParsing.parse(bad) == nil, "\(bad)")
  }
  // The fast path agrees with the standard library on many decimals.
  var state: UInt64 = 1
  for _ in 0..<20_000 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let text = "\(Int64(bitPattern: state) % 10_000_000).\(state >> 50)e\(Int(state >> 59) - 16)"
    #expect(NumberParsing.parse(text) == Double(text), "\(text)")
  }
}

func sampleTable() -> DataTable {
  var rows: [[String]] = []
  for i in 0..<120 {
    rows.append([
      "\(1000 + i)",  // id (unique whole numbers)
      "C-\(i)",  // unique strings
      "\(i % 7 == 0 ? "NA" : "\(Double(i) * 1.5)")",  // numeric with gaps
      ["basic", "pro", "enterprise"][i % 3],  // categorical
      "same",  // constant
      "the customer wrote a long complaint number \(i) about billing",  // text
      "2024-01-\(String(format2(i % 28 + 1)))",  // date
      "\(i % 2)",  // numeric 0/1
    ])
  }
  return DataTable(
    header: ["ID", "customer", "amount", "plan", "country", "comment", "signup", "churned"],
    rows: rows, source: "sample.csv")
}

func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

@Test func inferenceRules() throws {
  let schema = try SchemaInference.infer(
    sampleTable(), overrides: SchemaOverrides(target: "churned"))
  let kinds = schema.columns.map(\.kind)
  #expect(
    kinds == [.identifier, .identifier, .numeric, .categorical, .constant, .text, .date, .numeric])
  #expect(schema.featureColumns == ["amount", "plan"])
  #expect(schema.identifier == "ID")
  #expect(schema.column(named: "amount")?.missingCount == 18)
  #expect(schema.warnings.count == 2 && schema.warnings[0].contains("comment"))
  #expect(schema.warnings[1].contains("'signup' holds dates (dates, Y-M-D)"))
  #expect(schema.description.contains("amount"))
  #expect(schema.description.split(separator: "\n").count == 9)
}

@Test func inferenceOverrides() throws {
  let overrides = SchemaOverrides(
    identifier: "customer", drop: ["amount"], categorical: ["churned"], target: nil)
  let schema = try SchemaInference.infer(sampleTable(), overrides: overrides)
  #expect(schema.identifier == "customer")
  #expect(schema.featureColumns == ["plan", "churned"])
  #expect(schema.kind(of: "churned") == .categorical)
  #expect(throws: TabularError.self) {
    _ = try SchemaInference.infer(sampleTable(), overrides: SchemaOverrides(drop: ["nope"]))
  }
}

@Test func smallTablesAreNotMistakenForIdentifiers() throws {
  let table = DataTable(
    header: ["x", "color"], rows: [["1", "red"], ["2", "blue"], ["3", "green"]])
  let schema = try SchemaInference.infer(table)
  #expect(schema.columns.map(\.kind) == [.numeric, .categorical])
}

@Test func schemaIsCodable() throws {
  let schema = try SchemaInference.infer(sampleTable())
  let data = try JSONEncoder().encode(schema)
  #expect(try JSONDecoder().decode(Schema.self, from: data) == schema)
}
