extension FeatureEncoder {
  /// Encodes one row of raw strings into a caller-provided buffer of `width` floats.
  /// - Parameters:
  ///   - row: The row's values, laid out as `binding` says (the training header by default).
  ///   - binding: Column positions from `bind(header:)`; nil for the training layout.
  ///   - output: At least `width` floats; the first `width` are overwritten.
  /// - Throws: `TabularError.invalidValue` naming the column and value when a numeric field is
  ///   not a finite number (add the file and line with `located(path:line:)`).
  /// - Complexity: O(width + total length of the values read).
  public func transform(
    _ row: [String], binding: Binding? = nil, into output: UnsafeMutableBufferPointer<Float>
  ) throws {
    precondition(output.count >= width, "output buffer holds \(output.count) < \(width) floats")
    let indices = (binding ?? trainingBinding).columnIndices
    for f in 0..<fields.count {
      let original = row[indices[f]]
      var value = original
      try value.withUTF8 { bytes in
        try encode(field: f, bytes: bytes, string: original, into: output)
      }
    }
  }

  /// Encodes one row of raw strings (laid out as `binding` says, the training header by default).
  /// - Throws: `TabularError.invalidValue` naming the column and value.
  public func transform(_ row: [String], binding: Binding? = nil) throws -> [Float] {
    var result = [Float](repeating: 0, count: width)
    try result.withUnsafeMutableBufferPointer { try transform(row, binding: binding, into: $0) }
    return result
  }

  /// Encodes one streamed CSV row into a caller-provided buffer (the fast scoring path: no
  /// strings are created for numeric or hashed fields).
  /// - Throws: `TabularError.invalidValue` naming the column, value and the row's line.
  public func transform(
    _ row: CSVRow, binding: Binding, into output: UnsafeMutableBufferPointer<Float>
  ) throws {
    precondition(output.count >= width, "output buffer holds \(output.count) < \(width) floats")
    precondition(binding.columnIndices.count == fields.count, "binding from another encoder")
    do {
      try row.withUnsafeFields { bytes, ends in
        guard let base = bytes.baseAddress else { return }
        for f in 0..<plan.kinds.count {
          let column = binding.columnIndices[f]
          precondition(
            column < row.count, "row has \(row.count) fields, binding needs \(column + 1)")
          let start = column == 0 ? 0 : ends[column - 1]
          let value = UnsafeBufferPointer(start: base + start, count: ends[column] - start)
          try encode(field: f, bytes: value, string: nil, into: output)
        }
      }
    } catch let error as TabularError {
      throw error.located(path: nil, line: row.line)
    }
  }

  /// Encodes rows of a table into a row-major matrix (`rows.count × width` floats).
  /// - Parameters:
  ///   - table: The data; it must contain every field.
  ///   - rows: Which rows, in order (all when nil).
  /// - Throws: `TabularError` naming file, line, column and value for a bad number, or a
  ///   missing column.
  public func transform(_ table: DataTable, rows: [Int]? = nil) throws -> [Float] {
    let binding = try bind(header: table.header)
    let selected = rows ?? Array(0..<table.rowCount)
    var result = [Float](repeating: 0, count: selected.count * width)
    try result.withUnsafeMutableBufferPointer { all in
      guard let base = all.baseAddress else { return }
      for (r, row) in selected.enumerated() {
        let output = UnsafeMutableBufferPointer(start: base + r * width, count: width)
        try encode(table: table, binding: binding, row: row, into: output)
      }
    }
    return result
  }

  /// Encodes every row of a table into compact storage: the same values as
  /// `transform(_:rows:)`, but a one-hot or hashed field keeps only the position of its 1
  /// (about a quarter of the memory for the credit-default data; see `EncodedRows`).
  /// - Throws: `TabularError` naming file, line, column and value for a bad number, or a
  ///   missing column.
  /// - Complexity: O(rows × width).
  public func transformCompact(_ table: DataTable) throws -> EncodedRows {
    let binding = try bind(header: table.header)
    var denseColumns: [Int] = []
    for f in fields.indices where plan.kinds[f] == 0 {
      denseColumns.append(plan.offsets[f])
      if plan.indicators[f] { denseColumns.append(plan.offsets[f] + 1) }
    }
    var rows = EncodedRows(
      width: width, count: table.rowCount, denseColumns: denseColumns,
      hotCount: plan.kinds.filter { $0 != 0 }.count)
    var scratch = [Float](repeating: 0, count: width)
    try scratch.withUnsafeMutableBufferPointer { output in
      for row in 0..<table.rowCount {
        try encode(table: table, binding: binding, row: row, into: output)
        rows.pack(row: row, from: UnsafeBufferPointer(output), plan: plan)
      }
    }
    return rows
  }

  /// Encodes row `row` of a table into `output` (`width` floats).
  private func encode(
    table: DataTable, binding: Binding, row: Int, into output: UnsafeMutableBufferPointer<Float>
  ) throws {
    for f in 0..<fields.count {
      let original = table.columns[binding.columnIndices[f]][row]
      var value = original
      do {
        try value.withUTF8 { bytes in
          try encode(field: f, bytes: bytes, string: original, into: output)
        }
      } catch let error as TabularError {
        throw error.located(path: table.source, line: table.lineNumbers[row])
      }
    }
  }

  /// Writes field `f`'s columns. `string` is the value when the caller already has it.
  @inline(__always)
  private func encode(
    field f: Int, bytes: UnsafeBufferPointer<UInt8>, string: String?,
    into output: UnsafeMutableBufferPointer<Float>
  ) throws {
    let o = plan.offsets[f]
    let size = plan.sizes[f]
    switch plan.kinds[f] {
    case 0:
      if MissingValues.isMissing(bytes: bytes) {
        output[o] = 0
        if plan.indicators[f] { output[o + 1] = 1 }
        return
      }
      let format = plan.formats[f]
      guard let x = Self.number(bytes, format: format), x.isFinite else {
        throw Self.numericError(
          column: fields[f].name, value: string ?? String(decoding: bytes, as: UTF8.self),
          format: format)
      }
      output[o] = Float((x - plan.means[f]) / plan.deviations[f])
      if plan.indicators[f] { output[o + 1] = 0 }
    case 1:
      for k in 0...size { output[o + k] = 0 }
      let key: String
      if MissingValues.isMissing(bytes: bytes) {
        key = "(missing)"
      } else {
        key = string ?? String(decoding: bytes, as: UTF8.self)
      }
      output[o + (categoryIndex[f][key] ?? size)] = 1
    default:
      for k in 0..<size { output[o + k] = 0 }
      let hash =
        MissingValues.isMissing(bytes: bytes) ? Self.fnv1a("(missing)") : Self.fnv1a(bytes)
      output[o + Int(hash % UInt64(size))] = 1
    }
  }

  /// 64-bit FNV-1a (Fowler, Noll, Vo): stable across runs and platforms, unlike `Hasher`.
  static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      hash ^= UInt64(b)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }

  static func fnv1a(_ text: String) -> UInt64 {
    var copy = text
    return copy.withUTF8 { fnv1a($0) }
  }
}
