import Dispatch
import Foundation
import NeuralCore
import Tabular

/// What `traction churn|fraud|credit train` asks for.
public struct RiskTrainingRequest: Sendable {
  /// Business preset (costs, wording, credit sections).
  public var preset: RiskPreset
  /// Target column.
  public var target: String
  /// The target value counted as the risk outcome (needed when the target has > 2 values).
  public var positive: String?
  /// Row key column (excluded from features, echoed by `score`).
  public var identifier: String?
  /// Columns to ignore.
  public var drop: [String]
  /// Columns to treat as categories even if they hold numbers.
  public var categorical: [String]
  /// Cost of a false positive (default: the preset's).
  public var costFalsePositive: Double?
  /// Cost of a false negative (default: the preset's).
  public var costFalseNegative: Double?
  /// Flag this share of rows instead of using costs.
  public var maxAlertRate: Double?
  /// Scorecard scaling (credit).
  public var scorecard: Scorecard
  /// Model hyper-parameters (including the seed).
  public var configuration: RiskModelConfiguration

  /// Creates a request with the preset defaults.
  public init(
    preset: RiskPreset, target: String, positive: String? = nil, identifier: String? = nil,
    drop: [String] = [], categorical: [String] = [], costFalsePositive: Double? = nil,
    costFalseNegative: Double? = nil, maxAlertRate: Double? = nil,
    scorecard: Scorecard = Scorecard(),
    configuration: RiskModelConfiguration = RiskModelConfiguration()
  ) {
    self.preset = preset
    self.target = target
    self.positive = positive
    self.identifier = identifier
    self.drop = drop
    self.categorical = categorical
    self.costFalsePositive = costFalsePositive
    self.costFalseNegative = costFalseNegative
    self.maxAlertRate = maxAlertRate
    self.scorecard = scorecard
    self.configuration = configuration
  }

  /// Checks option ranges.
  func validate() throws {
    try configuration.validate()
    for (name, value) in [("--cost-fp", costFalsePositive), ("--cost-fn", costFalseNegative)] {
      if let value, !(value > 0 && value.isFinite) {
        throw RiskScoringError.invalidOption(option: name, reason: "must be a positive number")
      }
    }
    if let rate = maxAlertRate, !(rate > 0 && rate <= 1) {
      throw RiskScoringError.invalidOption(option: "--max-alert-rate", reason: "must be in (0, 1]")
    }
    if !(scorecard.pointsToDoubleOdds > 0 && scorecard.baseOdds > 0) {
      throw RiskScoringError.invalidOption(option: "--pdo", reason: "PDO and odds must be positive")
    }
  }
}

/// Trains risk models: schema, features, ensemble, calibration, threshold, explanations.
public enum RiskTrainer {
  /// Trains a model on a loaded table.
  /// - Parameters:
  ///   - table: the training file (from `CSVReader.readAll`).
  ///   - request: options.
  ///   - log: receives progress lines (schema, epochs, results).
  /// - Returns: the model and the validation predictions it was judged on.
  /// - Throws: `RiskScoringError` or `TabularError` naming file, line and column.
  public static func train(
    table: DataTable, request: RiskTrainingRequest, log: (String) -> Void = { _ in }
  ) throws -> (model: RiskModel, validation: RiskPredictions) {
    let prepared = try prepare(table: table, request: request, log: log)
    return try train(prepared: prepared, request: request, log: log)
  }

  /// What training needs from the file once it is encoded: the string table itself can be
  /// released before the ensemble trains (`RiskPipeline.train` does), so training holds
  /// about 100 bytes per row of the credit-default data instead of the table's 400 and more.
  struct Prepared {
    var source: String
    var rowCount: Int
    var lineNumbers: [Int]
    var schema: Schema
    var labels: RiskLabels
    var plan: ValidationPlan
    var encoder: FeatureEncoder
    var features: EncodedRows
    var configuration: RiskModelConfiguration
    /// When fitting started (schema inference and encoding count as fitting time).
    var start: ContinuousClock.Instant
  }

