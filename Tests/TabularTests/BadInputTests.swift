import Foundation
import Testing

@testable import Tabular

/// Issue 7 bad-input cases at the reader and schema level (the end-to-end runs are in
/// `EndToEndTests/HardeningBadInputTests`).
@Suite struct BadInputTests {
  static func message(_ bytes: [UInt8]) -> String {
    do {
      var reader = try CSVReader(bytes: bytes, name: "f.csv")
      while try reader.nextRecord() != nil {}
      return "no error"
    } catch {
      return String(describing: error)
    }
  }

  @Test func utf16IsNamedWithTheIconvFix() {
    let text = "a,b\n1,2\n"
    let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(Self.message(le).contains("f.csv:1: column 1: the file is UTF-16 (little-endian)"))
    #expect(Self.message(le).contains("iconv -f UTF-16LE -t UTF-8"))
    #expect(Self.message(be).contains("UTF-16 (big-endian)"))
    // Without a byte-order mark: recognised by where the NUL bytes fall.
    #expect(Self.message(Array(le.dropFirst(2))).contains("UTF-16 (little-endian)"))
    #expect(Self.message(Array(be.dropFirst(2))).contains("UTF-16 (big-endian)"))
    // One stray NUL in UTF-8 is still reported as a NUL byte.
    #expect(Self.message(Array("a,b\n1,x\u{0}y\n".utf8)).contains("f.csv:2: column 2: NUL byte"))
  }

  @Test(arguments: [";", ",", "\t", "|"])
  func excelSeparatorLineIsHonoured(separator: String) throws {
    let text = "sep=\(separator)\r\nid\(separator)amount\r\n1\(separator)2.5\r\n"
    var reader = try CSVReader(string: text, name: "f.csv")
    #expect(reader.delimiter == UInt8(ascii: Unicode.Scalar(separator)!))
    #expect(reader.header == ["id", "amount"])
    let record = try reader.nextRecord()
    #expect(record?.line == 3)
    // Header errors name line 2, the header's line.
    let dup = "sep=\(separator)\nx\(separator)x\n1\(separator)2\n"
    #expect(Self.message(Array(dup.utf8)).contains("f.csv:2: column 2: duplicate column name"))
  }

  @Test func tooManyColumnsIsAClearError() {
    let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
    let row = [String](repeating: "1", count: 100_000).joined(separator: ",")
    let start = ContinuousClock.now
    let m = Self.message(Array((header + "\n" + row + "\n").utf8))
    #expect(m.contains("f.csv:1: column 16385: the header has 100000 columns"))
    #expect(m.contains("at most 16384"))
    #expect(ContinuousClock.now - start < .seconds(10))
  }

  @Test func hugeFieldStopsAtTheLimit() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("traction-field-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("big.csv")
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    handle.write(Data("id,note\n1,ok\n2,\"".utf8))
    let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
    for _ in 0..<100 { handle.write(chunk) }
    handle.write(Data("\"\n".utf8))
    try handle.close()
    do {
      var reader = try CSVReader(url: url)
      while try reader.nextRecord() != nil {}
      Issue.record("expected an error")
    } catch let error as TabularError {
      let text = String(describing: error)
      #expect(text.contains("big.csv:3: column 2: field longer than 16 MiB"), "\(text)")
    }
  }

