import Foundation

/// A feed-forward risk model with its preprocessing, ready for PMML 4.4 export
/// (`NeuralNetwork` model element; DMG PMML 4.4 specification, "Neural Network Models").
///
/// The network sees `features` in order: feature *j* is input *j* of the first layer. Each
/// feature is derived from one raw input field, so the export carries the whole pipeline
/// (standardisation, one-hot encoding, missing indicators) and scores raw CSV rows.
///
/// Missing values (empty cells, `missingValueTokens`, and text in a continuous field) behave as:
/// a standardised feature takes `(replacement − mean) / standardDeviation` (0 when the
/// replacement is the mean), a missing indicator is 1, one-hot and "other" features are 0.
///
/// ```swift
/// let model = PMMLNeuralNetworkModel(
///   modelName: "churn", fields: [.continuous("tenure", missingReplacement: 30), .categorical("plan")],
///   features: [.standardized(field: "tenure", mean: 30, standardDeviation: 12),
///              .missingIndicator(field: "tenure"), .oneHot(field: "plan", value: "basic")],
///   layers: [.init(weights: w1, biases: b1, activation: .rectifier),
///            .init(weights: w2, biases: b2, activation: .logistic)],
///   target: .init(name: "churned", classes: ["no", "yes"]))
/// try model.write(to: URL(fileURLWithPath: "churn.pmml"))
/// ```
public struct PMMLNeuralNetworkModel: Sendable, Equatable {
  /// Model name written to `NeuralNetwork/@modelName`.
  public var modelName: String
  /// Free-text description for the PMML header.
  public var description: String
  /// Raw input fields, as named in the CSV header.
  public var fields: [PMMLField]
  /// Network inputs derived from the fields, in the order of the first layer's weight columns.
  public var features: [PMMLFeature]
  /// Layers from the first hidden layer to the output layer.
  ///
  /// The output layer has one neuron (binary classification: its activation should be
  /// `.logistic`, giving P(`target.classes[1]`)) or one neuron per class (softmax is applied).
  public var layers: [PMMLLayer]
  /// The predicted field and its classes (binary: `[negative, positive]`).
  public var target: PMMLTarget
  /// Optional credit-score points computed from P(positive) (credit preset).
  public var creditPoints: PMMLCreditPoints?
  /// Cell values treated as missing besides the empty cell.
  public var missingValueTokens: [String]
  /// Tool version for the PMML header.
  public var toolVersion: String

  /// Creates a model description; `pmmlString()` checks it.
  public init(
    modelName: String, description: String = "", fields: [PMMLField], features: [PMMLFeature],
    layers: [PMMLLayer], target: PMMLTarget, creditPoints: PMMLCreditPoints? = nil,
    missingValueTokens: [String] = PMMLNeuralNetworkModel.defaultMissingValueTokens,
    toolVersion: String = ""
  ) {
    self.modelName = modelName
    self.description = description
    self.fields = fields
    self.features = features
    self.layers = layers
    self.target = target
    self.creditPoints = creditPoints
    self.missingValueTokens = missingValueTokens
    self.toolVersion = toolVersion
  }

  /// Tokens treated as missing by default (the empty cell is always missing): the case variants
  /// of Tabular's `MissingValues` tokens (`NA`, `N/A`, `null`, `?`), since PMML matches exactly.
  public static let defaultMissingValueTokens = [
    "NA", "na", "Na", "N/A", "n/a", "N/a", "null", "NULL", "Null", "?",
  ]

