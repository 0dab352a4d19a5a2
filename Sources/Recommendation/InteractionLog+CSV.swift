import Foundation
import Tabular

extension InteractionLog {
  /// Reads an interactions CSV (any of `,` `;` tab `|`, RFC 4180 quoting, UTF-8 with or without
  /// a BOM, Excel's `sep=;` line) with `Tabular.CSVReader`, streaming, and aggregates duplicate
  /// (user, item) pairs.
  ///
  /// - Parameters:
  ///   - url: the file, or nil for standard input.
  ///   - columns: which columns hold the user, item and optional weight and time.
  ///   - displayPath: the name used in messages (defaults to the path).
  /// - Throws: `TabularError` naming the file, line and column for broken CSV (ragged rows,
  ///   unterminated quotes, NUL bytes, invalid UTF-8, UTF-16); `RecommendationError` for a
  ///   missing column, an empty id, a weight or time that is not a number or date, or a log
  ///   without interactions.
  public static func load(
    from url: URL?, columns: InteractionColumns, displayPath: String? = nil
  ) throws -> InteractionLog {
    var reader = try openReader(url, displayPath: displayPath)
    return try read(&reader, columns: columns)
  }

  /// Column names recognised as a time column when none is named.
  public static let timeColumnNames = [
    "timestamp", "time", "date", "datetime", "event_time", "created_at", "order_date",
    "purchase_date",
  ]

  /// Like `load(from:columns:)`, but when `columns.time` is nil and the header has a column
  /// named like a time (`timestamp`, `date`, ...), that column is used.
  /// - Returns: the log and the columns actually used.
  public static func load(
    from url: URL?, detectingTimeIn columns: InteractionColumns, displayPath: String? = nil
  ) throws -> (log: InteractionLog, columns: InteractionColumns) {
    var reader = try openReader(url, displayPath: displayPath)
    var used = columns
    if used.time == nil {
      used.time = reader.header.first {
        timeColumnNames.contains($0.trimmingCharacters(in: .whitespaces).lowercased())
      }
    }
    return (try read(&reader, columns: used), used)
  }

  /// Parses CSV text held in memory (tests and small inputs).
  public static func parse(
    csv text: String, columns: InteractionColumns, path: String = "<memory>"
  ) throws -> InteractionLog {
    var reader = try CSVReader(string: text, name: path)
    return try read(&reader, columns: columns)
  }

  /// A reader over `url` (standard input when nil) that names the file `displayPath` in
  /// messages.
  static func openReader(_ url: URL?, displayPath: String?) throws -> CSVReader {
    guard let url else { return try CSVReader(standardInputDelimiter: nil) }
    return try CSVReader(url: url, name: displayPath ?? url.path)
  }

  private static func read(_ reader: inout CSVReader, columns: InteractionColumns) throws
    -> InteractionLog
  {
    let path = reader.path
    let header = reader.header
    let userColumn = try columnIndex(columns.user, in: header, path: path, flag: "--user")
    let itemColumn = try columnIndex(columns.item, in: header, path: path, flag: "--item")
    let weightColumn = try columns.weight.map {
      try columnIndex($0, in: header, path: path, flag: "--weight")
    }
    let timeColumn = try columns.time.map {
      try columnIndex($0, in: header, path: path, flag: "--time")
    }
    var log = InteractionLog(hasTime: timeColumn != nil)
    var row = CSVRow()
    while try reader.nextRow(into: &row) {
      let user = row.string(at: userColumn).trimmingCharacters(in: .whitespaces)
      let item = row.string(at: itemColumn).trimmingCharacters(in: .whitespaces)
      for (value, column) in [(user, columns.user), (item, columns.item)] where value.isEmpty {
        throw RecommendationError.invalidField(
          path: path, line: row.line, column: column, value: value,
          reason: "empty id; remove the row or fill in the id")
      }
      var weight: Float = 1
      if let weightColumn, let name = columns.weight {
        let text = row.string(at: weightColumn).trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
          guard let value = Double(text), value.isFinite else {
            throw RecommendationError.invalidField(
              path: path, line: row.line, column: name, value: text,
              reason: "the weight is not a number; fix the value or drop --weight to count "
                + "every row as one interaction")
          }
          weight = Float(value)
        }
      }
      var time: Double?
      if let timeColumn, let name = columns.time {
        let text = row.string(at: timeColumn).trimmingCharacters(in: .whitespaces)
        guard let value = parseTime(text) else {
          throw RecommendationError.invalidField(
            path: path, line: row.line, column: name, value: text,
            reason: "expected seconds since 1970 or an ISO 8601 date such as 2024-03-31 or "
              + "2024-03-31T14:05:00Z; fix the value or drop --time")
        }
        time = value
      }
      log.append(Interaction(user: user, item: item, weight: weight, time: time))
    }
    log.finalize()
    guard log.count > 0 else {
      throw RecommendationError.notEnoughData(
        path: path,
        reason: log.rowCount == 0
          ? "no interaction rows after the header; nothing to learn from"
          : "no interaction has a positive weight; check --weight")
    }
    return log
  }

  /// The index of `column` in `header` (exact, then ignoring surrounding spaces and case).
  /// - Throws: `RecommendationError.missingColumn` naming the flag to fix.
  static func columnIndex(_ column: String, in header: [String], path: String, flag: String)
    throws -> Int
  {
    if let k = header.firstIndex(of: column) { return k }
    let wanted = column.trimmingCharacters(in: .whitespaces).lowercased()
    if let k = header.firstIndex(where: {
      $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted
    }) {
      return k
    }
    throw RecommendationError.missingColumn(
      path: path, column: column,
      available: header.map { $0.trimmingCharacters(in: .whitespaces) }, flag: flag)
  }

  /// Parses a time: a number (seconds since 1970) or an ISO 8601 date
  /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH:MM]`, returned as seconds since 1970 UTC.
  public static func parseTime(_ text: String) -> Double? {
    if let value = Double(text), value.isFinite { return value }
    let bytes = Array(text.utf8)
    var p = 0
    func number(_ digits: Int) -> Int? {
      guard p + digits <= bytes.count else { return nil }
      var value = 0
      for k in p..<(p + digits) {
        let d = Int(bytes[k]) - 48
        guard (0...9).contains(d) else { return nil }
        value = value * 10 + d
      }
      p += digits
      return value
    }
    func expect(_ c: Character) -> Bool {
      guard p < bytes.count, bytes[p] == c.asciiValue else { return false }
      p += 1
      return true
    }
    guard let year = number(4), expect("-"), let month = number(2), expect("-"),
      let day = number(2), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
    if p < bytes.count, bytes[p] == UInt8(ascii: "T") || bytes[p] == UInt8(ascii: " ") {
      p += 1
      guard let hour = number(2), expect(":"), let minute = number(2),
        hour < 24, minute < 60
      else { return nil }
      seconds += Double(hour * 3600 + minute * 60)
      if expect(":") {
        guard let second = number(2), second <= 60 else { return nil }
        seconds += Double(second)
        if expect(".") {
          var scale = 0.1
          while p < bytes.count, (48...57).contains(bytes[p]) {
            seconds += Double(bytes[p] - 48) * scale
            scale /= 10
            p += 1
          }
        }
      }
      if expect("Z") {
      } else if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") {
        let sign: Double = bytes[p] == UInt8(ascii: "+") ? 1 : -1
        p += 1
        guard let oh = number(2) else { return nil }
        _ = expect(":")
        guard let om = number(2) else { return nil }
        seconds -= sign * Double(oh * 3600 + om * 60)
      }
    }
    return p == bytes.count ? seconds : nil
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible
  /// low-level date algorithms").
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
