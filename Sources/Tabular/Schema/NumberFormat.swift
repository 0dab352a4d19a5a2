/// How the numbers of one column are written when they are not plain decimals: a thousands
/// separator, a decimal comma, a currency sign, a percent sign, negatives in parentheses.
///
/// `SchemaInference` picks one format per column from the training values (`infer`), stores it
/// in the schema and the fitted encoder, and `parse` reads every later value, at training and at
/// scoring time, the same way. Accepted spellings under a format:
/// - an optional sign (`-`, `+`, `−`) before or after the currency sign, or the whole value in
///   parentheses for a negative (`(1,234)`, accounting style);
/// - the column's currency sign (if any) before or after the number, with or without a space;
///   it may also be left out;
/// - digits with the column's grouping separator between groups of three (the first group 1–3
///   digits; grouping is optional per value), then the decimal separator and digits;
/// - with `percent`, a final `%` on every value; the number is divided by 100 (`12%` → 0.12).
///
/// ```swift
/// let format = NumberFormat.infer(["$1,234.50", "$99", "($5.00)"], delimiter: UInt8(ascii: ","))
/// format?.parse("$2,000")   // 2000.0
/// ```
public struct NumberFormat: Codable, Sendable, Hashable, CustomStringConvertible {
  /// The decimal separator: "." or ",".
  public var decimalSeparator: String
  /// The thousands separator: "" (none), ",", ".", " " (any space, including no-break spaces)
  /// or "'" (also `’`).
  public var groupingSeparator: String
  /// The currency sign seen in training (`$`, `€`, `EUR`, ...), if any.
  public var currency: String?
  /// Whether the sign follows the number (`12 €`) in the training values (for display only).
  public var currencyAfter: Bool
  /// Whether every value ends in `%` and is read as a fraction (`12%` → 0.12).
  public var percent: Bool

  /// Creates a format.
  public init(
    decimalSeparator: String = ".", groupingSeparator: String = "", currency: String? = nil,
    currencyAfter: Bool = false, percent: Bool = false
  ) {
    self.decimalSeparator = decimalSeparator
    self.groupingSeparator = groupingSeparator
    self.currency = currency
    self.currencyAfter = currencyAfter
    self.percent = percent
  }

  /// An example value in this format, such as `$1,234.50` or `1.234,50 €`.
  public var description: String {
    var number = "1" + groupingSeparator + "234" + decimalSeparator + "50"
    if percent { number = "12" + decimalSeparator + "5%" }
    guard let currency else { return number }
    let spaced = currency.unicodeScalars.allSatisfy(\.properties.isAlphabetic)
    if currencyAfter { return number + " " + currency }
    return currency + (spaced ? " " : "") + number
  }

  /// Currency signs recognised before or after a number, longest first so that `US$` wins
  /// over `$`.
  static let currencySigns: [[UInt8]] = [
    "US$", "CA$", "AU$", "R$", "CHF", "USD", "EUR", "GBP", "JPY", "CNY", "INR", "$", "€", "£",
    "¥", "₹", "₩", "₽", "₺", "₪", "₫", "฿", "₦", "zł", "kr",
  ].map { Array($0.utf8) }

  // MARK: Parsing

  /// Parses `text` under this format; nil when it does not fit (or is not finite).
  public func parse(_ text: String) -> Double? {
    var copy = text
    return copy.withUTF8 { parse(bytes: $0) }
  }

