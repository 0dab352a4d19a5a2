import Foundation

extension PMMLNeuralNetworkModel {
  /// Names of the PMML output fields: predicted class, then one probability per class, then
  /// `credit_points` when configured. The probability of `classes[i]` is `probability_<class>`.
  public var outputFieldNames: [String] {
    ["predicted_" + target.name] + target.classes.map { "probability_" + $0 }
      + (creditPoints == nil ? [] : ["credit_points"])
  }

  /// Name of the derived field that feeds network input `index`.
  func derivedName(_ index: Int) -> String {
    switch features[index] {
    case .standardized(let f, _, _): return "f\(index).z(\(f))"
    case .missingIndicator(let f): return "f\(index).missing(\(f))"
    case .oneHot(let f, let v): return "f\(index).\(f)=\(v)"
    case .otherCategory(let f, _): return "f\(index).\(f)=other"
    case .raw(let f): return "f\(index).\(f)"
    }
  }

  /// Raw-scale value that replaces a missing continuous field: the field's own replacement,
  /// else the mean of its first standardised feature, else 0.
  func replacement(for field: String) -> Double {
    if let value = fields.first(where: { $0.name == field })?.missingReplacement { return value }
    for case .standardized(let f, let mean, _) in features where f == field { return mean }
    return 0
  }

  /// Fields whose missingness a feature must see (so no replacement in the mining schema).
  var fieldsWithMissingIndicators: Set<String> {
    Set(
      features.compactMap { if case .missingIndicator(let f) = $0 { return f } else { return nil } }
    )
  }

  /// The model as a PMML 4.4 document.
  /// - Throws: `ReportingError.invalidModel` when shapes or names are inconsistent.
  /// - Complexity: O(number of weights).
  public func pmmlString() throws -> String {
    try validate()
    var w = PMMLWriter()
    PMMLCommon.header(&w, description: description, toolVersion: toolVersion)
    PMMLCommon.dataDictionary(&w, fields: fields, target: target, missingTokens: missingValueTokens)
    let binary = layers[layers.count - 1].biases.count == 1
    w.open(
      "NeuralNetwork",
      [
        "modelName": modelName, "functionName": "classification", "algorithmName": "Traction MLP",
        "activationFunction": layers[0].activation.rawValue, "normalizationMethod": "none",
      ])
    var replacements: [String: Double] = [:]
    for field in fields where field.isContinuous {
      replacements[field.name] = replacement(for: field.name)
    }
    PMMLCommon.miningSchema(
      &w, fields: fields, target: target.name, replacements: replacements,
      keepMissing: fieldsWithMissingIndicators)
    output(&w)
    w.open("LocalTransformations")
    for j in features.indices { derivedField(&w, j) }
    w.close()

    w.open("NeuralInputs", ["numberOfInputs": String(features.count)])
    for j in features.indices {
      w.open("NeuralInput", ["id": "i\(j)"])
      w.open("DerivedField", ["optype": "continuous", "dataType": "double"])
      w.leaf("FieldRef", ["field": derivedName(j)])
      w.close()
      w.close()
    }
    w.close()

    var previous = features.indices.map { "i\($0)" }
    for (l, layer) in layers.enumerated() {
      let isLast = l == layers.count - 1
      w.open(
        "NeuralLayer",
        [
          "numberOfNeurons": String(layer.biases.count),
          "activationFunction": layer.activation.rawValue,
          "normalizationMethod": isLast && !binary ? "softmax" : nil,
        ])
      var ids: [String] = []
      for (k, bias) in layer.biases.enumerated() {
        let id = "l\(l)n\(k)"
        w.open("Neuron", ["id": id, "bias": PMMLWriter.n(bias)])
        for (j, from) in previous.enumerated() {
          w.leaf("Con", ["from": from, "weight": PMMLWriter.n(layer.weights[k][j])])
        }
        w.close()
        ids.append(id)
      }
      w.close()
      previous = ids
    }
    var outputs = previous
    if binary {
      // One logistic neuron gives P(classes[1]); PMML needs a neuron per class: add 1 − p.
      w.open("NeuralLayer", ["numberOfNeurons": "2", "activationFunction": "identity"])
      w.open("Neuron", ["id": "p0", "bias": "1"])
      w.leaf("Con", ["from": previous[0], "weight": "-1"])
      w.close()
      w.open("Neuron", ["id": "p1", "bias": "0"])
      w.leaf("Con", ["from": previous[0], "weight": "1"])
      w.close()
      w.close()
      outputs = ["p0", "p1"]
    }
    w.open("NeuralOutputs", ["numberOfOutputs": String(target.classes.count)])
    for (c, value) in target.classes.enumerated() {
      w.open("NeuralOutput", ["outputNeuron": outputs[c]])
      w.open("DerivedField", ["optype": "categorical", "dataType": "string"])
      w.leaf("NormDiscrete", ["field": target.name, "value": value])
      w.close()
      w.close()
    }
    w.close()
    w.close()  // NeuralNetwork
    w.close()  // PMML
    return w.out
  }