  /// Checks shapes, names and activations.
  /// - Throws: `ReportingError.invalidModel` naming the field and the fix.
  public func validate() throws {
    guard !layers.isEmpty else {
      throw ReportingError.invalidModel(
        field: "layers", reason: "no layers; add at least the output layer")
    }
    guard target.classes.count >= 2, Set(target.classes).count == target.classes.count else {
      throw ReportingError.invalidModel(
        field: "target.classes", reason: "need at least two distinct classes, got \(target.classes)"
      )
    }
    let names = fields.map(\.name)
    guard Set(names).count == names.count else {
      throw ReportingError.invalidModel(
        field: "fields", reason: "duplicate field names in \(names)")
    }
    guard !names.contains(target.name) else {
      throw ReportingError.invalidModel(
        field: "target.name", reason: "'\(target.name)' is also an input field")
    }
    for (j, feature) in features.enumerated() {
      guard let field = fields.first(where: { $0.name == feature.field }) else {
        throw ReportingError.invalidModel(
          field: "features[\(j)]", reason: "field '\(feature.field)' is not in fields \(names)")
      }
      try feature.check(against: field, index: j)
    }
    var inputs = features.count
    for (l, layer) in layers.enumerated() {
      guard layer.biases.count == layer.weights.count, !layer.biases.isEmpty else {
        throw ReportingError.invalidModel(
          field: "layers[\(l)]",
          reason: "\(layer.weights.count) weight rows but \(layer.biases.count) biases")
      }
      for (k, row) in layer.weights.enumerated() where row.count != inputs {
        throw ReportingError.invalidModel(
          field: "layers[\(l)].weights[\(k)]", reason: "has \(row.count) inputs, expected \(inputs)"
        )
      }
      let values = layer.weights.flatMap { $0 } + layer.biases
      if let bad = values.first(where: { !$0.isFinite }) {
        throw ReportingError.invalidModel(
          field: "layers[\(l)]", reason: "non-finite parameter \(bad)")
      }
      inputs = layer.biases.count
    }
    guard inputs == 1 && target.classes.count == 2 || inputs == target.classes.count else {
      throw ReportingError.invalidModel(
        field: "layers[\(layers.count - 1)]",
        reason:
          "output layer has \(inputs) neurons for \(target.classes.count) classes; use 1 (binary) or one per class"
      )
    }
    if creditPoints != nil, target.classes.count != 2 {
      throw ReportingError.invalidModel(
        field: "creditPoints", reason: "credit points need a binary target")
    }
  }
}

/// A raw input field of a PMML model.
public struct PMMLField: Sendable, Equatable {
  /// Column name as in the CSV header.
  public var name: String
  /// Numeric (`continuous`) or text (`categorical`).
  public var isContinuous: Bool
  /// Value used in place of a missing continuous value (raw scale); `nil` = the mean of the
  /// field's standardised feature, i.e. a standardised value of 0.
  public var missingReplacement: Double?

  /// A numeric field.
  public static func continuous(_ name: String, missingReplacement: Double? = nil) -> PMMLField {
    PMMLField(name: name, isContinuous: true, missingReplacement: missingReplacement)
  }

  /// A categorical field (any string value is accepted; unseen values match no one-hot column).
  public static func categorical(_ name: String) -> PMMLField {
    PMMLField(name: name, isContinuous: false, missingReplacement: nil)
  }
}

/// One network input derived from a raw field.
public enum PMMLFeature: Sendable, Equatable {
  /// `(x − mean) / standardDeviation` of a continuous field (`NormContinuous`).
  case standardized(field: String, mean: Double, standardDeviation: Double)
  /// 1 when the field is missing, else 0.
  case missingIndicator(field: String)
  /// 1 when a categorical field equals `value`, else 0 (`NormDiscrete`).
  case oneHot(field: String, value: String)
  /// 1 when a categorical field is present but none of `known` (the "other/unseen" bucket).
  case otherCategory(field: String, known: [String])
  /// The raw value of a continuous field (missing → its replacement, or 0).
  case raw(field: String)

  /// The source field.
  public var field: String {
    switch self {
    case .standardized(let f, _, _), .missingIndicator(let f), .oneHot(let f, _),
      .otherCategory(let f, _), .raw(let f):
      return f
    }
  }

