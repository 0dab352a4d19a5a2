/// A reusable, allocation-free view of one CSV record's fields as bytes.
///
/// Pass the same row to `CSVReader.nextRow(into:)` for every record: its storage grows to the
/// largest record once and is then reused, so streaming a file creates no `String` unless you
/// ask for one with `string(at:)`.
public struct CSVRow: Sendable {
  private var storage: [UInt8] = []
  private var ends: [Int] = []
  /// Number of fields in the record.
  public private(set) var count = 0
  /// The 1-based physical line the record starts on.
  public private(set) var line = 0

  /// Creates an empty row to be filled by `CSVReader.nextRow(into:)`.
  public init() {}

  /// Creates a row from strings (tests and callers that already hold values).
  public init(fields: [String], line: Int = 0) {
    for field in fields {
      storage.append(contentsOf: field.utf8)
      ends.append(storage.count)
    }
    count = fields.count
    self.line = line
  }

  mutating func load(from parser: CSVParser) {
    let bytes = parser.recordBytes
    if storage.count < bytes.count {
      storage = [UInt8](repeating: 0, count: max(bytes.count, storage.count * 2, 256))
    }
    if ends.count < parser.fieldCount {
      ends = [Int](repeating: 0, count: max(parser.fieldCount, 16))
    }
    storage.withUnsafeMutableBufferPointer { target in
      if let base = target.baseAddress, let source = bytes.baseAddress {
        base.update(from: source, count: bytes.count)
      }
    }
    ends.withUnsafeMutableBufferPointer { target in
      if let base = target.baseAddress {
        base.update(from: parser.ends, count: parser.fieldCount)
      }
    }
    count = parser.fieldCount
    line = parser.recordLine
  }

  /// Calls `body` with the raw UTF-8 bytes of field `index`.
  @inlinable
  public func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R)
    rethrows -> R
  {
    precondition(index >= 0 && index < count, "field index \(index) out of range 0..<\(count)")
    let range = byteRange(index)
    return try storageBytes { all in
      try body(UnsafeBufferPointer(rebasing: all[range]))
    }
  }

  @usableFromInline
  func byteRange(_ index: Int) -> Range<Int> {
    (index == 0 ? 0 : ends[index - 1])..<ends[index]
  }

  @usableFromInline
  func storageBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try storage.withUnsafeBufferPointer(body)
  }

  /// Calls `body` with all field bytes and the end offset of each field (fast internal access).
  func withUnsafeFields<R>(
    _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) throws -> R
  ) rethrows -> R {
    try storage.withUnsafeBufferPointer { bytes in
      try ends.withUnsafeBufferPointer { ends in try body(bytes, ends) }
    }
  }

  /// Field `index` as a string.
  public func string(at index: Int) -> String {
    withBytes(at: index) { String(decoding: $0, as: UTF8.self) }
  }

  /// Field `index` as a string.
  public subscript(index: Int) -> String { string(at: index) }

  /// Every field as strings.
  public var fields: [String] { (0..<count).map { string(at: $0) } }

  /// Whether field `index` is a missing-value token (see `MissingValues`).
  public func isMissing(at index: Int) -> Bool {
    withBytes(at: index) { MissingValues.isMissing(bytes: $0) }
  }

  /// Field `index` parsed as a number (surrounding spaces allowed), or nil if it is not one.
  /// `nan` and `inf` parse to non-finite values; callers decide whether to accept them.
  public func number(at index: Int) -> Double? {
    withBytes(at: index) { NumberParsing.parse($0) }
  }
}
