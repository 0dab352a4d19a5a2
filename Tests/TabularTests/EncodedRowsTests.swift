import Testing

@testable import Tabular

/// Compact rows expand to exactly the floats of the dense encoding (bit for bit), for numeric
/// fields with a missing indicator, one-hot fields (kept, "other" and missing values) and
/// hashed fields, and hold far fewer bytes per row.
@Test(arguments: [100, 2])
func compactRowsExpandToTheDenseEncoding(hashingThreshold: Int) throws {
  let table = DataTable(
    header: ["id", "tenure", "plan", "city"],
    rows: [
      ["a", "1", "basic", "Paris"], ["b", "3", "pro", "Lyon"], ["c", "", "basic", "Nice"],
      ["d", "4", "basic", "NA"], ["e", "-0.5", "gold", "Rome"], ["f", "2", "pro", "Lyon"],
    ], source: "churn.csv")
  // Fitted on the first four rows, so "gold" and "Rome" are unseen (one-hot "other" column).
  let encoder = try FeatureEncoding(maxCategories: 2, hashingThreshold: hashingThreshold)
    .fit(table, schema: churnSchema(), rows: [0, 1, 2, 3])
  let dense = try encoder.transform(table)
  let compact = try encoder.transformCompact(table)
  #expect(compact.count == 6 && compact.width == encoder.width)
  #expect(compact.dense(rows: 0..<6).map(\.bitPattern) == dense.map(\.bitPattern))
  let w = encoder.width
  #expect(compact.dense(rows: [4, 1]) == Array(dense[(4 * w)..<(5 * w)] + dense[w..<(2 * w)]))
  // tenure and its missing indicator as floats, plan and city as one position each.
  #expect(compact.bytesPerRow == 2 * 4 + 2 * 4)
  let wrapped = EncodedRows(dense: dense, width: encoder.width)
  #expect(wrapped.dense(rows: 0..<6) == dense)
}

@Test func compactEncodingNamesTheBadValue() throws {
  let encoder = try FeatureEncoding().fit(churnTable(), schema: churnSchema())
  let bad = DataTable(
    header: ["id", "tenure", "plan", "city"],
    rows: [["a", "1", "basic", "Paris"], ["b", "inf", "pro", "Lyon"]], source: "new.csv")
  #expect {
    try encoder.transformCompact(bad)
  } throws: { error in
    "\(error)".hasPrefix("new.csv:3: column 'tenure': value 'inf'")
  }
}
