/// How a column writes the day and month of numeric dates such as `01/02/2024`.
public enum DateOrder: String, Codable, Sendable, CaseIterable {
  /// `2024-03-01` (ISO 8601; also `/` or `.` between the parts).
  case yearMonthDay = "Y-M-D"
  /// `03/01/2024` is 1 March (US).
  case monthDayYear = "M/D/Y"
  /// `01/03/2024` or `01.03.2024` is 1 March.
  case dayMonthYear = "D/M/Y"
}

/// Reads calendar dates in the spellings spreadsheets and exports use, and decides per column
/// whether `01/02/2024` means 2 January or 1 February.
///
/// Accepted (an optional time `HH:MM[:SS[.fff]]` with `AM`/`PM`, `Z` or `±HH:MM` may follow
/// after a space or `T`):
/// - `2024-03-01`, `2024/03/01`, `2024.03.01`, `2024-03-01T12:00:00Z`;
/// - `03/01/2024`, `1-3-2024`, `01.03.2024` (day and month of one or two digits, a 4-digit year);
/// - `1 Mar 2024`, `01-Mar-2024`, `1 March 2024`, `Mar 1, 2024`, `March 1 2024` (English month
///   names or their first three letters, any case).
///
/// Per column (`inferOrder`): if any numeric date has a first part above 12 the column is
/// day/month/year; else if any has a second part above 12 it is month/day/year; else a column
/// written with dots (`01.03.2024`) is day/month/year and one written with `/` or `-` is
/// month/day/year. A column where both parts exceed 12 somewhere is not a date column.
public enum DateParsing {
  /// The parts of one date, before the day/month order is applied.
  struct Shape {
    enum Kind {
      /// Year first: `first` is the month, `second` the day.
      case yearFirst
      /// Day and month in some order, then the year.
      case numeric(dots: Bool)
      /// The month is a name: `first` is the month, `second` the day.
      case named
    }
    var kind: Kind
    var year: Int
    var first: Int
    var second: Int
    /// Seconds since midnight, or 0.
    var seconds: Double
  }

