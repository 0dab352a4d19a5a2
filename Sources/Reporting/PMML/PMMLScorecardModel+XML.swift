import Foundation

extension PMMLScorecardModel {
  /// The scorecard as a PMML 4.4 document.
  /// - Throws: `ReportingError.invalidModel` when a condition names an unknown field.
  public func pmmlString() throws -> String {
    try validate()
    var w = PMMLWriter()
    PMMLCommon.header(&w, description: description, toolVersion: toolVersion)
    PMMLCommon.dataDictionary(
      &w, fields: fields, target: PMMLTarget(name: scoreName, classes: []),
      missingTokens: missingValueTokens,
      targetIsContinuous: true)
    w.open(
      "Scorecard",
      [
        "modelName": modelName, "functionName": "regression", "algorithmName": "Traction scorecard",
        "initialScore": PMMLWriter.n(initialScore), "useReasonCodes": "true",
        "reasonCodeAlgorithm": "pointsBelow",
        "baselineMethod": "other",
      ])
    PMMLCommon.miningSchema(
      &w, fields: fields, target: scoreName, replacements: [:], keepMissing: [])
    w.open("Output")
    w.leaf(
      "OutputField",
      [
        "name": scoreName, "optype": "continuous", "dataType": "double",
        "feature": "predictedValue",
      ])
    for rank in 1...max(1, reasonCodeCount) where rank <= reasonCodeCount {
      w.leaf(
        "OutputField",
        [
          "name": "reason_\(rank)", "optype": "categorical", "dataType": "string",
          "feature": "reasonCode",
          "rank": String(rank),
        ])
    }
    w.close()
    w.open("Characteristics")
    for c in characteristics {
      w.open(
        "Characteristic",
        [
          "name": c.name, "reasonCode": c.reasonCode,
          "baselineScore": PMMLWriter.n(c.baselineScore),
        ])
      for attribute in c.attributes {
        w.open("Attribute", ["partialScore": PMMLWriter.n(attribute.partialScore)])
        predicate(&w, attribute.condition)
        w.close()
      }
      w.close()
    }
    w.close()
    w.close()  // Scorecard
    w.close()  // PMML
    return w.out
  }

  /// Writes the PMML document atomically.
  /// - Throws: `ReportingError.invalidModel` or `.unwritableFile`.
  public func write(to url: URL) throws {
    try ReportWriter.writeAtomically(pmmlString(), to: url)
  }

  private func predicate(_ w: inout PMMLWriter, _ condition: Condition) {
    switch condition {
    case .missing(let field):
      w.leaf("SimplePredicate", ["field": field, "operator": "isMissing"])
    case .lessThan(let field, let value):
      w.leaf(
        "SimplePredicate", ["field": field, "operator": "lessThan", "value": PMMLWriter.n(value)])
    case .between(let field, let lower, let upper):
      w.open("CompoundPredicate", ["booleanOperator": "and"])
      w.leaf(
        "SimplePredicate",
        ["field": field, "operator": "greaterOrEqual", "value": PMMLWriter.n(lower)])
      w.leaf(
        "SimplePredicate", ["field": field, "operator": "lessThan", "value": PMMLWriter.n(upper)])
      w.close()
    case .equals(let field, let value):
      w.leaf("SimplePredicate", ["field": field, "operator": "equal", "value": value])
    case .isIn(let field, let values):
      w.open("SimpleSetPredicate", ["field": field, "booleanOperator": "isIn"])
      // PMML arrays separate entries by spaces; quote each and escape quotes and backslashes.
      let items = values.map {
        "\""
          + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
            of: "\"", with: "\\\"") + "\""
      }
      w.element(
        "Array", ["n": String(values.count), "type": "string"], text: items.joined(separator: " "))
      w.close()
    case .otherwise:
      w.leaf("True")
    }
  }
}