  /// Writes the PMML document atomically.
  /// - Throws: `ReportingError.invalidModel` or `.unwritableFile`.
  public func write(to url: URL) throws {
    try ReportWriter.writeAtomically(pmmlString(), to: url)
  }

  private func output(_ w: inout PMMLWriter) {
    w.open("Output")
    w.leaf(
      "OutputField",
      [
        "name": outputFieldNames[0], "optype": "categorical", "dataType": "string",
        "feature": "predictedValue",
      ])
    for value in target.classes {
      w.leaf(
        "OutputField",
        [
          "name": "probability_" + value, "optype": "continuous", "dataType": "double",
          "feature": "probability", "value": value,
        ])
    }
    if let credit = creditPoints {
      // points = offset − factor · ln(p / (1 − p)), p = P(classes[1]).
      let p = "probability_" + target.classes[1]
      w.open(
        "OutputField",
        [
          "name": "credit_points", "optype": "continuous", "dataType": "double",
          "feature": "transformedValue",
        ])
      w.open("Apply", ["function": "-"])
      PMMLCommon.constant(&w, credit.offset)
      w.open("Apply", ["function": "*"])
      PMMLCommon.constant(&w, credit.factor)
      w.open("Apply", ["function": "ln"])
      w.open("Apply", ["function": "/"])
      w.leaf("FieldRef", ["field": p])
      w.open("Apply", ["function": "-"])
      PMMLCommon.constant(&w, 1)
      w.leaf("FieldRef", ["field": p])
      w.close()
      w.close()
      w.close()
      w.close()
      w.close()
      w.close()
    }
    w.close()
  }

  private func derivedField(_ w: inout PMMLWriter, _ j: Int) {
    w.open("DerivedField", ["name": derivedName(j), "optype": "continuous", "dataType": "double"])
    switch features[j] {
    case .standardized(let field, let mean, let sd):
      let zMissing = (replacement(for: field) - mean) / sd
      w.open("NormContinuous", ["field": field, "mapMissingTo": PMMLWriter.n(zMissing)])
      w.leaf("LinearNorm", ["orig": PMMLWriter.n(mean), "norm": "0"])
      w.leaf("LinearNorm", ["orig": PMMLWriter.n(mean + sd), "norm": "1"])
      w.close()
    case .missingIndicator(let field):
      PMMLCommon.ifMissing(
        &w, field: field, whenMissing: { PMMLCommon.constant(&$0, 1) },
        otherwise: { PMMLCommon.constant(&$0, 0) })
    case .oneHot(let field, let value):
      w.leaf("NormDiscrete", ["field": field, "value": value, "mapMissingTo": "0"])
    case .otherCategory(let field, let known):
      PMMLCommon.ifMissing(
        &w, field: field, whenMissing: { PMMLCommon.constant(&$0, 0) },
        otherwise: { w in
          w.open("Apply", ["function": "if"])
          w.open("Apply", ["function": "isIn"])
          w.leaf("FieldRef", ["field": field])
          for value in known { w.element("Constant", ["dataType": "string"], text: value) }
          w.close()
          PMMLCommon.constant(&w, 0)
          PMMLCommon.constant(&w, 1)
          w.close()
        })
    case .raw(let field):
      w.leaf("FieldRef", ["field": field, "mapMissingTo": PMMLWriter.n(replacement(for: field))])
    }
    w.close()
  }
}
