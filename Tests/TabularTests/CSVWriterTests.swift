import Foundation
import Testing
import _TestSupport

@testable import Tabular

@Test func writerQuotesAndRoundTrips() throws {
  let directory = try TestSupport.temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let url = directory.appendingPathComponent("out.csv")
  let rows = [
    ["id", "note"], ["1", "a, b"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", ""],
  ]
  let writer = try CSVWriter(url: url)
  for row in rows { try writer.writeRow(row) }
  #expect(!FileManager.default.fileExists(atPath: url.path))  // not visible before finish
  try writer.finish()
  let text = try String(contentsOf: url, encoding: .utf8)
  #expect(text == "id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\n")
  var reader = try CSVReader(url: url)
  var back: [[String]] = [reader.header]
  while let r = try reader.nextRecord() { back.append(r.fields) }
  #expect(back == rows)
}

@Test func abandonedWriterLeavesNoFile() throws {
  let directory = try TestSupport.temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let url = directory.appendingPathComponent("out.csv")
  do {
    let writer = try CSVWriter(url: url)
    try writer.writeRow(["a"])
  }
  #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
}

@Test func formulaGuard() throws {
  let directory = try TestSupport.temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let url = directory.appendingPathComponent("out.csv")
  let writer = try CSVWriter(url: url, guardsFormulas: true)
  try writer.writeRow(["=HYPERLINK(\"x\")", "-0.5", "@SUM(A1)", "+1", "ok"])
  try writer.finish()
  let text = try String(contentsOf: url, encoding: .utf8)
  #expect(text == "\"'=HYPERLINK(\"\"x\"\")\",-0.5,\"'@SUM(A1)\",+1,ok\n")
}
