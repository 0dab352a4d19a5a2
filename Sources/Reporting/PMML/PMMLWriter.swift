import Foundation

/// A small indenting XML writer for PMML documents (the PMML namespace is a default namespace,
/// which string output handles more simply than FoundationXML). Every value is escaped.
struct PMMLWriter {
  private(set) var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  private var stack: [String] = []

  typealias Attributes = KeyValuePairs<String, String?>

  private func attributes(_ attrs: Attributes) -> String {
    attrs.compactMap { key, value in value.map { " \(key)=\"\(Escaping.attribute($0))\"" } }
      .joined()
  }

  private var indent: String { String(repeating: "  ", count: stack.count) }

  mutating func open(_ name: String, _ attrs: Attributes = [:]) {
    out += "\(indent)<\(name)\(attributes(attrs))>\n"
    stack.append(name)
  }

  mutating func leaf(_ name: String, _ attrs: Attributes = [:]) {
    out += "\(indent)<\(name)\(attributes(attrs))/>\n"
  }

  mutating func element(_ name: String, _ attrs: Attributes = [:], text: String) {
    out += "\(indent)<\(name)\(attributes(attrs))>\(Escaping.text(text))</\(name)>\n"
  }

  mutating func close() {
    guard let name = stack.popLast() else { return }
    out += "\(indent)</\(name)>\n"
  }

  /// A number in shortest round-trip form (exact for weights converted from `Float`).
  static func n(_ v: Double) -> String { ReportFormat.xmlNumber(v) }
}

/// Pieces shared by the neural-network and scorecard exports.
enum PMMLCommon {
  static let namespace = "http://www.dmg.org/PMML-4_4"

  static func header(_ w: inout PMMLWriter, description: String, toolVersion: String) {
    w.open("PMML", ["xmlns": namespace, "version": "4.4"])
    w.open("Header", ["description": description.isEmpty ? nil : description])
    w.leaf("Application", ["name": "Traction", "version": toolVersion.isEmpty ? nil : toolVersion])
    w.close()
  }

  /// `DataDictionary`: input fields, then the target with its classes as valid values.
  static func dataDictionary(
    _ w: inout PMMLWriter, fields: [PMMLField], target: PMMLTarget, missingTokens: [String],
    targetIsContinuous: Bool = false
  ) {
    w.open("DataDictionary", ["numberOfFields": String(fields.count + 1)])
    for field in fields {
      let missing = field.isContinuous ? [] : missingTokens
      if missing.isEmpty {
        w.leaf(
          "DataField",
          [
            "name": field.name, "optype": field.isContinuous ? "continuous" : "categorical",
            "dataType": field.isContinuous ? "double" : "string",
          ])
      } else {
        w.open("DataField", ["name": field.name, "optype": "categorical", "dataType": "string"])
        for token in missing { w.leaf("Value", ["value": token, "property": "missing"]) }
        w.close()
      }
    }
    if targetIsContinuous {
      w.leaf("DataField", ["name": target.name, "optype": "continuous", "dataType": "double"])
    } else {
      w.open("DataField", ["name": target.name, "optype": "categorical", "dataType": "string"])
      for value in target.classes { w.leaf("Value", ["value": value]) }
      w.close()
    }
    w.close()
  }

  /// `MiningSchema`: text in a numeric field counts as missing. A continuous field gets its
  /// replacement here unless `keepMissing` (a missing indicator needs to see it missing).
  static func miningSchema(
    _ w: inout PMMLWriter, fields: [PMMLField], target: String, replacements: [String: Double],
    keepMissing: Set<String>
  ) {
    w.open("MiningSchema")
    for field in fields {
      if field.isContinuous, !keepMissing.contains(field.name), let value = replacements[field.name]
      {
        w.leaf(
          "MiningField",
          [
            "name": field.name, "usageType": "active", "invalidValueTreatment": "asMissing",
            "missingValueReplacement": PMMLWriter.n(value), "missingValueTreatment": "asMean",
          ])
      } else {
        w.leaf(
          "MiningField",
          [
            "name": field.name, "usageType": "active",
            "invalidValueTreatment": field.isContinuous ? "asMissing" : "asIs",
          ])
      }
    }
    w.leaf("MiningField", ["name": target, "usageType": "target"])
    w.close()
  }

  /// `<Apply function="if">` helper: `if(isMissing(field), whenMissing, otherwise)`.
  static func ifMissing(
    _ w: inout PMMLWriter, field: String, whenMissing: (inout PMMLWriter) -> Void,
    otherwise: (inout PMMLWriter) -> Void
  ) {
    w.open("Apply", ["function": "if"])
    w.open("Apply", ["function": "isMissing"])
    w.leaf("FieldRef", ["field": field])
    w.close()
    whenMissing(&w)
    otherwise(&w)
    w.close()
  }

  static func constant(_ w: inout PMMLWriter, _ value: Double) {
    w.element("Constant", ["dataType": "double"], text: PMMLWriter.n(value))
  }
}
