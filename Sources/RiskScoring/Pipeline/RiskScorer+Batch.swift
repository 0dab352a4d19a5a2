import Dispatch
import Tabular

/// One batch of rows travelling through `RiskScorer.score`'s pipeline.
///
/// Owned by one thread at a time: the reader fills `rows` and `encoded`, hands the batch to a
/// worker with `DispatchQueue.async` and does not touch it again until `done` is signalled; the
/// worker writes `output` and signals. The queue hand-off and the semaphore order every access
/// (each is a happens-before edge), which is why the class can be `@unchecked Sendable`.
final class ScoringBatch: @unchecked Sendable {
  /// Parsed input rows (reused; only the first `count` are valid).
  var rows: [CSVRow]
  /// Encoded feature rows, row-major (`capacity × width`).
  var encoded: [Float]
  /// Valid rows in this batch.
  var count = 0
  /// Rows scored before this batch (for the 1-based `row` key).
  var firstRow = 0
  /// The formatted output records of the batch.
  var output: [UInt8] = []
  /// Signalled by the worker when `output` is complete.
  let done = DispatchSemaphore(value: 0)

  init(capacity: Int, width: Int) {
    rows = [CSVRow](repeating: CSVRow(), count: capacity)
    encoded = [Float](repeating: 0, count: capacity * width)
  }
}

/// Scores, explains and formats one batch into CSV bytes (see `RiskScorer` for the columns).
struct RiskRowFormatter: Sendable {
  let model: RiskModel
  let binding: FeatureEncoder.Binding
  let keyIndex: Int?
  let reasonCount: Int
  let encoder: CSVRecordEncoder
  /// `name=` of every explained field, as UTF-8.
  let reasonPrefixes: [[UInt8]]

  init(
    model: RiskModel, binding: FeatureEncoder.Binding, keyIndex: Int?, reasonCount: Int,
    encoder: CSVRecordEncoder
  ) {
    self.model = model
    self.binding = binding
    self.keyIndex = keyIndex
    self.reasonCount = reasonCount
    self.encoder = encoder
    reasonPrefixes = model.layout.fieldNames.map { Array($0.utf8) + [UInt8(ascii: "=")] }
  }

  /// Fills `batch.output` with one CSV record per row of the batch.
  func format(_ batch: ScoringBatch) {
    let count = batch.count
    let width = model.encoder.width
    let input =
      count * width == batch.encoded.count
      ? batch.encoded : Array(batch.encoded[0..<(count * width)])
    let (logits, contributions) = model.network.fieldContributions(
      input, rows: count, layout: model.layout)
    let fields = model.layout.columns.count
    let credit = model.preset == .credit
    var out = batch.output
    batch.output = []
    out.removeAll(keepingCapacity: true)
    var scratch: [UInt8] = []
    var top = [Int](repeating: 0, count: reasonCount)
    for r in 0..<count {
      let row = batch.rows[r]
      let probability = model.probability(ofLogit: logits[r])
      if let keyIndex {
        row.withBytes(at: keyIndex) { encoder.appendField($0, first: true, to: &out) }
      } else {
        scratch.removeAll(keepingCapacity: true)
        Self.appendInteger(batch.firstRow + r + 1, to: &scratch)
        appendField(scratch, first: true, to: &out)
      }
      scratch.removeAll(keepingCapacity: true)
      Self.appendFixed6(probability, to: &scratch)
      appendField(scratch, first: false, to: &out)
      encoder.appendField(model.policy.band(of: probability), first: false, to: &out)
      encoder.appendField(
        model.policy.isFlagged(probability)
          ? model.preset.flaggedDecision : model.preset.clearedDecision,
        first: false, to: &out)
      if credit {
        scratch.removeAll(keepingCapacity: true)
        Self.appendInteger(
          Int(model.scorecard.score(probability: probability).rounded()), to: &scratch)
        appendField(scratch, first: false, to: &out)
      }
      let found = contributions.withUnsafeBufferPointer { all in
        RiskNetwork.topReasons(
          UnsafeBufferPointer(rebasing: all[(r * fields)..<((r + 1) * fields)]), into: &top)
      }
      for k in 0..<reasonCount {
        scratch.removeAll(keepingCapacity: true)
        if k < found {
          let f = top[k]
          scratch.append(contentsOf: reasonPrefixes[f])
          row.withBytes(at: binding.columnIndices[f]) { scratch.append(contentsOf: $0) }
          if credit {
            let points = model.scorecard.pointsLost(
              logitIncrease: Double(contributions[r * fields + f]) * model.calibration.slope)
            scratch.append(contentsOf: Self.pointsOpen)
            Self.appendInteger(Int(points.rounded()), to: &scratch)
            scratch.append(contentsOf: Self.pointsClose)
          }
        }
        appendField(scratch, first: false, to: &out)
      }
      encoder.endRecord(&out)
    }
    batch.output = out
  }

  private static let pointsOpen = Array(" (-".utf8)
  private static let pointsClose = Array(" pts)".utf8)

  private func appendField(_ bytes: [UInt8], first: Bool, to out: inout [UInt8]) {
    bytes.withUnsafeBufferPointer { encoder.appendField($0, first: first, to: &out) }
  }

  /// Appends the decimal digits of `value` (with a leading `-` when negative).
  static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = value.magnitude
    var divisor: UInt = 1
    while divisor <= magnitude / 10 { divisor *= 10 }
    repeat {
      bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
      divisor /= 10
    } while divisor > 0
  }

  /// Appends `value` clamped to [0, 1] with exactly six decimals (`0.123456`), without locale or
  /// `printf`.
  static func appendFixed6(_ value: Double, to bytes: inout [UInt8]) {
    let clamped = min(max(value, 0), 1)
    let scaled = Int((clamped * 1_000_000).rounded())
    if scaled >= 1_000_000 {
      bytes.append(contentsOf: Array("1.000000".utf8))
      return
    }
    bytes.append(UInt8(ascii: "0"))
    bytes.append(UInt8(ascii: "."))
    var divisor = 100_000
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8((scaled / divisor) % 10))
      divisor /= 10
    }
  }
}
