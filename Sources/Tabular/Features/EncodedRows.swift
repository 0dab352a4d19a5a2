/// Encoded rows stored compactly: the numeric output columns as floats and, for every one-hot or
/// hashed field, only the position of its single 1.
///
/// A credit-default row encodes to 102 floats (408 bytes), 88 of them one-hot zeros and ones;
/// stored this way it takes 14 floats and 9 positions (92 bytes). `expand(row:into:)` rebuilds
/// exactly the floats `FeatureEncoder.transform(_:rows:)` writes, bit for bit, so a model trained
/// from these rows is the same as one trained from the dense matrix.
///
/// ```swift
/// let rows = try encoder.transformCompact(table)
/// var x = [Float](repeating: 0, count: rows.width)
/// x.withUnsafeMutableBufferPointer { rows.expand(row: 0, into: $0) }
/// ```
public struct EncodedRows: Sendable, Equatable {
  /// Length of an expanded row (`FeatureEncoder.width`).
  public let width: Int
  /// Number of rows.
  public let count: Int
  /// Output columns stored as floats (numeric values and missing indicators), in order.
  let denseColumns: [Int]
  /// `count × denseColumns.count` floats, row-major.
  var denseValues: [Float]
  /// Number of one-hot or hashed fields (one stored position each).
  let hotCount: Int
  /// `count × hotCount` output columns that hold 1, row-major.
  var hotColumns: [UInt32]

  /// Creates zeroed storage for `count` rows of an encoder's layout.
  init(width: Int, count: Int, denseColumns: [Int], hotCount: Int) {
    precondition(width <= Int(UInt32.max), "encoded width \(width) does not fit 32 bits")
    self.width = width
    self.count = count
    self.denseColumns = denseColumns
    self.hotCount = hotCount
    denseValues = [Float](repeating: 0, count: count * denseColumns.count)
    hotColumns = [UInt32](repeating: 0, count: count * hotCount)
  }

  /// Wraps a row-major dense matrix (`count × width` floats) without a compact layout.
  /// - Precondition: `dense.count` is a multiple of `width`.
  public init(dense: [Float], width: Int) {
    precondition(width > 0 && dense.count % width == 0, "\(dense.count) floats in rows of \(width)")
    self.width = width
    count = dense.count / width
    denseColumns = Array(0..<width)
    denseValues = dense
    hotCount = 0
    hotColumns = []
  }

  /// Bytes held per row (for memory reports).
  public var bytesPerRow: Int {
    denseColumns.count * MemoryLayout<Float>.size + hotCount * MemoryLayout<UInt32>.size
  }

  /// Writes row `row` as `width` floats (zeros, the numeric values, and a 1 per hot field).
  /// - Precondition: `output.count >= width` and `row` is in `0..<count`.
  /// - Complexity: O(width).
  public func expand(row: Int, into output: UnsafeMutableBufferPointer<Float>) {
    precondition(output.count >= width, "output buffer holds \(output.count) < \(width) floats")
    precondition(row >= 0 && row < count, "row \(row) out of 0..<\(count)")
    guard let target = output.baseAddress else { return }
    target.update(repeating: 0, count: width)
    let dense = denseColumns.count
    denseValues.withUnsafeBufferPointer { values in
      denseColumns.withUnsafeBufferPointer { columns in
        for k in 0..<dense { target[columns[k]] = values[row * dense + k] }
      }
    }
    hotColumns.withUnsafeBufferPointer { hot in
      for k in 0..<hotCount { target[Int(hot[row * hotCount + k])] = 1 }
    }
  }

  /// The given rows expanded into a row-major `rows.count × width` matrix.
  public func dense<S: Sequence<Int>>(rows: S) -> [Float] {
    var result: [Float] = []
    result.reserveCapacity(rows.underestimatedCount * width)
    var scratch = [Float](repeating: 0, count: width)
    for row in rows {
      scratch.withUnsafeMutableBufferPointer { expand(row: row, into: $0) }
      result.append(contentsOf: scratch)
    }
    return result
  }

  /// Stores a dense encoded row (as written by the encoder) as row `row`.
  mutating func pack(
    row: Int, from encoded: UnsafeBufferPointer<Float>, plan: EncodingPlan
  ) {
    let dense = denseColumns.count
    for k in 0..<dense { denseValues[row * dense + k] = encoded[denseColumns[k]] }
    var slot = row * hotCount
    for f in 0..<plan.kinds.count where plan.kinds[f] != 0 {
      // One-hot fields span size + 1 columns ("other" last), hashed ones size columns; the
      // encoder sets exactly one of them to 1.
      let start = plan.offsets[f]
      let end = start + plan.sizes[f] + (plan.kinds[f] == 1 ? 1 : 0)
      var hot = start
      while hot < end && encoded[hot] != 1 { hot += 1 }
      precondition(hot < end, "field \(f) has no active column")
      hotColumns[slot] = UInt32(hot)
      slot += 1
    }
  }
}