  /// Checks the request against the table, infers the schema, plans the validation rows and
  /// encodes the rows.
  static func prepare(
    table: DataTable, request: RiskTrainingRequest, log: (String) -> Void
  ) throws -> Prepared {
    try request.validate()
    guard table.rowCount > 0 else { throw RiskScoringError.noRows(file: table.source) }
    for (option, names) in [("--drop", request.drop), ("--categorical", request.categorical)] {
      for name in names where !table.header.contains(name) {
        throw RiskScoringError.unknownColumn(option: option, column: name, available: table.header)
      }
    }
    if let id = request.identifier, !table.header.contains(id) {
      throw RiskScoringError.unknownColumn(option: "--id", column: id, available: table.header)
    }
    let labels = try RiskLabels.resolve(
      table: table, target: request.target, positive: request.positive)
    let start = ContinuousClock.now
    var config = request.configuration
    if table.rowCount < RiskModelConfiguration.smallDataRows, let small = config.smallDataHidden {
      config.hidden = small
    }
    config.smallDataHidden = nil
    let positiveShare = labels.positiveShare
    config = config.resolvingPositiveShare(positiveShare)
    config = config.resolvingEpochBudget(rows: table.rowCount)
    config.crossFit = config.resolvedCrossFit(rows: table.rowCount, positiveShare: positiveShare)
    let schema = try inferSchema(table: table, request: request)
    for warning in schema.warnings { log("warning: \(warning)") }
    for column in schema.columns where column.isFeature {
      if let format = column.numberFormat {
        log("column '\(column.name)': numbers written like \(format) (scoring reads them the same way)")
      }
    }
    guard !schema.featureColumns.isEmpty else {
      throw RiskScoringError.trainingFailed(
        reason: "\(table.source): no usable feature columns (all are ids, constants, text or "
          + "dropped) — check --drop and --id")
    }
    let plan = try ValidationPlan.make(
      labels: labels.values, configuration: config, source: table.source,
      positive: labels.positive)
    let encoder = try FeatureEncoding().fit(table, schema: schema, rows: plan.encoderRows)
    let features = try encoder.transformCompact(table)
    log(
      "schema: \(schema.featureColumns.count) features -> \(encoder.width) inputs; "
        + "\(plan.describe); positive = '\(labels.positive)' (\(labels.positiveCount) rows)")
    return Prepared(
      source: table.source, rowCount: table.rowCount, lineNumbers: table.lineNumbers,
      schema: schema, labels: labels, plan: plan, encoder: encoder, features: features,
      configuration: config, start: start)
  }