  /// Parses UTF-8 bytes under this format; nil when they do not fit.
  public func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard let parts = NumberParts(bytes) else { return nil }
    if let sign = parts.currency, sign != currency.map({ Array($0.utf8) }) { return nil }
    if parts.percent != percent { return nil }
    guard let value = Self.body(parts.body, decimal: decimalSeparator, grouping: groupingSeparator)
    else { return nil }
    let scaled = percent ? value / 100 : value
    return parts.negative ? -scaled : scaled
  }

  /// The digits of `body` read with the given separators, or nil.
  static func body(_ body: [UInt8], decimal: String, grouping: String) -> Double? {
    let decimalByte = decimal == "," ? UInt8(ascii: ",") : UInt8(ascii: ".")
    var plain: [UInt8] = []
    plain.reserveCapacity(body.count)
    var groupLengths: [Int] = []
    var run = 0
    var sawDecimal = false
    var sawDigit = false
    var i = 0
    while i < body.count {
      let b = body[i]
      if b &- 48 < 10 {
        plain.append(b)
        run += 1
        sawDigit = true
        i += 1
        continue
      }
      if b == decimalByte && !sawDecimal {
        sawDecimal = true
        groupLengths.append(run)
        run = 0
        plain.append(UInt8(ascii: "."))
        i += 1
        continue
      }
      let width = groupingWidth(body, at: i, grouping: grouping)
      guard width > 0, !sawDecimal else { return nil }
      groupLengths.append(run)
      run = 0
      i += width
      // Another separator or the end must not follow directly.
      guard i < body.count, body[i] &- 48 < 10 else { return nil }
    }
    if !sawDecimal { groupLengths.append(run) }
    guard sawDigit else { return nil }
    // `groupLengths` holds the digit runs of the integer part; when it was grouped, the first
    // run has 1-3 digits and every later one exactly 3.
    if groupLengths.count > 1 {
      guard (1...3).contains(groupLengths[0]), groupLengths.dropFirst().allSatisfy({ $0 == 3 })
      else { return nil }
    }
    guard let value = plain.withUnsafeBufferPointer({ NumberParsing.parse($0) }), value.isFinite
    else { return nil }
    return value
  }

  /// The byte length of a grouping separator at `i`, or 0.
  static func groupingWidth(_ body: [UInt8], at i: Int, grouping: String) -> Int {
    let b = body[i]
    switch grouping {
    case ",": return b == UInt8(ascii: ",") ? 1 : 0
    case ".": return b == UInt8(ascii: ".") ? 1 : 0
    case "'":
      if b == UInt8(ascii: "'") { return 1 }
      // U+2019 right single quotation mark.
      if b == 0xE2 && i + 2 < body.count && body[i + 1] == 0x80 && body[i + 2] == 0x99 {
        return 3
      }
      return 0
    case " ":
      if b == 32 { return 1 }
      // U+00A0 no-break space, U+202F narrow no-break space, U+2009 thin space.
      if b == 0xC2 && i + 1 < body.count && body[i + 1] == 0xA0 { return 2 }
      if b == 0xE2 && i + 2 < body.count && body[i + 1] == 0x80
        && (body[i + 2] == 0xAF || body[i + 2] == 0x89)
      {
        return 3
      }
      return 0
    default: return 0
    }
  }

  // MARK: Inference

  /// The candidate (decimal, grouping) pairs, in order of preference for a file whose
  /// delimiter is `,` (decimal point first) or another one (decimal comma first).
  static func candidates(delimiter: UInt8) -> [(String, String)] {
    let point: [(String, String)] = [(".", ""), (".", ","), (".", " "), (".", "'")]
    let comma: [(String, String)] = [(",", ""), (",", "."), (",", " "), (",", "'")]
    return delimiter == UInt8(ascii: ",") ? point + comma : comma + point
  }

  /// The one format under which every non-missing value parses, or nil when there is none.
  ///
  /// Every value must use the same currency sign (or none), and either all or none end in `%`.
  /// When several separator conventions fit every value (`1,234` alone is a thousand or one
  /// point two), a comma-delimited file prefers the decimal point and any other delimiter the
  /// decimal comma. Plain numbers fit every format, so call this only when some value is not a
  /// plain number.
  /// - Complexity: O(total length × 8).
  public static func infer(_ values: [String], delimiter: UInt8) -> NumberFormat? {
    var alive = candidates(delimiter: delimiter)
    var currency: [UInt8]? = nil
    var currencyAfter = false
    var percent: Bool? = nil
    var sawValue = false
    for value in values {
      if MissingValues.isMissing(value) { continue }
      var copy = value
      guard let parts = copy.withUTF8({ NumberParts($0) }) else { return nil }
      if let sign = parts.currency {
        if let seen = currency, seen != sign { return nil }
        if currency == nil { currencyAfter = parts.currencyAfter }
        currency = sign
      }
      if let seen = percent, seen != parts.percent { return nil }
      percent = parts.percent
      alive.removeAll { body(parts.body, decimal: $0.0, grouping: $0.1) == nil }
      if alive.isEmpty { return nil }
      sawValue = true
    }
    guard sawValue, let best = alive.first else { return nil }
    return NumberFormat(
      decimalSeparator: best.0, groupingSeparator: best.1,
      currency: currency.map { String(decoding: $0, as: UTF8.self) },
      currencyAfter: currencyAfter, percent: percent ?? false)
  }
}

