import Foundation
import Testing
import _TestSupport

@testable import Tabular

func fixture(_ name: String) -> URL {
  TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/csv/\(name)")
}

func records(_ text: String, delimiter: UInt8? = nil) throws -> (
  header: [String], rows: [CSVRecord]
) {
  var reader = try CSVReader(string: text, name: "t.csv", delimiter: delimiter)
  var rows: [CSVRecord] = []
  while let record = try reader.nextRecord() { rows.append(record) }
  return (reader.header, rows)
}

@Test func quotedFieldsWithSeparatorsQuotesAndNewlines() throws {
  let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,\"\"\n"
  let (header, rows) = try records(text)
  #expect(header == ["a", "b", "c"])
  #expect(rows.map(\.fields) == [["x, y", "say \"hi\"", "two\nlines"], ["plain", "", ""]])
  #expect(rows.map(\.line) == [2, 4])
}

@Test func crlfBomAndSemicolonFromFile() throws {
  var reader = try CSVReader(url: fixture("semicolon-bom-crlf.csv"))
  #expect(reader.delimiter == UInt8(ascii: ";"))
  #expect(reader.header == ["id", "plan", "monthly", "note"])
  var rows: [CSVRecord] = []
  while let r = try reader.nextRecord() { rows.append(r) }
  #expect(rows[0].fields == ["1", "basic", "9,5", "said \"hi\"; left"])
  #expect(rows[1].fields == ["2", "pro", "19", "two\r\nlines"])
  #expect(rows[2].fields == ["3", "basic", "NA", ""])
  #expect(rows.map(\.line) == [2, 3, 5])
}

@Test(arguments: [
  (",", UInt8(ascii: ",")), (";", UInt8(ascii: ";")), ("\t", 9), ("|", UInt8(ascii: "|")),
])
func detectsEachDelimiter(separator: String, byte: UInt8) throws {
  let text =
    ["id", "name", "score"].joined(separator: separator) + "\n"
    + ["1", "\"a\(separator)b\"", "3.5"].joined(separator: separator) + "\n"
    + ["2", "c", "4"].joined(separator: separator) + "\n"
  var reader = try CSVReader(string: text)
  #expect(reader.delimiter == byte)
  #expect(try reader.nextRecord()?.fields == ["1", "a\(separator)b", "3.5"])
}

@Test func lastLineWithoutNewlineAndBlankLinesAndBareCR() throws {
  let (_, rows) = try records("a,b\r1,2\r\n\n\n3,4")
  #expect(rows.map(\.fields) == [["1", "2"], ["3", "4"]])
  #expect(rows.map(\.line) == [2, 5])
}

@Test func headerOnlyHasNoRecords() throws {
  var reader = try CSVReader(url: fixture("header-only.csv"))
  #expect(reader.header == ["a", "b", "c"])
  #expect(try reader.nextRecord() == nil)
  #expect(try reader.readAll().rowCount == 0)
}

@Test func emptyFileIsAnError() throws {
  let path = fixture("empty.csv").path
  #expect(throws: TabularError.emptyFile(path: path)) { try CSVReader(url: fixture("empty.csv")) }
  #expect(throws: TabularError.emptyFile(path: "t")) { try CSVReader(string: "\n\n", name: "t") }
}

@Test func raggedRowNamesFileLineAndColumn() throws {
  var reader = try CSVReader(url: fixture("ragged.csv"))
  _ = try reader.nextRecord()
  do {
    _ = try reader.nextRecord()
    Issue.record("expected an error")
  } catch let error as TabularError {
    guard case .malformed(let path, let line, let column, _) = error else {
      Issue.record("wrong error \(error)")
      return
    }
    #expect(path.hasSuffix("ragged.csv") && line == 3 && column == 3)
    #expect(error.description.contains("ragged.csv:3: column 3: expected 3 fields"))
  }
  #expect(throws: TabularError.self) { _ = try records("a,b\n1,2,3\n") }
}

@Test func unterminatedQuoteNamesTheLineItOpened() throws {
  do {
    var reader = try CSVReader(url: fixture("unterminated-quote.csv"))
    while try reader.nextRecord() != nil {}
    Issue.record("expected an error")
  } catch let error as TabularError {
    guard case .malformed(_, let line, let column, let reason) = error else {
      Issue.record("wrong error \(error)")
      return
    }
    #expect(line == 3 && column == 2 && reason.contains("unterminated"))
  }
}