  /// Trains the ensemble on prepared rows, then calibrates, sets the threshold and explains.
  static func train(
    prepared: Prepared, request: RiskTrainingRequest, log: (String) -> Void
  ) throws -> (model: RiskModel, validation: RiskPredictions) {
    let config = prepared.configuration
    let (schema, labels, plan, encoder) = (
      prepared.schema, prepared.labels, prepared.plan, prepared.encoder
    )
    let floatLabels = labels.values.map(Float.init)
    // Members that share a validation split (hold-out) share one expanded validation matrix.
    var trainers: [MLPTrainer] = []
    for member in plan.members {
      let shared = trainers.first { $0.validationRows == member.test }?.validationInput
      trainers.append(
        MLPTrainer(
          features: prepared.features, labels: floatLabels, trainRows: member.train,
          validationRows: member.test, configuration: config, validationInput: shared))
    }
    var members: [[RiskNetwork.Layer]] = []
    var curves: [[EpochCurvePoint]] = []
    var bestEpochs: [Int] = []
    let results = try trainMembers(trainers: trainers, configuration: config)
    let metricName = config.effectiveStoppingMetric == .averagePrecision ? "PR-AUC" : "ROC-AUC"
    for (member, result) in results.enumerated() {
      members.append(result.layers)
      curves.append(
        result.history.epochs.map {
          EpochCurvePoint(
            epoch: $0.epoch, trainLoss: $0.trainLoss, validationLoss: $0.validationLoss ?? .nan,
            validationAUC: $0.validationMetric ?? .nan)
        })
      bestEpochs.append(result.history.bestEpoch)
      let auc = result.history.epochs.first { $0.epoch == result.history.bestEpoch }?
        .validationMetric ?? .nan
      log(
        "member \(member + 1)/\(config.ensembleSize): best epoch \(result.history.bestEpoch) of "
          + "\(result.history.epochs.count), validation \(metricName) \(format(auc))")
    }
    let validationRows = plan.validationRows
    let validationLogits = plan.validationLogits(results.map(\.validationLogits))
    let network = RiskNetwork(members: members)
    let validationLabels = validationRows.map { labels.values[$0] }
    let calibration = PlattCalibration.fit(
      logits: validationLogits.map(Double.init), labels: validationLabels)
    let probabilities = validationLogits.map { calibration.probability(Double($0)) }
    let policy = DecisionPolicy.fit(
      probabilities: probabilities,
      costFalsePositive: request.costFalsePositive ?? request.preset.defaultFalsePositiveCost,
      costFalseNegative: request.costFalseNegative ?? request.preset.defaultFalseNegativeCost,
      maxAlertRate: request.maxAlertRate)
    let layout = fieldLayout(encoder: encoder, features: prepared.features, rows: plan.encoderRows)
    let elapsed = ContinuousClock.now - prepared.start
    let fitSeconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

    var options: [String: String] = [
      "target": request.target, "positive": labels.positive, "preset": request.preset.rawValue,
      "seed": String(config.seed),
    ]
    if let id = request.identifier ?? schema.identifier { options["id"] = id }
    if !request.drop.isEmpty { options["drop"] = request.drop.joined(separator: ",") }
    if !request.categorical.isEmpty {
      options["categorical"] = request.categorical.joined(separator: ",")
    }
    let record = RiskTrainingRecord(
      fileName: URL(fileURLWithPath: prepared.source).lastPathComponent, rows: prepared.rowCount,
      fitRows: plan.fitRows, validationRows: validationRows.count,
      positiveRate: labels.positiveShare,
      curves: curves, bestEpochs: bestEpochs, fitSeconds: fitSeconds, options: options)
    let model = RiskModel(
      preset: request.preset, target: request.target, positiveLabel: labels.positive,
      negativeLabel: labels.negative, identifier: request.identifier ?? schema.identifier,
      schema: schema, encoder: encoder, network: network, calibration: calibration,
      policy: policy, layout: layout, scorecard: request.scorecard, configuration: config,
      training: record)
    let validationFeatures =
      trainers.first { $0.validationRows == validationRows }?.validationInput.data
      ?? prepared.features.dense(rows: validationRows)
    let predictions = RiskPredictions(
      rows: validationRows, lineNumbers: validationRows.map { prepared.lineNumbers[$0] },
      logits: validationLogits, probabilities: probabilities, labels: validationLabels,
      features: validationFeatures)
    return (model, predictions)
  }