/// A value split into sign, currency, percent and the remaining digits and separators.
struct NumberParts {
  var negative = false
  var currency: [UInt8]?
  var currencyAfter = false
  var percent = false
  var body: [UInt8] = []

  /// Splits `bytes`; nil when something other than digits, separators, one sign, one currency
  /// sign, parentheses and `%` is present.
  init?(_ bytes: UnsafeBufferPointer<UInt8>) {
    var lo = 0
    var hi = bytes.count
    func trim() {
      while lo < hi && (bytes[lo] == 32 || bytes[lo] == 9) { lo += 1 }
      while hi > lo && (bytes[hi - 1] == 32 || bytes[hi - 1] == 9) { hi -= 1 }
      // No-break spaces around a value (`12 €` with U+00A0).
      while hi - lo >= 2 && bytes[lo] == 0xC2 && bytes[lo + 1] == 0xA0 { lo += 2 }
      while hi - lo >= 2 && bytes[hi - 2] == 0xC2 && bytes[hi - 1] == 0xA0 { hi -= 2 }
    }
    trim()
    guard lo < hi else { return nil }
    if bytes[lo] == UInt8(ascii: "(") && bytes[hi - 1] == UInt8(ascii: ")") {
      negative = true
      lo += 1
      hi -= 1
      trim()
    }
    func takeSign() -> Bool {
      guard lo < hi else { return false }
      if bytes[lo] == UInt8(ascii: "-") || bytes[lo] == UInt8(ascii: "+") {
        if bytes[lo] == UInt8(ascii: "-") { negative.toggle() }
        lo += 1
        trim()
        return true
      }
      // U+2212 minus sign.
      if hi - lo >= 3 && bytes[lo] == 0xE2 && bytes[lo + 1] == 0x88 && bytes[lo + 2] == 0x92 {
        negative.toggle()
        lo += 3
        trim()
        return true
      }
      return false
    }
    func matches(_ sign: [UInt8], at start: Int) -> Bool {
      guard start >= lo, start + sign.count <= hi else { return false }
      for k in 0..<sign.count where bytes[start + k] != sign[k] { return false }
      return true
    }
    var signed = takeSign()
    if hi > lo && bytes[hi - 1] == UInt8(ascii: "%") {
      percent = true
      hi -= 1
      trim()
    }
    for sign in NumberFormat.currencySigns {
      if matches(sign, at: lo) {
        currency = sign
        lo += sign.count
        trim()
        break
      }
      if matches(sign, at: hi - sign.count) {
        currency = sign
        currencyAfter = true
        hi -= sign.count
        trim()
        break
      }
    }
    if !signed { signed = takeSign() }
    guard lo < hi else { return nil }
    // What is left: digits and separators only, starting and ending with a digit or separator.
    for k in lo..<hi {
      let b = bytes[k]
      let allowed =
        b &- 48 < 10 || b == UInt8(ascii: ",") || b == UInt8(ascii: ".") || b == 32
        || b == UInt8(ascii: "'") || b >= 0x80
      if !allowed { return nil }
    }
    body = Array(bytes[lo..<hi])
  }
}
