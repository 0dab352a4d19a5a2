import Foundation
import Tabular
import Testing
import _TestSupport

@testable import Recommendation

/// `IDListReader` (`recommend for --users`, `--exclude`): Tabular's CSVReader underneath.
struct IDListReaderTests {
  static func ids(_ text: String, column: String = "customer_id") throws -> [String] {
    let url = try TestSupport.temporaryDirectory().appendingPathComponent("ids.csv")
    try Data(text.utf8).write(to: url)
    var reader = try IDListReader(url: url, column: column, flag: "--users")
    var out: [String] = []
    while let id = try reader.next() { out.append(id) }
    return out
  }

  /// Throws the error reading `text` gives, with the file's path.
  static func error(_ text: String) throws -> (error: any Error, path: String) {
    let url = try TestSupport.temporaryDirectory().appendingPathComponent("ids.csv")
    try Data(text.utf8).write(to: url)
    do {
      var reader = try IDListReader(url: url, column: "customer_id", flag: "--users")
      while try reader.next() != nil {}
    } catch {
      return (error, url.path)
    }
    Issue.record("no error for \(text.debugDescription)")
    return (CocoaError(.fileReadUnknown), url.path)
  }

  @Test func headerlessListKeepsTheFirstLineAndUnquotes() throws {
    #expect(
      try Self.ids("C1\nC2\n\n  C3  \n\"Smith, J.\"\r\nZoë\n") == [
        "C1", "C2", "C3", "Smith, J.", "Zoë",
      ])
    #expect(try Self.ids("\u{FEFF}\"=HYPERLINK(\"\"x\"\")\"\nC2\n") == ["=HYPERLINK(\"x\")", "C2"])
  }

  @Test func headerNamingTheColumnSelectsIt() throws {
    #expect(try Self.ids("segment,Customer_ID \na,C1\nb,\"C,2\"\n") == ["C1", "C,2"])
    #expect(try Self.ids("customer_id\nC1\nC2\n") == ["C1", "C2"])
    #expect(try Self.ids("sep=;\nsegment;customer_id\na;C1\n") == ["C1"])
    #expect(try Self.ids("product_id\tname\nP1\tMug\n", column: "product_id") == ["P1"])
  }

  @Test func severalColumnsWithoutTheIdColumnNameTheFlag() throws {
    let (error, path) = try Self.error("user,segment\nC1,a\n")
    #expect(
      "\(error)"
        == "\(path): column 'customer_id' not found; available: user, segment — check --users "
        + "(a one-column list of ids, or a CSV whose header names 'customer_id')")
  }

  @Test func brokenRowsGiveTabularsMessages() throws {
    let ragged = try Self.error("customer_id,segment\nC1,a\nC2\n")
    #expect(
      ragged.error as? TabularError
        == .malformed(
          path: ragged.path, line: 3, column: 2,
          reason: "expected 2 fields as in the header but found 1 — quote fields that contain "
            + "',' or line breaks"))
    let quote = try Self.error("customer_id\nC1\n\"C2\nC3\n")
    #expect("\(quote.error)".contains(":3: column 1: unterminated quoted field (opened on line 3)"))
    let nul = try Self.error("customer_id\nC1\u{0}\n")
    #expect("\(nul.error)".contains(":2: column 1: NUL byte inside a field"))
  }

  @Test func emptyIdIsAnErrorNamingLineAndColumn() throws {
    let (error, path) = try Self.error("customer_id,segment\nC1,a\n ,b\n")
    #expect(
      error as? RecommendationError
        == .invalidField(
          path: path, line: 3, column: "customer_id", value: "",
          reason: "empty id; remove the row or fill in the id"))
  }
}
