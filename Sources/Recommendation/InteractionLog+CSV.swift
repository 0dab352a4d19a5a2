import Foundation

extension InteractionLog {
  /// Reads an interactions CSV (any of `,` `;` tab `|`, RFC 4180 quoting, UTF-8 with or without
  /// a BOM) and aggregates duplicate (user, item) pairs.
  ///
  /// - Parameters:
  ///   - url: the file, or nil for standard input.
  ///   - columns: which columns hold the user, item and optional weight and time.
  ///   - displayPath: the name used in messages (defaults to the path).
  /// - Throws: `RecommendationError` naming the file, line and column for a missing column, an
  ///   empty id, a weight or time that is not a number or date, or a log without interactions.
  public static func load(
    from url: URL?, columns: InteractionColumns, displayPath: String? = nil
  ) throws -> InteractionLog {
    var reader = try DelimitedText(url: url, displayPath: displayPath)
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
    var reader = try DelimitedText(url: url, displayPath: displayPath)
    var used = columns
    if used.time == nil {
      used.time = reader.header.first { timeColumnNames.contains($0.lowercased()) }
    }
    return (try read(&reader, columns: used), used)
  }

  /// Parses CSV text held in memory (tests and small inputs).
  public static func parse(
    csv text: String, columns: InteractionColumns, path: String = "<memory>"
  ) throws -> InteractionLog {
    var reader = try DelimitedText(bytes: Array(text.utf8), path: path)
    return try read(&reader, columns: columns)
  }

  private static func read(_ reader: inout DelimitedText, columns: InteractionColumns) throws
    -> InteractionLog
  {
    let path = reader.path
    let userColumn = try reader.columnIndex(columns.user, flag: "--user")
    let itemColumn = try reader.columnIndex(columns.item, flag: "--item")
    let weightColumn = try columns.weight.map { try reader.columnIndex($0, flag: "--weight") }
    let timeColumn = try columns.time.map { try reader.columnIndex($0, flag: "--time") }
    let needed = max(userColumn, itemColumn, weightColumn ?? 0, timeColumn ?? 0)
    var log = InteractionLog(hasTime: timeColumn != nil)
    while let record = try reader.nextRecord() {
      let fields = record.fields
      guard fields.count > needed else {
        throw RecommendationError.invalidField(
          path: path, line: record.line, column: reader.header[needed], value: "",
          reason: "the row has \(fields.count) fields but the header has "
            + "\(reader.header.count); check quoting and the delimiter")
      }
      let user = fields[userColumn].trimmingCharacters(in: .whitespaces)
      let item = fields[itemColumn].trimmingCharacters(in: .whitespaces)
      for (value, column) in [(user, columns.user), (item, columns.item)] where value.isEmpty {
        throw RecommendationError.invalidField(
          path: path, line: record.line, column: column, value: value,
          reason: "empty id; remove the row or fill in the id")
      }
      var weight: Float = 1
      if let weightColumn, let name = columns.weight {
        let text = fields[weightColumn].trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
          guard let value = Double(text), value.isFinite else {
            throw RecommendationError.invalidField(
              path: path, line: record.line, column: name, value: text,
              reason: "the weight is not a number; fix the value or drop --weight to count "
                + "every row as one interaction")
          }
          weight = Float(value)
        }
      }
      var time: Double?
      if let timeColumn, let name = columns.time {
        let text = fields[timeColumn].trimmingCharacters(in: .whitespaces)
        guard let value = parseTime(text) else {
          throw RecommendationError.invalidField(
            path: path, line: record.line, column: name, value: text,
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
