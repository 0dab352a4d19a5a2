import Foundation

/// A points-based credit scorecard with reason codes, for PMML 4.4 export (`Scorecard`
/// element; DMG PMML 4.4, "Scorecard"). Used by the credit preset where an additive points
/// table applies (for example a scorecard distilled from the network on binned features).
///
/// score = `initialScore` + Σ over characteristics of the partial score of the first attribute
/// whose condition holds. Reason codes rank characteristics by `baselineScore − partialScore`
/// (`pointsBelow`: the characteristics that cost the applicant most points come first); only
/// positive differences are reasons, summed per reason code, ties in characteristic order.
/// When fewer reasons exist than `reasonCodeCount`, the Swift scorer returns fewer codes
/// (pypmml repeats the last one in the remaining ranks; JPMML leaves them empty).
public struct PMMLScorecardModel: Sendable, Equatable {
  /// Model name.
  public var modelName: String
  /// Header description.
  public var description: String
  /// Raw input fields.
  public var fields: [PMMLField]
  /// Name of the predicted score field.
  public var scoreName: String
  /// Points every applicant starts with.
  public var initialScore: Double
  /// Characteristics (one per input variable, usually), in order.
  public var characteristics: [Characteristic]
  /// Number of reason codes output (`reason_1` … `reason_N`).
  public var reasonCodeCount: Int
  /// Cell values treated as missing besides the empty cell.
  public var missingValueTokens: [String]
  /// Tool version for the header.
  public var toolVersion: String

  /// Creates a scorecard.
  public init(
    modelName: String, description: String = "", fields: [PMMLField], scoreName: String = "score",
    initialScore: Double = 0, characteristics: [Characteristic], reasonCodeCount: Int = 3,
    missingValueTokens: [String] = PMMLNeuralNetworkModel.defaultMissingValueTokens,
    toolVersion: String = ""
  ) {
    self.modelName = modelName
    self.description = description
    self.fields = fields
    self.scoreName = scoreName
    self.initialScore = initialScore
    self.characteristics = characteristics
    self.reasonCodeCount = reasonCodeCount
    self.missingValueTokens = missingValueTokens
    self.toolVersion = toolVersion
  }

  /// One scored variable: its bins (attributes) and the reference points for reason codes.
  public struct Characteristic: Sendable, Equatable {
    /// Name, e.g. "tenure".
    public var name: String
    /// Reason code reported when this characteristic costs points, e.g. "RC_TENURE".
    public var reasonCode: String
    /// Reference points; reason codes rank by `baselineScore − partialScore`.
    public var baselineScore: Double
    /// Bins, tried in order; the first whose condition holds gives the points. End with
    /// `.otherwise` so that every row scores.
    public var attributes: [Attribute]

    /// Creates a characteristic.
    public init(name: String, reasonCode: String, baselineScore: Double, attributes: [Attribute]) {
      self.name = name
      self.reasonCode = reasonCode
      self.baselineScore = baselineScore
      self.attributes = attributes
    }
  }

  /// A bin of a characteristic.
  public struct Attribute: Sendable, Equatable {
    /// When the bin applies.
    public var condition: Condition
    /// Points for the bin.
    public var partialScore: Double

    /// Creates a bin.
    public init(_ condition: Condition, partialScore: Double) {
      self.condition = condition
      self.partialScore = partialScore
    }
  }

  /// Conditions a bin can test.
  public enum Condition: Sendable, Equatable {
    /// The field is missing.
    case missing(field: String)
    /// A numeric field is below `value`.
    case lessThan(field: String, value: Double)
    /// A numeric field is in `[lower, upper)`.
    case between(field: String, lower: Double, upper: Double)
    /// A categorical field equals `value`.
    case equals(field: String, value: String)
    /// A categorical field is one of `values`.
    case isIn(field: String, values: [String])
    /// Always (the last bin).
    case otherwise
  }

  /// Names of the output fields: the score, then `reason_1` … `reason_N`.
  public var outputFieldNames: [String] {
    [scoreName] + (0..<reasonCodeCount).map { "reason_\($0 + 1)" }
  }

  /// Checks names and bins.
  /// - Throws: `ReportingError.invalidModel`.
  public func validate() throws {
    let names = Set(fields.map(\.name))
    guard !characteristics.isEmpty else {
      throw ReportingError.invalidModel(
        field: "characteristics", reason: "no characteristics; add at least one")
    }
    for (i, c) in characteristics.enumerated() {
      guard !c.attributes.isEmpty else {
        throw ReportingError.invalidModel(
          field: "characteristics[\(i)]", reason: "'\(c.name)' has no attributes")
      }
      for attribute in c.attributes {
        if let field = attribute.condition.field, !names.contains(field) {
          throw ReportingError.invalidModel(
            field: "characteristics[\(i)]",
            reason: "condition on unknown field '\(field)'; known: \(names.sorted())")
        }
      }
    }
    guard !names.contains(scoreName) else {
      throw ReportingError.invalidModel(
        field: "scoreName", reason: "'\(scoreName)' is also an input field")
    }
  }

  /// Score and top reason codes for one raw row, as the exported PMML computes them.
  public func score(row: [String: String]) -> (score: Double, reasonCodes: [String]) {
    var byName: [String: PMMLField] = [:]
    for field in fields { byName[field.name] = field }
    var total = initialScore
    // Points below baseline, summed per reason code, in order of first appearance.
    var codes: [String] = []
    var missed: [String: Double] = [:]
    for c in characteristics {
      guard let hit = c.attributes.first(where: { holds($0.condition, row: row, fields: byName) })
      else { continue }
      total += hit.partialScore
      if missed[c.reasonCode] == nil { codes.append(c.reasonCode) }
      missed[c.reasonCode, default: 0] += c.baselineScore - hit.partialScore
    }
    // Only characteristics that cost points are reasons; ties keep characteristic order.
    let ranked = codes.enumerated().filter { (missed[$0.element] ?? 0) > 0 }.sorted {
      let a = missed[$0.element] ?? 0
      let b = missed[$1.element] ?? 0
      return a != b ? a > b : $0.offset < $1.offset
    }
    return (total, ranked.prefix(reasonCodeCount).map(\.element))
  }

  private func holds(_ condition: Condition, row: [String: String], fields: [String: PMMLField])
    -> Bool
  {
    guard let name = condition.field else { return true }
    let field = fields[name] ?? .categorical(name)
    let cell = row[name]
    let missing: Bool = {
      guard let cell, !cell.isEmpty, !missingValueTokens.contains(cell) else { return true }
      return field.isContinuous && Double(cell) == nil
    }()
    switch condition {
    case .missing: return missing
    case .lessThan(_, let value): return !missing && (cell.flatMap(Double.init) ?? .nan) < value
    case .between(_, let lower, let upper):
      let x = cell.flatMap(Double.init) ?? .nan
      return !missing && x >= lower && x < upper
    case .equals(_, let value): return !missing && cell == value
    case .isIn(_, let values): return !missing && values.contains(cell ?? "")
    case .otherwise: return true
    }
  }
}

extension PMMLScorecardModel.Condition {
  /// The tested field (`nil` for `.otherwise`).
  public var field: String? {
    switch self {
    case .missing(let f), .lessThan(let f, _), .between(let f, _, _), .equals(let f, _),
      .isIn(let f, _):
      return f
    case .otherwise: return nil
    }
  }
}
