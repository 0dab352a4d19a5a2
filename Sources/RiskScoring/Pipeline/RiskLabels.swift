import Foundation
import Tabular

/// Turns a target column into 0/1 labels, naming the risk outcome.
struct RiskLabels {
  /// 0/1 per row.
  var values: [Int]
  /// The value counted as 1.
  var positive: String
  /// The other value ("(other)" when several values are grouped).
  var negative: String

  /// Rows whose label is the positive value.
  var positiveCount: Int { values.reduce(0, +) }

  /// Share of rows whose label is the positive value (0 for no rows).
  var positiveShare: Double { values.isEmpty ? 0 : Double(positiveCount) / Double(values.count) }

  /// Target values that conventionally mean "the risk happened", in lower case.
  static let positiveTokens: Set<String> = [
    "1", "yes", "y", "true", "t", "bad", "default", "defaulted", "churn", "churned", "fraud",
    "fraudulent", "positive", "pos", "left", "lost",
  ]

  /// Resolves labels from the target column of `table`.
  /// - Parameters:
  ///   - table: the data.
  ///   - target: target column name.
  ///   - positive: the value counted as the risk outcome, when given.
  /// - Throws: `RiskScoringError` for an absent target, a missing target cell, a single class,
  ///   more than two values without `positive`, or an unknown `positive`.
  static func resolve(table: DataTable, target: String, positive: String?) throws -> RiskLabels {
    guard let index = table.header.firstIndex(of: target) else {
      throw RiskScoringError.targetNotFound(
        file: table.source, column: target, available: table.header)
    }
    let column = table.columns[index]
    var counts: [String: Int] = [:]
    for (row, raw) in column.enumerated() {
      let value = raw.trimmingCharacters(in: .whitespaces)
      if MissingValues.isMissing(value) {
        throw RiskScoringError.missingTarget(
          file: table.source, line: table.lineNumbers[row], column: target)
      }
      counts[value, default: 0] += 1
    }
    let distinct = counts.keys.sorted()
    if let positive {
      guard counts[positive] != nil else {
        throw RiskScoringError.positiveLabelNotFound(
          file: table.source, column: target, value: positive, values: distinct)
      }
      guard distinct.count >= 2 else {
        throw RiskScoringError.singleClassTarget(file: table.source, column: target, value: positive)
      }
      let others = distinct.filter { $0 != positive }
      let negative = others.count == 1 ? others[0] : "(other)"
      let values = column.map { $0.trimmingCharacters(in: .whitespaces) == positive ? 1 : 0 }
      return RiskLabels(values: values, positive: positive, negative: negative)
    }
    guard distinct.count >= 2 else {
      throw RiskScoringError.singleClassTarget(
        file: table.source, column: target, value: distinct.first ?? "")
    }
    guard distinct.count == 2 else {
      throw RiskScoringError.targetNotBinary(file: table.source, column: target, values: distinct)
    }
    let chosen = choosePositive(distinct[0], distinct[1], counts: counts)
    let negative = chosen == distinct[0] ? distinct[1] : distinct[0]
    let values = column.map { $0.trimmingCharacters(in: .whitespaces) == chosen ? 1 : 0 }
    return RiskLabels(values: values, positive: chosen, negative: negative)
  }

  /// The conventional risk outcome of two values: a known token ("1", "Yes", "bad", ...), else
  /// the larger number, else the rarer value.
  static func choosePositive(_ a: String, _ b: String, counts: [String: Int]) -> String {
    let aKnown = positiveTokens.contains(a.lowercased())
    let bKnown = positiveTokens.contains(b.lowercased())
    if aKnown != bKnown { return aKnown ? a : b }
    if let x = Double(a), let y = Double(b) { return x > y ? a : b }
    return (counts[a] ?? 0) <= (counts[b] ?? 0) ? a : b
  }
}
