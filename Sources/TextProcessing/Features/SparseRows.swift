/// Rows of a sparse matrix in compressed-row form: row `r` holds `indices[offsets[r]..<offsets[r+1]]`
/// with `values` at the same positions. This is also the batch layout of an `EmbeddingBag`
/// (ids, offsets, per-id weights).
public struct SparseRows: Sendable, Equatable {
  /// Start of each row in `indices`/`values`, plus the end; `offsets.count == count + 1`.
  public var offsets: [Int]
  /// Column (feature) indices.
  public var indices: [Int32]
  /// Values, one per index.
  public var values: [Float]

  /// Creates an empty matrix.
  public init() {
    offsets = [0]
    indices = []
    values = []
  }

  /// Creates a matrix from compressed-row arrays.
  /// - Precondition: `offsets` starts at 0, is non-decreasing and ends at `indices.count`.
  public init(offsets: [Int], indices: [Int32], values: [Float]) {
    precondition(offsets.first == 0 && offsets.last == indices.count && indices.count == values.count)
    self.offsets = offsets
    self.indices = indices
    self.values = values
  }

  /// Number of rows.
  public var count: Int { offsets.count - 1 }
  /// Number of stored entries.
  public var nonzeroCount: Int { indices.count }

  /// Appends one row.
  public mutating func appendRow<I: Sequence, V: Sequence>(indices i: I, values v: V)
  where I.Element == Int32, V.Element == Float {
    indices.append(contentsOf: i)
    values.append(contentsOf: v)
    precondition(indices.count == values.count)
    offsets.append(indices.count)
  }

  /// Appends all rows of `other`.
  public mutating func append(contentsOf other: SparseRows) {
    let base = indices.count
    indices.append(contentsOf: other.indices)
    values.append(contentsOf: other.values)
    offsets.append(contentsOf: other.offsets.dropFirst().map { $0 + base })
  }

  /// The rows at `rows`, in that order.
  public func rows<S: Sequence>(_ rows: S) -> SparseRows where S.Element == Int {
    var out = SparseRows()
    for r in rows {
      out.appendRow(indices: indices[offsets[r]..<offsets[r + 1]],
        values: values[offsets[r]..<offsets[r + 1]])
    }
    return out
  }
}
