import Foundation
import Reporting
import Tabular

/// Writes a risk model as PMML 4.4 (`NeuralNetwork`), so other scoring engines reproduce
/// `traction score` probabilities.
///
/// The seed ensemble becomes one wider network: first layers side by side, deeper layers
/// block-diagonal, and an output neuron that averages the members' logits; the Platt calibration
/// is folded into the output neuron (`slope · logit + intercept`) before the logistic activation.
public enum RiskPMMLExport {
  /// The PMML description of `model`.
  /// - Throws: `RiskScoringError.invalidOption` for hashed high-cardinality fields, which PMML
  ///   cannot express (drop them with `--drop` to export), and for numeric fields written with a
  ///   `NumberFormat` (currency, thousands separators), which PMML would read as missing.
  public static func pmmlModel(_ model: RiskModel, name: String) throws -> PMMLNeuralNetworkModel {
    var fields: [PMMLField] = []
    var features: [PMMLFeature] = []
    for field in model.encoder.fields {
      if let format = field.numberFormat {
        throw RiskScoringError.invalidOption(
          option: "--pmml",
          reason: "field '\(field.name)' holds numbers written like \(format), which a PMML "
            + "engine reads as missing; convert the column to plain numbers and retrain to export")
      }
      switch field.transform {
      case .numeric(let mean, let sd, let indicator):
        fields.append(.continuous(field.name, missingReplacement: mean))
        features.append(.standardized(field: field.name, mean: mean, standardDeviation: sd > 0 ? sd : 1))
        if indicator { features.append(.missingIndicator(field: field.name)) }
      case .oneHot(let categories):
        fields.append(.categorical(field.name))
        // Tabular encodes a missing cell as the category "(missing)"; PMML sees it as missing.
        features += categories.map {
          $0 == "(missing)" ? .missingIndicator(field: field.name) : .oneHot(field: field.name, value: $0)
        }
        features.append(
          .otherCategory(field: field.name, known: categories.filter { $0 != "(missing)" }))
      case .hashed:
        throw RiskScoringError.invalidOption(
          option: "--pmml",
          reason: "field '\(field.name)' has too many categories and is hashed, which PMML "
            + "cannot express; retrain with --drop \(field.name) to export")
      }
    }
    let layers = mergedLayers(model)
    let credit: PMMLCreditPoints? = model.preset == .credit
      ? PMMLCreditPoints(
        baseScore: model.scorecard.baseScore, baseOdds: model.scorecard.baseOdds,
        pointsToDoubleOdds: model.scorecard.pointsToDoubleOdds) : nil
    return PMMLNeuralNetworkModel(
      modelName: name,
      description: "\(model.preset.title) model trained by Traction on \(model.training.fileName)",
      fields: fields, features: features, layers: layers,
      target: PMMLTarget(name: model.target, classes: [model.negativeLabel, model.positiveLabel]),
      creditPoints: credit, toolVersion: model.training.options["tool_version"] ?? "")
  }

  /// Writes the PMML file atomically.
  public static func export(model modelURL: URL, to url: URL) throws {
    let model = try RiskModel.load(from: modelURL)
    let pmml = try pmmlModel(model, name: model.preset.rawValue)
    try pmml.write(to: url)
  }

  /// The ensemble as one network of `PMMLLayer`s (weights as (outputs, inputs)).
  static func mergedLayers(_ model: RiskModel) -> [PMMLLayer] {
    let members = model.network.members
    let depth = members[0].count
    let k = Double(members.count)
    let slope = model.calibration.slope
    let intercept = model.calibration.intercept
    var layers: [PMMLLayer] = []
    for level in 0..<depth {
      let isOutput = level == depth - 1
      if isOutput {
        // One neuron: mean of the members' logits, calibrated.
        var weights: [Double] = []
        var bias = 0.0
        for member in members {
          let layer = member[level]
          weights += layer.weights.map { Double($0) * slope / k }
          bias += Double(layer.bias[0]) / k
        }
        layers.append(
          PMMLLayer(weights: [weights], biases: [slope * bias + intercept], activation: .logistic))
        continue
      }
      var rows: [[Double]] = []
      var biases: [Double] = []
      let totalInputs = level == 0 ? members[0][0].inputs : members.reduce(0) { $0 + $1[level].inputs }
      var inputOffset = 0
      for member in members {
        let layer = member[level]
        for o in 0..<layer.outputs {
          var row = [Double](repeating: 0, count: totalInputs)
          for i in 0..<layer.inputs {
            row[(level == 0 ? 0 : inputOffset) + i] = Double(layer.weights[i * layer.outputs + o])
          }
          rows.append(row)
          biases.append(Double(layer.bias[o]))
        }
        inputOffset += layer.inputs
      }
      layers.append(PMMLLayer(weights: rows, biases: biases, activation: .rectifier))
    }
    return layers
  }
}