  /// A field just over the limit that arrives whole in one grown buffer (not only one that
  /// spans refills) is an error; one of exactly 16 MiB is read, quoted or not.
  @Test func fieldJustOverTheLimitIsCaught() throws {
    let limit = CSVReader.maximumFieldBytes
    for (size, quoted) in [(limit + 1, false), (limit + 1, true), (limit, false), (limit, true)] {
      let field = [UInt8](repeating: UInt8(ascii: "x"), count: size)
      let quote: [UInt8] = quoted ? [UInt8(ascii: "\"")] : []
      let bytes = Array("id,note\n1,ok\n2,".utf8) + quote + field + quote + Array("\n3,z\n".utf8)
      var reader = try CSVReader(bytes: bytes, name: "big.csv")
      do {
        var rows = 0
        while try reader.nextRecord() != nil { rows += 1 }
        #expect(size == limit && rows == 3, "size \(size), quoted \(quoted): no error")
      } catch let error as TabularError {
        #expect(size > limit, "size \(size), quoted \(quoted): \(error)")
        #expect(
          error
            == .malformed(
              path: "big.csv", line: 3, column: 2,
              reason: "field longer than 16 MiB, Traction's limit per field — is a quote never "
                + "closed? Otherwise shorten the field"))
      }
    }
  }

  @Test func numberFormatsAreInferredPerColumn() throws {
    let comma = UInt8(ascii: ",")
    let semicolon = UInt8(ascii: ";")
    let dollars = try #require(
      NumberFormat.infer(["$1,234.50", "$99", "($5.00)", ""], delimiter: comma))
    #expect(
      dollars.currency == "$" && dollars.groupingSeparator == "," && dollars.decimalSeparator == "."
    )
    #expect(dollars.parse("$1,234.50") == 1234.5)
    #expect(dollars.parse("($5.00)") == -5)
    #expect(dollars.parse("-$2,000") == -2000)
    #expect(dollars.parse("€5") == nil)
    #expect(dollars.description == "$1,234.50")
    let euros = try #require(NumberFormat.infer(["1.234,50 €", "12,00 €"], delimiter: semicolon))
    #expect(euros.decimalSeparator == "," && euros.groupingSeparator == ".")
    #expect(euros.parse("1.234,50 €") == 1234.5)
    #expect(euros.description == "1.234,50 €")
    let spaced = try #require(NumberFormat.infer(["€1 234", "€12"], delimiter: comma))
    #expect(spaced.parse("€1 234") == 1234)
    let percent = try #require(NumberFormat.infer(["12%", "5.5%"], delimiter: comma))
    #expect(percent.parse("12%") == 0.12)
    #expect(percent.parse("12") == nil)
    // Ambiguous `1,234`: thousands in a comma file, a decimal comma otherwise.
    #expect(NumberFormat.infer(["1,234", "2,000"], delimiter: comma)?.parse("1,234") == 1234)
    #expect(NumberFormat.infer(["1,234", "2,5"], delimiter: semicolon)?.parse("1,234") == 1.234)
    // No single convention, mixed currencies, bad grouping, dates, words: not numeric.
    #expect(NumberFormat.infer(["1,234.5", "1.234,5"], delimiter: semicolon) == nil)
    #expect(NumberFormat.infer(["$1", "€1"], delimiter: comma) == nil)
    #expect(NumberFormat.infer(["1,23,456"], delimiter: comma) == nil)
    #expect(NumberFormat.infer(["01.03.2024"], delimiter: comma) == nil)
    #expect(NumberFormat.infer(["Premium", "$5"], delimiter: comma) == nil)
  }

  @Test func schemaStoresTheNumberFormatAndEncoderUsesIt() throws {
    var table = DataTable(
      header: ["fee", "y"], rows: [["$1,000.00", "a"], ["$2,000.00", "b"], ["($500.00)", "a"]])
    table.delimiter = UInt8(ascii: ",")
    let schema = try SchemaInference.infer(table, overrides: SchemaOverrides(target: "y"))
    let fee = try #require(schema.column(named: "fee"))
    #expect(fee.kind == .numeric && fee.isFeature)
    #expect(fee.note == "numbers written like $1,234.50")
    let encoder = try FeatureEncoding().fit(table, schema: schema)
    let decoded = try JSONDecoder().decode(
      FeatureEncoder.self, from: try JSONEncoder().encode(encoder))
    #expect(decoded.fields[0].numberFormat == fee.numberFormat)
    let x = try decoded.transform(["$2,000.00", "a"])
    let mean = (1000.0 + 2000 - 500) / 3
    #expect(abs(Double(x[0]) - (2000 - mean) / 1027.0) < 0.05)
    #expect(throws: TabularError.self) { try decoded.transform(["1.000,00 €", "a"]) }
  }

  @Test func datesAreInferredWithOneOrderPerColumn() throws {
    #expect(DateParsing.inferOrder(["2024-03-01", "2024-03-01T12:00:00Z", ""]) == .yearMonthDay)
    #expect(DateParsing.inferOrder(["03/01/2024", "01/02/2024"]) == .monthDayYear)
    #expect(DateParsing.inferOrder(["13/01/2024", "01/02/2024"]) == .dayMonthYear)
    #expect(DateParsing.inferOrder(["01/13/2024", "01/02/2024"]) == .monthDayYear)
    #expect(DateParsing.inferOrder(["01.03.2024", "02.03.2024"]) == .dayMonthYear)
    #expect(DateParsing.inferOrder(["1 Mar 2024", "Mar 2, 2024", "01-Apr-2024"]) == .yearMonthDay)
    #expect(DateParsing.inferOrder(["13/01/2024", "01/13/2024"]) == nil)
    #expect(DateParsing.inferOrder(["31/04/2024"]) == nil)
    #expect(DateParsing.inferOrder(["1.2.3", "hello"]) == nil)
    let march1 = Double(DateParsing.daysFromCivil(year: 2024, month: 3, day: 1)) * 86_400
    #expect(DateParsing.parse("01/03/2024", order: .dayMonthYear) == march1)
    #expect(DateParsing.parse("03/01/2024", order: .monthDayYear) == march1)
    #expect(DateParsing.parse("1 Mar 2024", order: .monthDayYear) == march1)
    #expect(DateParsing.parse("2024-03-01T12:00:00Z", order: .yearMonthDay) == march1 + 43_200)
    let table = DataTable(
      header: ["signup", "y"],
      rows: (1...30).map { ["\($0)/01/2024", $0 % 2 == 0 ? "a" : "b"] })
    let schema = try SchemaInference.infer(table, overrides: SchemaOverrides(target: "y"))
    let signup = try #require(schema.column(named: "signup"))
    #expect(signup.kind == .date && signup.dateOrder == .dayMonthYear && !signup.isFeature)
    #expect(schema.warnings.contains { $0.contains("'signup' holds dates (dates, D/M/Y)") })
  }
}