  func check(against field: PMMLField, index: Int) throws {
    switch self {
    case .standardized(_, let mean, let sd):
      guard field.isContinuous else {
        throw ReportingError.invalidModel(
          field: "features[\(index)]",
          reason: "'\(field.name)' is categorical; standardise only continuous fields")
      }
      guard mean.isFinite, sd.isFinite, sd > 0 else {
        throw ReportingError.invalidModel(
          field: "features[\(index)]",
          reason: "standard deviation must be positive and finite, got \(sd)")
      }
    case .raw:
      guard field.isContinuous else {
        throw ReportingError.invalidModel(
          field: "features[\(index)]",
          reason: "'\(field.name)' is categorical; raw inputs must be continuous")
      }
    case .oneHot, .otherCategory:
      guard !field.isContinuous else {
        throw ReportingError.invalidModel(
          field: "features[\(index)]",
          reason: "'\(field.name)' is continuous; one-hot needs a categorical field")
      }
    case .missingIndicator:
      break
    }
  }
}

/// Activation functions PMML 4.4 names (`ACTIVATION-FUNCTION`) that Traction uses.
public enum PMMLActivation: String, Sendable, Equatable, CaseIterable {
  /// max(0, x).
  case rectifier
  /// 1 / (1 + e^−x).
  case logistic
  /// x.
  case identity
  /// tanh(x).
  case tanh
}

/// A fully connected layer: `output[k] = activation(biases[k] + Σ_j weights[k][j] · input[j])`.
public struct PMMLLayer: Sendable, Equatable {
  /// Weights, `(outputs, inputs)`: row *k* holds neuron *k*'s incoming weights.
  public var weights: [[Double]]
  /// One bias per neuron.
  public var biases: [Double]
  /// Activation applied to every neuron of the layer.
  public var activation: PMMLActivation

  /// Creates a layer.
  public init(weights: [[Double]], biases: [Double], activation: PMMLActivation) {
    self.weights = weights
    self.biases = biases
    self.activation = activation
  }

  /// Creates a layer from a row-major `(inputs, outputs)` weight buffer, as stored by a
  /// `Dense` layer computing `input · W`.
  public init(
    inputMajor data: [Float], inputs: Int, outputs: Int, biases: [Float], activation: PMMLActivation
  ) {
    precondition(data.count == inputs * outputs, "weight buffer must hold inputs × outputs values")
    self.weights = (0..<outputs).map { k in (0..<inputs).map { j in Double(data[j * outputs + k]) }
    }
    self.biases = biases.map(Double.init)
    self.activation = activation
  }
}

/// The predicted field of a classification model.
public struct PMMLTarget: Sendable, Equatable {
  /// Column name of the label.
  public var name: String
  /// Class labels; binary models list `[negative, positive]`.
  public var classes: [String]

  /// Creates a target.
  public init(name: String, classes: [String]) {
    self.name = name
    self.classes = classes
  }
}

/// Credit-score scaling: points = offset + factor · ln(good:bad odds), with
/// factor = pointsToDoubleOdds / ln 2 and offset = baseScore − factor · ln(baseOdds)
/// (Siddiqi, "Credit Risk Scorecards", 2006, ch. 6). Higher points mean lower risk.
public struct PMMLCreditPoints: Sendable, Equatable {
  /// Score at `baseOdds`, e.g. 600.
  public var baseScore: Double
  /// Good:bad odds at `baseScore`, e.g. 50.
  public var baseOdds: Double
  /// Points that double the odds, e.g. 20.
  public var pointsToDoubleOdds: Double

  /// Creates a scaling.
  public init(baseScore: Double = 600, baseOdds: Double = 50, pointsToDoubleOdds: Double = 20) {
    self.baseScore = baseScore
    self.baseOdds = baseOdds
    self.pointsToDoubleOdds = pointsToDoubleOdds
  }

  /// Points per unit of log-odds.
  public var factor: Double { pointsToDoubleOdds / log(2) }
  /// Points at even odds.
  public var offset: Double { baseScore - factor * log(baseOdds) }

  /// Points for a probability of the bad (positive) class.
  public func points(probabilityOfBad p: Double) -> Double {
    offset - factor * log(p / (1 - p))
  }
}
