import Testing

@testable import Recommendation

/// `CSVOutput.line`: RFC 4180 quoting and the formula guard, on Unicode scalars.
@Test func csvOutputQuotesLineBreaksAndGuardsFormulas() {
  // "\r\n" is a single Character in Swift; it must still force quotes.
  #expect(CSVOutput.line(["a\r\nb", "c"]) == "\"a\r\nb\",c")
  #expect(CSVOutput.line(["say \"hi\"", "x,y", "plain"]) == "\"say \"\"hi\"\"\",\"x,y\",plain")
  let guarded = CSVOutput.line(
    ["=1+1", "\r\n=cmd", "-5", "@SUM(1)", "=kept"], guardFormulas: [true, true, true, true, false])
  #expect(guarded == "'=1+1,\"'\r\n=cmd\",-5,'@SUM(1),=kept")
}
