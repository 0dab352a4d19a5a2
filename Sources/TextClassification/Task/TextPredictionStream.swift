import Foundation
import Tabular

/// Streams a CSV file through a model in batches: constant memory, one output row per input
/// row, in input order (so it works behind `xargs -P`, Spark's `RDD.pipe` or Ray).
public enum TextPredictionStream {
  /// Reads `input` (`-` = stdin) in batches of `batchSize` rows, calls `score` with the texts
  /// and the raw rows of each batch and writes the rows it returns to `output` (`-` = stdout).
  /// - Parameters:
  ///   - keepColumns: columns handed to `score` per row (named by `--id` in errors).
  ///   - extraColumns: more columns handed to `score` after `keepColumns`, with the option that
  ///     named each (for error messages).
  ///   - header: output column names.
  ///   - score: turns a batch into output rows (one per input row, same order).
  /// - Returns: number of rows written.
  /// - Throws: input errors naming the file, line and column (`Tabular.TabularError`); a file
  ///   output is only moved into place when everything succeeded.
  @discardableResult
  public static func run(
    input: String, output: String, textColumn: String, keepColumns: [String],
    extraColumns: [(name: String, option: String)] = [], header: [String],
    batchSize: Int = 4096,
    score: (_ texts: [String], _ kept: [[String]], _ firstRow: Int) throws -> [[String]]
  ) throws -> Int {
    var reader = try CSVReader(path: input)
    let t = try TextDataset.column(textColumn, in: reader, option: "--text")
    let keep = try keepColumns.map { try TextDataset.column($0, in: reader, option: "--id") }
      + extraColumns.map { try TextDataset.column($0.name, in: reader, option: $0.option) }
    let writer = try CSVWriter(path: output, guardsFormulas: true)
    try writer.writeRow(header)
    var texts: [String] = []
    var kept: [[String]] = []
    var rows = 0
    func flushBatch() throws {
      guard !texts.isEmpty else { return }
      for row in try score(texts, kept, rows) { try writer.writeRow(row) }
      rows += texts.count
      texts.removeAll(keepingCapacity: true)
      kept.removeAll(keepingCapacity: true)
      try writer.flush()
    }
    var row = CSVRow()
    while try reader.nextRow(into: &row) {
      texts.append(row.string(at: t))
      kept.append(keep.map { row.string(at: $0) })
      if texts.count >= batchSize { try flushBatch() }
    }
    try flushBatch()
    try writer.finish()
    return rows
  }
}
