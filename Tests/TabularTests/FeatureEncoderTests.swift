import Foundation
import Testing

@testable import Tabular

func churnTable() -> DataTable {
  DataTable(
    header: ["id", "tenure", "plan", "city"],
    rows: [
      ["a", "1", "basic", "Paris"],
      ["b", "3", "pro", "Lyon"],
      ["c", "", "basic", "Nice"],
      ["d", "4", "basic", "NA"],
    ], source: "churn.csv")
}

func churnSchema() -> Schema {
  Schema(
    columns: [
      ColumnSchema(
        name: "id", kind: .identifier, isFeature: false, missingCount: 0, distinctCount: 4, note: ""
      ),
      ColumnSchema(
        name: "tenure", kind: .numeric, isFeature: true, missingCount: 1, distinctCount: 3, note: ""
      ),
      ColumnSchema(
        name: "plan", kind: .categorical, isFeature: true, missingCount: 0, distinctCount: 2,
        note: ""),
      ColumnSchema(
        name: "city", kind: .categorical, isFeature: true, missingCount: 1, distinctCount: 3,
        note: ""),
    ], rowCount: 4)
}

@Test func encoderStandardisesAndOneHots() throws {
  let encoder = try FeatureEncoding(maxCategories: 2).fit(churnTable(), schema: churnSchema())
  // tenure: mean of 1, 3, 4 = 8/3, population std = sqrt(14/9).
  guard case .numeric(let mean, let std, true) = encoder.fields[0].transform else {
    Issue.record("tenure should be numeric with an indicator")
    return
  }
  #expect(abs(mean - 8.0 / 3) < 1e-12 && abs(std - (14.0 / 9).squareRoot()) < 1e-12)
  #expect(
    encoder.featureNames == [
      "tenure", "tenure=missing", "plan=basic", "plan=pro", "plan=(other)",
      "city=(missing)", "city=Lyon", "city=(other)",
    ])
  #expect(encoder.width == 8)
  #expect(encoder.sourceField == [0, 0, 1, 1, 1, 2, 2, 2])
  #expect(encoder.sourceFieldName(ofOutput: 6) == "city")
  #expect(encoder.outputRange(ofField: "plan") == 2..<5)
  let x = try encoder.transform(["z", "4", "pro", "Berlin"])  // unseen city -> other
  #expect(abs(Double(x[0]) - (4 - 8.0 / 3) / (14.0 / 9).squareRoot()) < 1e-6)
  #expect(Array(x[1...]) == [0, 0, 1, 0, 0, 0, 1])
  let missing = try encoder.transform(["z", "?", "gold", "Lyon"])
  #expect(missing == [0, 1, 0, 0, 1, 0, 1, 0])
}

@Test func encoderFitsOnTrainingRowsOnly() throws {
  let encoder = try FeatureEncoding().fit(churnTable(), schema: churnSchema(), rows: [0, 1])
  guard case .numeric(let mean, _, let indicator) = encoder.fields[0].transform else {
    Issue.record("numeric expected")
    return
  }
  #expect(mean == 2 && !indicator)
  #expect(encoder.featureNames.contains("plan=pro") && !encoder.featureNames.contains("city=Nice"))
}

@Test func encoderErrorsNameColumnValueAndLine() throws {
  let encoder = try FeatureEncoding().fit(churnTable(), schema: churnSchema())
  #expect(
    throws: TabularError.invalidValue(
      path: nil, line: nil, column: "tenure", value: "abc",
      reason:
        "is not a finite number (the column is numeric) — fix it, or leave the field empty to mark it missing"
    )
  ) {
    _ = try encoder.transform(["z", "abc", "pro", "Lyon"])
  }
  var reader = try CSVReader(string: "city,plan,tenure\nLyon,pro,inf\n", name: "score.csv")
  let binding = try encoder.bind(header: reader.header)
  var row = CSVRow()
  _ = try reader.nextRow(into: &row)
  var out = [Float](repeating: -1, count: encoder.width)
  do {
    try out.withUnsafeMutableBufferPointer {
      try encoder.transform(row, binding: binding, into: $0)
    }
    Issue.record("expected an error")
  } catch let error as TabularError {
    let located = error.located(path: reader.path, line: nil)
    #expect(located.description.hasPrefix("score.csv:2: column 'tenure': value 'inf'"))
  }
  #expect(throws: TabularError.missingColumn(name: "city", available: ["tenure", "plan"])) {
    _ = try encoder.bind(header: ["tenure", "plan"])
  }
  // A bad value in the training data names the file and line.
  var bad = churnTable()
  bad.columns[1][2] = "NaN"
  do {
    _ = try FeatureEncoding().fit(bad, schema: churnSchema())
    Issue.record("expected an error")
  } catch let error as TabularError {
    #expect(error.description.hasPrefix("churn.csv:4: column 'tenure': value 'NaN'"))
  }
}

@Test func streamingAndStringPathsAgree() throws {
  let encoder = try FeatureEncoding(hashingThreshold: 2, hashBuckets: 4).fit(
    churnTable(), schema: churnSchema())
  // city has 4 distinct training values (> 2): hashed.
  #expect(encoder.fields[2].transform == .hashed(buckets: 4))
  let csv = "id,tenure,plan,city\na,1,basic,Paris\nq,,pro,NA\nr,2.5,zzz,Rome\n"
  var reader = try CSVReader(string: csv)
  let binding = try encoder.bind(header: reader.header)
  var row = CSVRow()
  var out = [Float](repeating: 0, count: encoder.width)
  while try reader.nextRow(into: &row) {
    try out.withUnsafeMutableBufferPointer {
      try encoder.transform(row, binding: binding, into: $0)
    }
    #expect(out == (try encoder.transform(row.fields)))
    #expect(out[5...].reduce(0, +) == 1)
  }
  let matrix = try encoder.transform(churnTable())
  #expect(matrix.count == 4 * encoder.width)
  #expect(Array(matrix[0..<encoder.width]) == (try encoder.transform(churnTable().row(0))))
}

@Test func encoderRoundTripsThroughJSON() throws {
  let encoder = try FeatureEncoding().fit(churnTable(), schema: churnSchema())
  let decoded = try JSONDecoder().decode(FeatureEncoder.self, from: JSONEncoder().encode(encoder))
  #expect(decoded == encoder)
  #expect(
    try decoded.transform(["z", "2", "pro", "Nice"])
      == encoder.transform(["z", "2", "pro", "Nice"]))
}
