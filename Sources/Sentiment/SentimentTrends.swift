import Foundation

/// Share of negative texts per group and period, with 95% Wilson intervals, and the groups whose
/// share of negative texts rose significantly from the first half of the periods to the second.
public struct SentimentTrends: Sendable, Equatable {
  /// One group in one period.
  public struct Cell: Sendable, Equatable {
    /// Group name (`all` for everything).
    public var group: String
    /// Period label (`all` without a time column).
    public var period: String
    /// Texts counted.
    public var count: Int
    /// Texts predicted negative.
    public var negative: Int
    /// Texts predicted positive.
    public var positive: Int
    /// Share negative and its 95% Wilson interval.
    public var share: Double
    /// Lower end of the interval.
    public var low: Double
    /// Upper end of the interval.
    public var high: Double
  }

  /// A group that got worse.
  public struct Change: Sendable, Equatable {
    /// Group name.
    public var group: String
    /// Share negative in the first half of the periods.
    public var before: Double
    /// Share negative in the second half.
    public var after: Double
    /// Two-proportion z statistic.
    public var z: Double
  }

  /// Periods in time order.
  public var periods: [String]
  /// Groups by size (largest first), then `all`.
  public var groups: [String]
  /// Cells for every group and period that has texts.
  public var cells: [Cell]
  /// Groups whose share negative rose with z > 1.96, largest rise first.
  public var worse: [Change]

  /// 95% Wilson score interval for `k` successes out of `n`.
  public static func wilson(_ k: Int, _ n: Int) -> (Double, Double) {
    guard n > 0 else { return (0, 1) }
    let z = 1.959963984540054
    let p = Double(k) / Double(n)
    let nn = Double(n)
    let denom = 1 + z * z / nn
    let center = (p + z * z / (2 * nn)) / denom
    let half = z * ((p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()) / denom
    return (max(0, center - half), min(1, center + half))
  }

  /// Turns raw time values into periods: ISO dates (`YYYY-MM-DD…`) become days, or months when
  /// there are more than 45 days; other values are used as they are.
  public static func periods(of times: [String]) -> [String] {
    var acc = Accumulator(grouped: false, timed: true)
    let keys = times.map { acc.periodKey($0) }
    let monthly = acc.usesMonths
    return keys.map { monthly ? String($0.prefix(7)) : $0 }
  }

  /// Aggregates predictions (polarity -1, 0, +1 per row) by group and period.
  /// - Parameters:
  ///   - maxGroups: the largest groups shown; the rest are counted only in `all`.
  public init(polarity: [Int], groups rawGroups: [String]?, times: [String]?, maxGroups: Int = 8) {
    var acc = Accumulator(grouped: rawGroups != nil, timed: times != nil)
    for i in polarity.indices {
      acc.add(polarity: polarity[i], group: rawGroups?[i], time: times?[i])
    }
    self = acc.trends(maxGroups: maxGroups)
  }

  /// Builds the trends from finished counts.
  init(periods: [String], groups: [String], cells: [Cell]) {
    self.periods = periods
    self.groups = groups
    self.cells = cells
    var worse: [Change] = []
    if periods.count >= 2 {
      let firstHalf = Set(periods.prefix(periods.count / 2))
      for g in groups {
        let gc = cells.filter { $0.group == g }
        let a = gc.filter { firstHalf.contains($0.period) }
        let b = gc.filter { !firstHalf.contains($0.period) }
        let (n1, k1) = (a.map(\.count).reduce(0, +), a.map(\.negative).reduce(0, +))
        let (n2, k2) = (b.map(\.count).reduce(0, +), b.map(\.negative).reduce(0, +))
        guard n1 >= 5, n2 >= 5 else { continue }
        let p1 = Double(k1) / Double(n1)
        let p2 = Double(k2) / Double(n2)
        let pooled = Double(k1 + k2) / Double(n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
        let z = se > 0 ? (p2 - p1) / se : 0
        if z > 1.959963984540054 { worse.append(Change(group: g, before: p1, after: p2, z: z)) }
      }
    }
    self.worse = worse.sorted { $0.after - $0.before > $1.after - $1.before }
  }
}