  static let monthNames = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  ].map { Array($0.utf8) }

  /// The date of `text` as seconds since 1970-01-01 UTC, or nil if it is not a date.
  /// - Parameters:
  ///   - text: The value.
  ///   - order: How to read numeric dates such as `01/02/2024` (from `inferOrder`).
  public static func parse(_ text: String, order: DateOrder) -> Double? {
    guard let shape = shape(text) else { return nil }
    var month = shape.first
    var day = shape.second
    if case .numeric = shape.kind, order == .dayMonthYear { swap(&month, &day) }
    guard (1...12).contains(month), (1...daysIn(month: month, year: shape.year)).contains(day)
    else { return nil }
    return Double(daysFromCivil(year: shape.year, month: month, day: day)) * 86_400 + shape.seconds
  }

  /// The order that reads every non-missing value of a column as a date, or nil when some value
  /// is not a date (or the column contradicts itself, `13/01/2024` next to `01/13/2024`).
  public static func inferOrder(_ values: [String]) -> DateOrder? {
    var firstOver12 = false
    var secondOver12 = false
    var numeric = false
    var allDots = true
    var sawValue = false
    for value in values where !MissingValues.isMissing(value) {
      guard let s = shape(value) else { return nil }
      sawValue = true
      if case .numeric(let dots) = s.kind {
        numeric = true
        if !dots { allDots = false }
        if s.first > 12 { firstOver12 = true }
        if s.second > 12 { secondOver12 = true }
        if s.first > 31 || s.second > 31 || (s.first > 12 && s.second > 12) { return nil }
      }
    }
    guard sawValue else { return nil }
    let order: DateOrder
    if !numeric {
      order = .yearMonthDay
    } else if firstOver12 && secondOver12 {
      return nil
    } else if firstOver12 {
      order = .dayMonthYear
    } else if secondOver12 {
      order = .monthDayYear
    } else {
      order = allDots ? .dayMonthYear : .monthDayYear
    }
    // Every value must also be a real calendar date in that order (no 31 April).
    for value in values where !MissingValues.isMissing(value) {
      if parse(value, order: order) == nil { return nil }
    }
    return order
  }

  // MARK: Scanning

  /// Splits a value into its date parts and time of day.
  static func shape(_ text: String) -> Shape? {
    let bytes = Array(text.utf8)
    var lo = 0
    var hi = bytes.count
    while lo < hi && (bytes[lo] == 32 || bytes[lo] == 9) { lo += 1 }
    while hi > lo && (bytes[hi - 1] == 32 || bytes[hi - 1] == 9) { hi -= 1 }
    guard hi - lo >= 6, hi - lo <= 40 else { return nil }
    var scanner = Scanner(bytes: Array(bytes[lo..<hi]))
    guard var shape = scanner.date() else { return nil }
    if scanner.atEnd { return shape }
    // A time after `T` or a space.
    guard scanner.skip(UInt8(ascii: "T")) || scanner.skipSpaces(), let seconds = scanner.time(),
      scanner.atEnd
    else { return nil }
    shape.seconds = seconds
    return shape
  }

  struct Scanner {
    let bytes: [UInt8]
    var p = 0

    var atEnd: Bool { p == bytes.count }

    mutating func skip(_ byte: UInt8) -> Bool {
      guard p < bytes.count, bytes[p] == byte else { return false }
      p += 1
      return true
    }

    mutating func skipSpaces() -> Bool {
      let start = p
      while p < bytes.count && bytes[p] == 32 { p += 1 }
      return p > start
    }

    /// Up to `maximum` digits (at least one); the value and how many there were.
    mutating func digits(maximum: Int) -> (value: Int, count: Int)? {
      var value = 0
      var count = 0
      while p < bytes.count, count < maximum, bytes[p] &- 48 < 10 {
        value = value * 10 + Int(bytes[p] &- 48)
        count += 1
        p += 1
      }
      if count == 0 { return nil }
      // More digits than allowed: not this shape.
      if p < bytes.count && bytes[p] &- 48 < 10 { return nil }
      return (value, count)
    }

    /// A month name (or its first three letters), 1-12.
    mutating func monthName() -> Int? {
      var end = p
      while end < bytes.count, (bytes[end] | 0x20) &- UInt8(ascii: "a") < 26 { end += 1 }
      let word = bytes[p..<end].map { $0 | 0x20 }
      guard word.count >= 3 else { return nil }
      for (k, name) in DateParsing.monthNames.enumerated() {
        if word.count == 3
          ? name.starts(with: word)
          : (name == word || (word.count == 4 && word == Array("sept".utf8) && k == 8))
        {
          p = end
          return k + 1
        }
      }
      return nil
    }

    mutating func date() -> Shape? {
      let start = p
      if let year = digits(maximum: 4), year.count == 4 {
        // 2024-03-01, 2024/03/01, 2024.03.01
        guard p < bytes.count else { return nil }
        let separator = bytes[p]
        guard [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")].contains(separator)
        else { return nil }
        p += 1
        guard let month = digits(maximum: 2), skip(separator), let day = digits(maximum: 2)
        else { return nil }
        return Shape(
          kind: .yearFirst, year: year.value, first: month.value, second: day.value,
          seconds: 0)
      }
      p = start
      if let first = digits(maximum: 2) {
        guard p < bytes.count else { return nil }
        let separator = bytes[p]
        if [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")].contains(separator) {
          p += 1
          if let second = digits(maximum: 2) {
            // 03/01/2024, 01.03.2024
            guard skip(separator), let year = digits(maximum: 4), year.count == 4 else {
              return nil
            }
            return Shape(
              kind: .numeric(dots: separator == UInt8(ascii: ".")), year: year.value,
              first: first.value, second: second.value, seconds: 0)
          }
          // 01-Mar-2024
          guard let month = monthName(), skip(separator), let year = digits(maximum: 4),
            year.count == 4
          else { return nil }
          return Shape(
            kind: .named, year: year.value, first: month, second: first.value,
            seconds: 0)
        }
        // 1 Mar 2024, 1 March 2024
        guard skipSpaces(), let month = monthName() else { return nil }
        _ = skip(UInt8(ascii: ","))
        guard skipSpaces(), let year = digits(maximum: 4), year.count == 4 else { return nil }
        return Shape(
          kind: .named, year: year.value, first: month, second: first.value,
          seconds: 0)
      }
      p = start
      // Mar 1, 2024 / March 1 2024
      guard let month = monthName(), skipSpaces(), let day = digits(maximum: 2) else {
        return nil
      }
      _ = skip(UInt8(ascii: ","))
      guard skipSpaces(), let year = digits(maximum: 4), year.count == 4 else { return nil }
      return Shape(kind: .named, year: year.value, first: month, second: day.value, seconds: 0)
    }

    /// `HH:MM[:SS[.fff]]` with optional ` AM`/` PM`, `Z` or `±HH[:]MM`; seconds since midnight.
    mutating func time() -> Double? {
      guard let hour = digits(maximum: 2), skip(UInt8(ascii: ":")),
        let minute = digits(maximum: 2), minute.count == 2, minute.value < 60
      else { return nil }
      var h = hour.value
      var seconds = Double(minute.value * 60)
      if skip(UInt8(ascii: ":")) {
        guard let second = digits(maximum: 2), second.count == 2, second.value <= 60 else {
          return nil
        }
        seconds += Double(second.value)
        if skip(UInt8(ascii: ".")) {
          var scale = 0.1
          var any = false
          while p < bytes.count, bytes[p] &- 48 < 10 {
            seconds += Double(bytes[p] &- 48) * scale
            scale /= 10
            any = true
            p += 1
          }
          if !any { return nil }
        }
      }
      let beforeSuffix = p
      _ = skipSpaces()
      if p + 1 < bytes.count, bytes[p + 1] | 0x20 == UInt8(ascii: "m"),
        bytes[p] | 0x20 == UInt8(ascii: "a") || bytes[p] | 0x20 == UInt8(ascii: "p")
      {
        guard (1...12).contains(h) else { return nil }
        let pm = bytes[p] | 0x20 == UInt8(ascii: "p")
        h = h % 12 + (pm ? 12 : 0)
        p += 2
      } else {
        p = beforeSuffix
      }
      guard h < 24 else { return nil }
      seconds += Double(h * 3600)
      if skip(UInt8(ascii: "Z")) { return seconds }
      if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") {
        let sign: Double = bytes[p] == UInt8(ascii: "+") ? 1 : -1
        p += 1
        guard let offsetHours = digits(maximum: 2), offsetHours.count == 2 else { return nil }
        _ = skip(UInt8(ascii: ":"))
        guard let offsetMinutes = digits(maximum: 2), offsetMinutes.count == 2 else {
          return nil
        }
        seconds -= sign * Double(offsetHours.value * 3600 + offsetMinutes.value * 60)
      }
      return seconds
    }
  }

  // MARK: Calendar

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible
  /// low-level date algorithms").
  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
