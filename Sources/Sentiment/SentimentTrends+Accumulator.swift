import Foundation

extension SentimentTrends {
  /// Counts predictions by group and period one row at a time, so that a stream of any length
  /// is summarised in memory that grows with the number of distinct groups and days, not rows.
  ///
  /// ```swift
  /// var acc = SentimentTrends.Accumulator(grouped: true, timed: true)
  /// acc.add(polarity: -1, group: "United", time: "2015-02-17 10:01")
  /// let trends = acc.trends()
  /// ```
  public struct Accumulator: Sendable {
    struct Tally: Sendable {
      var n = 0
      var negative = 0
      var positive = 0
      mutating func add(_ polarity: Int) {
        n += 1
        if polarity < 0 { negative += 1 }
        if polarity > 0 { positive += 1 }
      }
    }

    /// Whether rows carry a group.
    public let grouped: Bool
    /// Whether rows carry a time.
    public let timed: Bool
    /// Distinct groups tracked on their own; rows of later new groups count only in `all`.
    public let groupLimit: Int
    private var byGroup: [String: [String: Tally]] = [:]
    private var sizes: [String: Int] = [:]
    private var overall: [String: Tally] = [:]
    private var allDates = true
    private var days = Set<String>()
    /// Rows added.
    public private(set) var rows = 0

    /// Creates an empty accumulator.
    public init(grouped: Bool, timed: Bool, groupLimit: Int = 10_000) {
      self.grouped = grouped
      self.timed = timed
      self.groupLimit = groupLimit
    }

    /// The period key of a raw time value: the day (`YYYY-MM-DD`) of an ISO date, else the
    /// trimmed value.
    mutating func periodKey(_ raw: String) -> String {
      let t = raw.trimmingCharacters(in: .whitespaces)
      let u = Array(t.utf8.prefix(10))
      let isDate =
        u.count >= 10 && u[4] == UInt8(ascii: "-") && u[7] == UInt8(ascii: "-")
        && u[0..<4].allSatisfy { (48...57).contains($0) }
      guard isDate else {
        allDates = false
        return t
      }
      let day = String(t.prefix(10))
      if days.count <= 45 { days.insert(day) }
      return day
    }

    /// Whether periods are months: every time is a date and there are more than 45 days.
    var usesMonths: Bool { allDates && days.count > 45 }

    /// Counts one prediction.
    public mutating func add(polarity: Int, group: String?, time: String?) {
      rows += 1
      let period = timed ? periodKey(time ?? "") : "all"
      if grouped {
        let g = group ?? ""
        if sizes[g] != nil || sizes.count < groupLimit {
          sizes[g, default: 0] += 1
          byGroup[g, default: [:]][period, default: Tally()].add(polarity)
        }
        overall[period, default: Tally()].add(polarity)
      } else {
        byGroup["all", default: [:]][period, default: Tally()].add(polarity)
      }
    }

    /// The trends: the `maxGroups` largest groups (then `all` when grouped), per period.
    public func trends(maxGroups: Int = 8) -> SentimentTrends {
      let monthly = usesMonths
      func period(_ key: String) -> String { monthly ? String(key.prefix(7)) : key }
      func merged(_ t: [String: Tally]) -> [String: Tally] {
        var out: [String: Tally] = [:]
        for (key, v) in t {
          var m = out[period(key), default: Tally()]
          m.n += v.n
          m.negative += v.negative
          m.positive += v.positive
          out[period(key)] = m
        }
        return out
      }
      var shown: [String]
      var tallies: [String: [String: Tally]] = [:]
      if grouped {
        shown = Array(
          sizes.keys.sorted { (sizes[$0] ?? 0, $1) > (sizes[$1] ?? 0, $0) }
            .prefix(maxGroups))
        for g in shown { tallies[g] = merged(byGroup[g] ?? [:]) }
      } else {
        shown = rows > 0 ? ["all"] : []
      }
      var periods = Set<String>()
      for t in byGroup.values { for key in t.keys { periods.insert(period(key)) } }
      for key in overall.keys { periods.insert(period(key)) }
      let ordered = periods.sorted()
      var cells: [Cell] = []
      func appendCells(_ group: String, _ t: [String: Tally]) {
        for p in ordered {
          guard let v = t[p], v.n > 0 else { continue }
          let (lo, hi) = SentimentTrends.wilson(v.negative, v.n)
          cells.append(
            Cell(
              group: group, period: p, count: v.n, negative: v.negative, positive: v.positive,
              share: Double(v.negative) / Double(v.n), low: lo, high: hi))
        }
      }
      if grouped {
        for g in shown { appendCells(g, tallies[g] ?? [:]) }
        shown.append("all")
        appendCells("all", merged(overall))
      } else if rows > 0 {
        appendCells("all", merged(byGroup["all"] ?? [:]))
      }
      return SentimentTrends(periods: ordered, groups: shown, cells: cells)
    }
  }
}
