/// One group (decile by default) of a lift / cumulative-gains table.
public struct LiftRow: Sendable, Equatable {
  /// 1 for the highest scores.
  public var group: Int
  /// Rows in the group.
  public var count: Int
  /// Positives in the group.
  public var positives: Int
  /// Lowest score in the group.
  public var minScore: Double
  /// Highest score in the group.
  public var maxScore: Double
  /// Share of positives in the group.
  public var rate: Double
  /// `rate` divided by the overall positive rate.
  public var lift: Double
  /// Share of all rows in groups 1...group.
  public var cumulativeShare: Double
  /// Share of all positives captured by groups 1...group (the gains curve).
  public var cumulativeGain: Double
  /// Positive rate of groups 1...group divided by the overall rate.
  public var cumulativeLift: Double
}

/// Lift and cumulative gains by score group: rows are sorted by score, highest first (ties in
/// input order), and cut into `groups` nearly equal groups, the first `n % groups` one row
/// larger (numpy `array_split`).
/// - Parameters:
///   - scores: Higher means more likely positive.
///   - labels: 1 for positive, anything else negative.
///   - groups: 10 for deciles.
/// - Returns: One row per non-empty group; lifts are NaN when there is no positive.
public func liftTable(scores: [Double], labels: [Int], groups: Int = 10) -> [LiftRow] {
  checkLengths(scores.count, labels.count)
  precondition(groups >= 1, "liftTable needs at least one group")
  let n = scores.count
  let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
  let totalPositives = labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
  let baseRate = n > 0 ? Double(totalPositives) / Double(n) : .nan
  var rows: [LiftRow] = []
  var start = 0
  var cumulativeCount = 0
  var cumulativePositives = 0
  for g in 0..<groups {
    let size = n / groups + (g < n % groups ? 1 : 0)
    guard size > 0 else { continue }
    let members = order[start..<(start + size)]
    start += size
    let positives = members.reduce(0) { $0 + (labels[$1] == 1 ? 1 : 0) }
    cumulativeCount += size
    cumulativePositives += positives
    let rate = Double(positives) / Double(size)
    let cumulativeRate = Double(cumulativePositives) / Double(cumulativeCount)
    rows.append(
      LiftRow(
        group: g + 1, count: size, positives: positives,
        minScore: members.map { scores[$0] }.min() ?? .nan,
        maxScore: members.map { scores[$0] }.max() ?? .nan,
        rate: rate, lift: totalPositives > 0 ? rate / baseRate : .nan,
        cumulativeShare: Double(cumulativeCount) / Double(n),
        cumulativeGain: totalPositives > 0
          ? Double(cumulativePositives) / Double(totalPositives) : .nan,
        cumulativeLift: totalPositives > 0 ? cumulativeRate / baseRate : .nan))
  }
  return rows
}

/// Lift table for `Float` scores.
@_disfavoredOverload
public func liftTable(scores: [Float], labels: [Int], groups: Int = 10) -> [LiftRow] {
  liftTable(scores: scores.map(Double.init), labels: labels, groups: groups)
}
