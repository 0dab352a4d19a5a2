import Foundation
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
    let width = model.encoder.width
    var rows = [CSVRow](repeating: CSVRow(), count: batchSize)
    var encoded = [Float](repeating: 0, count: batchSize * width)
    var total = 0
    var finished = false
    while !finished {
      var count = 0
      while count < batchSize {
        guard try reader.nextRow(into: &rows[count]) else {
          finished = true
          break
        }
        do {
          try encoded.withUnsafeMutableBufferPointer { all in
            guard let base = all.baseAddress else { return }
            try model.encoder.transform(
              rows[count], binding: binding,
              into: UnsafeMutableBufferPointer(start: base + count * width, count: width))
          }
        } catch let error as TabularError {
          throw error.located(path: reader.path, line: rows[count].line)
        }
        count += 1
      }
      guard count > 0 else { break }
      let batch = count == batchSize ? encoded : Array(encoded[0..<(count * width)])
      let (logits, contributions) = model.network.fieldContributions(
        batch, rows: count, layout: model.layout, chunks: ProcessInfo.processInfo.activeProcessorCount)
      let fields = model.layout.columns.count
      for r in 0..<count {
        let probability = model.probability(ofLogit: logits[r])
        var line: [String] = []
        line.reserveCapacity(5 + reasonCount)
        line.append(keyIndex.map { rows[r].string(at: $0) } ?? String(total + r + 1))
        line.append(Self.fixed6(probability))
        line.append(model.policy.band(of: probability))
        line.append(
          model.policy.isFlagged(probability)
            ? model.preset.flaggedDecision : model.preset.clearedDecision)
        if model.preset == .credit {
          line.append(String(Int(model.scorecard.score(probability: probability).rounded())))
        }
        let slice = contributions[(r * fields)..<((r + 1) * fields)]
        let top = RiskNetwork.topReasons(slice, count: reasonCount)
        for k in 0..<reasonCount {
          guard k < top.count else {
            line.append("")
            continue
          }
          let f = top[k]
          var text = model.layout.fieldNames[f] + "=" + rows[r].string(at: binding.columnIndices[f])
          if model.preset == .credit {
            let points = model.scorecard.pointsLost(
              logitIncrease: Double(slice[slice.startIndex + f]) * model.calibration.slope)
            text += " (-\(Int(points.rounded())) pts)"
          }
          line.append(text)
        }
        try writer.writeRow(line)
      }
      total += count
    }
    try writer.finish()
    return total
  }

  /// Binds the encoder to a scoring header, listing every missing column at once.
  func bind(header: [String], file: String) throws -> FeatureEncoder.Binding {
    let present = Set(header)
    let missing = model.encoder.fieldNames.filter { !present.contains($0) }
    guard missing.isEmpty else {
      throw RiskScoringError.missingColumns(file: file, columns: missing)
    }
    return try model.encoder.bind(header: header)
  }

  /// `value` in [0, 1] with exactly six decimals, without locale or `printf`.
  static func fixed6(_ value: Double) -> String {
    let clamped = min(max(value, 0), 1)
    let scaled = Int((clamped * 1_000_000).rounded())
    if scaled >= 1_000_000 { return "1.000000" }
    var digits = String(scaled)
    digits = String(repeating: "0", count: 6 - digits.count) + digits
    return "0." + digits
  }
}