  /// Trains the ensemble members, up to `Parallel.coreCount` at a time. Each member has its own
  /// seed and touches only its own state, so the result does not depend on scheduling: the same
  /// `--seed` gives the same members in the same order on any number of cores.
  static func trainMembers(trainers: [MLPTrainer], configuration: RiskModelConfiguration) throws
    -> [MLPTrainer.Result]
  {
    let count = trainers.count
    let seeds = (0..<count).map { configuration.seed &+ UInt64($0) &* 0x9E37_79B9 }
    let box = MemberResults(count: count)
    let workers = min(count, max(Parallel.coreCount, 1))
    // Members are small networks whose GEMMs run on one core, so training several at once is
    // what uses the machine (measured: 3.3 s of CPU over 10 s wall for fraud, one at a time).
    // Members take different numbers of epochs, so each worker takes the next untrained member
    // rather than a fixed stride (5 members on 2 cores: no worker left with 3 long ones).
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let member = box.claim() {
        box.store(member, Result { try trainers[member].train(seed: seeds[member]) })
      }
    }
    return try box.collect()
  }

  /// Infers the schema, then treats whole-number columns with few distinct values as categories.
  static func inferSchema(table: DataTable, request: RiskTrainingRequest) throws -> Schema {
    var overrides = SchemaOverrides(
      identifier: request.identifier, drop: request.drop, categorical: request.categorical,
      target: request.target)
    var schema = try SchemaInference.infer(table, overrides: overrides)
    // One-hot levels cost parameters; small files (German credit, 800 rows) do better with the
    // ordinal value, larger ones (fraud, Taiwan credit) gain from per-level effects (measured).
    let limit = request.configuration.integerCategoryLimit
    guard limit > 0, table.rowCount >= RiskModelConfiguration.integerCategoryMinimumRows else {
      return schema
    }
    let promoted = schema.columns.filter {
      $0.isFeature && $0.kind == .numeric && $0.note == "whole numbers" && $0.distinctCount <= limit
    }.map(\.name)
    guard !promoted.isEmpty else { return schema }
    overrides.categorical += promoted
    schema = try SchemaInference.infer(table, overrides: overrides)
    return schema
  }

  /// Field groups of the encoder and the mean encoded training row as baseline.
  static func fieldLayout(encoder: FeatureEncoder, features: EncodedRows, rows: [Int])
    -> FieldLayout
  {
    let width = encoder.width
    var mean = [Double](repeating: 0, count: width)
    var row = [Float](repeating: 0, count: width)
    for index in rows {
      row.withUnsafeMutableBufferPointer { features.expand(row: index, into: $0) }
      for c in 0..<width { mean[c] += Double(row[c]) }
    }
    let baseline = mean.map { Float($0 / Double(max(rows.count, 1))) }
    let columns = encoder.fields.map { Array($0.offset..<($0.offset + $0.width)) }
    return FieldLayout(fieldNames: encoder.fieldNames, columns: columns, baseline: baseline)
  }

  static func format(_ value: Double) -> String {
    value.isFinite ? String(format: "%.4f", value) : "n/a"
  }
}

/// Predictions on labelled rows (validation split or an evaluation file).
public struct RiskPredictions: Sendable {
  /// Row indices in the source table.
  public var rows: [Int]
  /// Source line numbers.
  public var lineNumbers: [Int]
  /// Raw ensemble logits.
  public var logits: [Float]
  /// Calibrated probabilities.
  public var probabilities: [Double]
  /// 0/1 outcomes.
  public var labels: [Int]
  /// Encoded rows, row-major (for permutation importance).
  public var features: [Float]
}

/// Per-member training results written by concurrent workers (each slot by exactly one), and
/// the counter the workers claim members from.
private final class MemberResults: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<MLPTrainer.Result, any Error>?]

  private var claimed = 0

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  /// The next member nobody has started, or nil when all are taken.
  func claim() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard claimed < slots.count else { return nil }
    claimed += 1
    return claimed - 1
  }

  func store(_ index: Int, _ result: Result<MLPTrainer.Result, any Error>) {
    lock.lock()
    slots[index] = result
    lock.unlock()
  }

  /// The results in member order; rethrows the first member's error.
  func collect() throws -> [MLPTrainer.Result] {
    lock.lock()
    defer { lock.unlock() }
    return try slots.map { slot in
      guard let slot else {
        throw RiskScoringError.trainingFailed(reason: "an ensemble member did not finish")
      }
      return try slot.get()
    }
  }
}