@Test func invalidUTF8AndNULAreErrors() throws {
  do {
    var reader = try CSVReader(url: fixture("invalid-utf8.csv"))
    _ = try reader.nextRecord()
    Issue.record("expected an error")
  } catch let error as TabularError {
    guard case .malformed(_, let line, let column, let reason) = error else {
      Issue.record("wrong error \(error)")
      return
    }
    #expect(line == 2 && column == 2 && reason.contains("UTF-8"))
  }
  #expect(
    throws: TabularError.malformed(
      path: "t.csv", line: 2, column: 2, reason: "NUL byte inside a field — is this a binary file?")
  ) {
    _ = try records("a,b\n1,x\u{0}y\n")
  }
  // Valid multi-byte text passes.
  #expect(try records("a,b\n1,Zoë 日本 🎉\n").rows[0].fields == ["1", "Zoë 日本 🎉"])
  // The buffer is used only inside withUnsafeBufferPointer: letting the pointer escape the
  // closure read a freed array (found by AddressSanitizer, heap-use-after-free).
  let valid = Array("ab\u{E9}".utf8)
  #expect(valid.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) } == nil)
  let truncated: [UInt8] = [0x61, 0x62, 0xC3]  // "ab" then the first byte of a 2-byte sequence
  #expect(truncated.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) } == 2)
}

@Test func badHeaders() throws {
  #expect(throws: TabularError.self) { _ = try records("a,,c\n1,2,3\n") }
  do {
    _ = try records("a,b,a\n1,2,3\n")
    Issue.record("expected an error")
  } catch let error as TabularError {
    #expect(
      error
        == .invalidHeader(
          path: "t.csv", column: 3,
          reason: "duplicate column name 'a' (also column 1) — rename one of them"))
  }
}

@Test func strayCharacterAfterClosingQuote() throws {
  #expect(throws: TabularError.self) { _ = try records("a,b\n\"x\"y,2\n") }
  // A quote inside an unquoted field is kept literally.
  #expect(try records("a,b\n5\" screen,2\n").rows[0].fields == ["5\" screen", "2"])
}

@Test func fastRowAccessAndReadAll() throws {
  var reader = try CSVReader(string: "id,x\n7, 2.5 \n8,NA\n")
  var row = CSVRow()
  #expect(try reader.nextRow(into: &row))
  #expect(row.count == 2 && row.line == 2 && row[0] == "7" && row.number(at: 1) == 2.5)
  #expect(try reader.nextRow(into: &row))
  #expect(row.isMissing(at: 1) && row.number(at: 1) == nil)
  #expect(try !reader.nextRow(into: &row))
  let table = try CSVReader.readAll(url: fixture("customers.csv"))
  #expect(table.rowCount == 8 && table.header.count == 6)
  #expect(try table.column(named: "plan")[3] == "enterprise")
  #expect(table.lineNumbers.first == 2)
  #expect(throws: TabularError.missingColumn(name: "nope", available: table.header)) {
    _ = try table.column(named: "nope")
  }
}

/// Records that straddle the 1 MiB read buffer, including quoted fields with line breaks and a
/// record larger than the buffer, come out intact.
@Test func recordsAcrossChunkBoundaries() throws {
  let directory = try TestSupport.temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  var text = "id,text,n\r\n"
  var expected: [[String]] = []
  for i in 0..<40_000 {
    let value = i % 7 == 0 ? "multi\r\nline \"q\" \(i)" : "v\(i)"
    let quoted = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    text += "\(i),\(quoted),\(i * 3)\r\n"
    expected.append(["\(i)", value, "\(i * 3)"])
  }
  let huge = String(repeating: "x", count: 3 << 20)
  text += "40000,\"\(huge)\",1\r\n"
  expected.append(["40000", huge, "1"])
  let url = directory.appendingPathComponent("big.csv")
  try Data(text.utf8).write(to: url)
  var reader = try CSVReader(url: url)
  var count = 0
  while let record = try reader.nextRecord() {
    if record.fields != expected[count] {
      Issue.record("record \(count) differs")
      break
    }
    count += 1
  }
  #expect(count == expected.count)
}

/// The descriptor path (what standard input uses) reads a pipe.
@Test func readsFromAPipe() throws {
  let pipe = Pipe()
  pipe.fileHandleForWriting.write(Data("a|b\n1|\"x|y\"\n2|z\n".utf8))
  try pipe.fileHandleForWriting.close()
  var reader = try CSVReader(
    descriptor: pipe.fileHandleForReading.fileDescriptor, name: "<stdin>")
  #expect(reader.header == ["a", "b"] && reader.delimiter == UInt8(ascii: "|"))
  #expect(try reader.nextRecord()?.fields == ["1", "x|y"])
  #expect(try reader.nextRecord() == CSVRecord(fields: ["2", "z"], line: 3))
  #expect(try reader.nextRecord() == nil)
}
