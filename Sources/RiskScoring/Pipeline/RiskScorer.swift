import Dispatch
import Foundation
import NeuralCore
import Tabular

/// Streams a CSV file through a risk model: one output line per input line, in input order, in
/// constant memory (rows are processed in fixed-size batches).
///
/// Output columns: the row key (the model's id column, or `row` = 1-based data row number),
/// `probability` (calibrated, 6 decimals), `risk_band`, `decision`, for `credit` also `score`
/// (scorecard points), then `reason_1` … `reason_3`: the fields that raise the risk most, as
/// `field=value` (credit adds the points each reason costs).
public struct RiskScorer {
  /// The model used.
  public let model: RiskModel
  /// Rows per batch (memory is O(batchSize × fields)).
  public var batchSize: Int
  /// Number of reasons per row.
  public var reasonCount: Int

  /// Creates a scorer.
  public init(model: RiskModel, batchSize: Int = 4096, reasonCount: Int = 3) {
    self.model = model
    self.batchSize = max(1, batchSize)
    self.reasonCount = reasonCount
  }

  /// The output header.
  public func outputHeader(keyColumn: String) -> [String] {
    var header = [keyColumn, "probability", "risk_band", "decision"]
    if model.preset == .credit { header.append("score") }
    header += (1...max(1, reasonCount)).prefix(reasonCount).map { "reason_\($0)" }
    return header
  }

  /// Scores `input` ("-" = standard input) into `output` ("-" = standard output).
  ///
  /// Reading and encoding run on the calling thread; each full batch is then scored, explained
  /// and formatted on a worker while the next batch is read, and the formatted batches are
  /// written in input order. At most `pipelineDepth` batches are in flight, so memory stays
  /// O(pipelineDepth × batchSize × fields) and the output is byte-identical to a serial run.
  /// - Returns: the number of rows scored.
  /// - Throws: `TabularError` / `RiskScoringError` naming file, line and column; a file output is
  ///   written to a temporary file and renamed only on success, so a failed run leaves no file.
  @discardableResult
  public func score(input: String, output: String) throws -> Int {
    var reader = try CSVReader(path: input)
    let binding = try bind(header: reader.header, file: reader.path)
    let keyIndex = model.identifier.flatMap { reader.header.firstIndex(of: $0) }
    let writer = try CSVWriter(path: output, guardsFormulas: true)
    try writer.writeRow(outputHeader(keyColumn: keyIndex.map { reader.header[$0] } ?? "row"))
    let formatter = RiskRowFormatter(
      model: model, binding: binding, keyIndex: keyIndex, reasonCount: reasonCount,
      encoder: writer.encoder)
    let width = model.encoder.width
    let depth = pipelineDepth
    let queue = DispatchQueue.global(qos: .userInitiated)
    var inFlight: [ScoringBatch] = []  // dispatched, in input order
    var spare: [ScoringBatch] = []
    var total = 0

    /// Waits for the oldest batch in flight, writes it and keeps its buffers for reuse.
    func retireOldest() throws {
      let batch = inFlight.removeFirst()
      batch.done.wait()
      try writer.write(encoded: batch.output)
      spare.append(batch)
    }

    while true {
      let batch = spare.popLast() ?? ScoringBatch(capacity: batchSize, width: width)
      batch.firstRow = total
      batch.count = 0
      while batch.count < batchSize {
        guard try reader.nextRow(into: &batch.rows[batch.count]) else { break }
        let slot = batch.count
        do {
          try batch.encoded.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else { return }
            try model.encoder.transform(
              batch.rows[slot], binding: binding,
              into: UnsafeMutableBufferPointer(start: base + slot * width, count: width))
          }
        } catch let error as TabularError {
          throw error.located(path: reader.path, line: batch.rows[slot].line)
        }
        batch.count += 1
      }
      guard batch.count > 0 else { break }
      total += batch.count
      inFlight.append(batch)
      queue.async {
        formatter.format(batch)
        batch.done.signal()
      }
      if inFlight.count >= depth { try retireOldest() }
      if batch.count < batchSize { break }
    }
    while !inFlight.isEmpty { try retireOldest() }
    try writer.finish()
    return total
  }

  /// Batches in flight at once: enough for every core to work on one while the reader fills the
  /// next and the writer drains the oldest.
  var pipelineDepth: Int { Parallel.coreCount + 2 }

  /// Binds the encoder to a scoring header, listing every missing column at once.
  func bind(header: [String], file: String) throws -> FeatureEncoder.Binding {
    let present = Set(header)
    let missing = model.encoder.fieldNames.filter { !present.contains($0) }
    guard missing.isEmpty else {
      throw RiskScoringError.missingColumns(file: file, columns: missing)
    }
    return try model.encoder.bind(header: header)
  }
}
