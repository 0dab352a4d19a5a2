import Foundation

/// Streams a CSV file through a model in batches: constant memory, one output row per input
/// row, in input order (so it works behind `xargs -P`, Spark's `RDD.pipe` or Ray).
public enum TextPredictionStream {
  /// Reads `input` (`-` = stdin) in batches of `batchSize` rows, calls `score` with the texts
  /// and the raw rows of each batch and writes the rows it returns to `output` (`-` = stdout).
  /// - Parameters:
  ///   - header: output column names.
  ///   - score: turns a batch into output rows (one per input row, same order).
  /// - Returns: number of rows written.
  /// - Throws: input errors with file and line; a file output is only moved into place when
  ///   everything succeeded.
  @discardableResult
  public static func run(
    input: String, output: String, textColumn: String, keepColumns: [String],
    header: [String], batchSize: Int = 4096,
    score: (_ texts: [String], _ kept: [[String]], _ firstRow: Int) throws -> [[String]]
  ) throws -> Int {
    let reader = try TextCSVReader(path: input)
    let t = try reader.column(textColumn, option: "--text")
    let keep = try keepColumns.map { try reader.column($0, option: "--id") }
    let writer = try TextCSVWriter(path: output)
    writer.write(header)
    var texts: [String] = []
    var kept: [[String]] = []
    var rows = 0
    func flushBatch() throws {
      guard !texts.isEmpty else { return }
      for row in try score(texts, kept, rows) { writer.write(row) }
      rows += texts.count
      texts.removeAll(keepingCapacity: true)
      kept.removeAll(keepingCapacity: true)
      writer.flush()
    }
    let needed = ([t] + keep).max() ?? 0
    while let record = try reader.nextRecord() {
      guard record.fields.count > needed else {
        throw TextClassificationError.invalidInput(
          "\(reader.displayName) line \(record.line): \(record.fields.count) fields but the "
            + "header has \(reader.header.count); check quoting or the separator")
      }
      texts.append(record.fields[t])
      kept.append(keep.map { record.fields[$0] })
      if texts.count >= batchSize { try flushBatch() }
    }
    try flushBatch()
    try writer.finish()
    return rows
  }
}
