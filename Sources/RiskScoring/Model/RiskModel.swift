import Foundation
import NeuralCore
import Tabular

/// A fitted risk model: schema, feature encoder, network ensemble, calibration, decision policy
/// and what is needed to explain a score. Saved as one `ModelArchive` file.
///
/// ```swift
/// let model = try RiskModel.load(from: URL(fileURLWithPath: "churn.model"))
/// let p = model.probability(ofLogit: model.network.logits(x, rows: 1)[0])
/// ```
public struct RiskModel: Sendable {
  /// Business framing the model was trained under.
  public var preset: RiskPreset
  /// Target column name.
  public var target: String
  /// The target value counted as the risk outcome.
  public var positiveLabel: String
  /// The other target value (or "(other)" when the target had more than two values).
  public var negativeLabel: String
  /// Row key column, if any.
  public var identifier: String?
  /// The inferred (and overridden) schema of the training file.
  public var schema: Schema
  /// Feature encoder fitted on the training rows.
  public var encoder: FeatureEncoder
  /// The network ensemble.
  public var network: RiskNetwork
  /// Platt calibration of the ensemble logit.
  public var calibration: PlattCalibration
  /// Threshold and risk bands.
  public var policy: DecisionPolicy
  /// Field groups and baseline for reason codes.
  public var layout: FieldLayout
  /// Credit scorecard scaling (used by the `credit` preset).
  public var scorecard: Scorecard
  /// Hyper-parameters used.
  public var configuration: RiskModelConfiguration
  /// What training saw and measured (for reports).
  public var training: RiskTrainingRecord

  /// The task string written in the archive header.
  public static let task = "risk-scoring"

  /// The calibrated probability of a raw ensemble logit.
  public func probability(ofLogit logit: Float) -> Double {
    calibration.probability(Double(logit))
  }
}

/// Facts about training kept in the model file so `evaluate` can print the configuration and
/// the training curves.
public struct RiskTrainingRecord: Codable, Sendable, Equatable {
  /// Training file name (no directory).
  public var fileName: String
  /// Rows in the training file.
  public var rows: Int
  /// Rows used to fit the weights.
  public var fitRows: Int
  /// Rows held out for early stopping, calibration and the threshold.
  public var validationRows: Int
  /// Share of positives in the training file.
  public var positiveRate: Double
  /// Per member: training loss, validation loss and validation ROC-AUC of every epoch.
  public var curves: [[EpochCurvePoint]]
  /// Best epoch of every member.
  public var bestEpochs: [Int]
  /// Wall time of feature fitting plus training, in seconds; known only in the run that trained
  /// the model (it goes to metrics.json and the training report). It is not stored in the model
  /// file, so that the same seed gives byte-identical files; a loaded model has NaN.
  public var fitSeconds: Double = .nan
  /// Options given on the command line, for the report.
  public var options: [String: String]

  /// Every stored field; `fitSeconds` is left out (wall-clock, would make files differ).
  enum CodingKeys: String, CodingKey {
    case fileName, rows, fitRows, validationRows, positiveRate, curves, bestEpochs, options
  }
}

/// One epoch of a training curve.
public struct EpochCurvePoint: Codable, Sendable, Equatable {
  /// 1-based epoch.
  public var epoch: Int
  /// Mean training loss.
  public var trainLoss: Double
  /// Validation loss.
  public var validationLoss: Double
  /// The validation metric early stopping watched (`RiskModelConfiguration.stoppingMetric`:
  /// ROC-AUC, or average precision; the name is kept for old model files).
  public var validationAUC: Double
}

/// The JSON metadata of a risk model file (everything but the weights).
struct RiskModelMetadata: Codable {
  var preset: RiskPreset
  var target: String
  var positiveLabel: String
  var negativeLabel: String
  var identifier: String?
  var schema: Schema
  var encoder: FeatureEncoder
  var calibration: PlattCalibration
  var policy: DecisionPolicy
  var layout: FieldLayout
  var scorecard: Scorecard
  var configuration: RiskModelConfiguration
  var training: RiskTrainingRecord
  /// Layer widths of every member: `[[inputs, outputs], ...]`.
  var memberShapes: [[[Int]]]
}

extension RiskModel {
  /// Writes the model atomically (temporary file, then rename).
  /// - Throws: `NeuralCoreError.writeFailed` or an encoding error.
  public func save(to url: URL) throws {
    var archive = ModelArchive(task: Self.task)
    var shapes: [[[Int]]] = []
    for (m, member) in network.members.enumerated() {
      var memberShape: [[Int]] = []
      for (l, layer) in member.enumerated() {
        archive.tensors["member\(m).layer\(l).weight"] = Tensor(
          shape: [layer.inputs, layer.outputs], data: layer.weights)
        archive.tensors["member\(m).layer\(l).bias"] = Tensor(
          shape: [1, layer.outputs], data: layer.bias)
        memberShape.append([layer.inputs, layer.outputs])
      }
      shapes.append(memberShape)
    }
    try archive.setMetadata(
      RiskModelMetadata(
        preset: preset, target: target, positiveLabel: positiveLabel,
        negativeLabel: negativeLabel, identifier: identifier, schema: schema, encoder: encoder,
        calibration: calibration, policy: policy, layout: layout, scorecard: scorecard,
        configuration: configuration, training: training, memberShapes: shapes))
    try archive.write(to: url)
  }

  /// Reads a model written by `save(to:)`.
  /// - Throws: `NeuralCoreError.modelFile` for a damaged file, another version or another
  ///   task; `RiskScoringError.wrongModel` when the weights do not fit the metadata.
  public static func load(from url: URL) throws -> RiskModel {
    let archive = try ModelArchive.read(from: url)
    guard archive.task == task else {
      throw RiskScoringError.wrongModel(
        path: url.path,
        reason: "is a '\(archive.task)' model, not a risk-scoring model — use the matching command")
    }
    let meta = try archive.decodeMetadata(RiskModelMetadata.self, path: url.path)
    var members: [[RiskNetwork.Layer]] = []
    for (m, shapes) in meta.memberShapes.enumerated() {
      var layers: [RiskNetwork.Layer] = []
      for (l, shape) in shapes.enumerated() where shape.count == 2 {
        let weight = try archive.tensor("member\(m).layer\(l).weight", shape: shape)
        let bias = try archive.tensor("member\(m).layer\(l).bias", shape: [1, shape[1]])
        layers.append(
          RiskNetwork.Layer(
            inputs: shape[0], outputs: shape[1], weights: weight.data, bias: bias.data))
      }
      members.append(layers)
    }
    let chainsValid =
      !members.isEmpty
      && members.allSatisfy { chain in
        !chain.isEmpty && chain.last?.outputs == 1 && chain[0].inputs == meta.encoder.width
          && zip(chain, chain.dropFirst()).allSatisfy { $0.outputs == $1.inputs }
      }
    guard chainsValid, meta.layout.baseline.count == meta.encoder.width else {
      throw RiskScoringError.wrongModel(
        path: url.path, reason: "weights do not match the stored feature layout — retrain it")
    }
    return RiskModel(
      preset: meta.preset, target: meta.target, positiveLabel: meta.positiveLabel,
      negativeLabel: meta.negativeLabel, identifier: meta.identifier, schema: meta.schema,
      encoder: meta.encoder, network: RiskNetwork(members: members),
      calibration: meta.calibration, policy: meta.policy, layout: meta.layout,
      scorecard: meta.scorecard, configuration: meta.configuration, training: meta.training)
  }
}
