import Foundation
import NeuralCore
import Reporting
import Tabular

/// The file-level risk-scoring commands: one call per CLI subcommand.
///
/// ```swift
/// let summary = try RiskPipeline.train(
///   data: URL(fileURLWithPath: "datasets/churn/subscriptions.csv"),
///   request: RiskTrainingRequest(preset: .churn, target: "churned"),
///   model: URL(fileURLWithPath: "churn.model"), report: URL(fileURLWithPath: "reports/churn"))
/// ```
public enum RiskPipeline {
  /// Result of `train` or `evaluate`.
  public struct Summary: Sendable {
    /// Metrics on the validation split (train) or the given file (evaluate).
    public var metrics: RiskMetrics
    /// The `metrics.json` entries.
    public var metricsDictionary: [String: Double]
    /// Files written (model, report files).
    public var written: [URL]
  }

  /// Trains on `data`, writes the model and, when `report` is set, the report folder.
  /// - Parameters:
  ///   - previous: Key figures of an earlier run (`--compare`), loaded before training so that a
  ///     bad file stops the command before anything is written; shown as "vs previous run".
  /// - Throws: `RiskScoringError`, `TabularError`, `NeuralCoreError`, `ReportingError`.
  public static func train(
    data: URL, request: RiskTrainingRequest, model modelURL: URL, report: URL?,
    previous: ReportComparison? = nil, log: (String) -> Void = { _ in }
  ) throws -> Summary {
    // The string table is a temporary: it is released once encoded, before the ensemble trains.
    let prepared = try RiskTrainer.prepare(
      table: CSVReader.readAll(url: data), request: request, log: log)
    var (model, validation) = try RiskTrainer.train(prepared: prepared, request: request, log: log)
    model.training.options["tool_version"] = TractionVersion.string
    try model.save(to: modelURL)
    var written = [modelURL]
    let metrics = RiskMetrics.compute(
      probabilities: validation.probabilities, labels: validation.labels, policy: model.policy)
    let dictionary = metrics.dictionary(fitSeconds: model.training.fitSeconds)
    log(
      "validation: ROC AUC \(fmt(metrics.rocAUC)), PR AUC \(fmt(metrics.prAUC)), threshold "
        + "\(fmt(metrics.threshold)); fit \(fmt(model.training.fitSeconds)) s; model -> \(modelURL.path)")
    if let report {
      written += try writeReport(
        model: model, predictions: validation, metrics: metrics, dictionary: dictionary,
        evaluationName: "validation split of \(data.lastPathComponent)", inputs: [data],
        previous: previous, to: report)
    }
    return Summary(metrics: metrics, metricsDictionary: dictionary, written: written)
  }

  /// Evaluates a saved model on a labelled file.
  /// - Parameters:
  ///   - previous: Key figures of an earlier run (`--compare`), shown as "vs previous run".
  /// - Throws: `RiskScoringError` (missing columns, target problems), `TabularError`.
  public static func evaluate(
    model modelURL: URL, data: URL, report: URL?, previous: ReportComparison? = nil,
    log: (String) -> Void = { _ in }
  ) throws -> Summary {
    let model = try RiskModel.load(from: modelURL)
    let table = try CSVReader.readAll(url: data)
    guard table.rowCount > 0 else { throw RiskScoringError.noRows(file: table.source) }
    let predictions = try predict(model: model, table: table)
    let metrics = RiskMetrics.compute(
      probabilities: predictions.probabilities, labels: predictions.labels, policy: model.policy)
    let dictionary = metrics.dictionary(fitSeconds: nil)
    log(
      "\(data.lastPathComponent): \(metrics.rows) rows, ROC AUC \(fmt(metrics.rocAUC)), "
        + "PR AUC \(fmt(metrics.prAUC)), F1 \(fmt(metrics.f1)) at threshold \(fmt(metrics.threshold))")
    var written: [URL] = []
    if let report {
      written += try writeReport(
        model: model, predictions: predictions, metrics: metrics, dictionary: dictionary,
        evaluationName: data.lastPathComponent, inputs: [data, modelURL], previous: previous,
        to: report)
    }
    return Summary(metrics: metrics, metricsDictionary: dictionary, written: written)
  }

  /// Scores a labelled table with a model (labels from the model's target and positive value).
  static func predict(model: RiskModel, table: DataTable) throws -> RiskPredictions {
    let present = Set(table.header)
    let missing = (model.encoder.fieldNames + [model.target]).filter { !present.contains($0) }
    guard missing.isEmpty else {
      throw RiskScoringError.missingColumns(file: table.source, columns: missing)
    }
    let labels = try RiskLabels.resolve(
      table: table, target: model.target, positive: model.positiveLabel)
    let features = try model.encoder.transform(table)
    let logits = model.network.logits(features, rows: table.rowCount)
    return RiskPredictions(
      rows: Array(0..<table.rowCount), lineNumbers: table.lineNumbers, logits: logits,
      probabilities: logits.map { model.probability(ofLogit: $0) }, labels: labels.values,
      features: features)
  }

  static func writeReport(
    model: RiskModel, predictions: RiskPredictions, metrics: RiskMetrics,
    dictionary: [String: Double], evaluationName: String, inputs: [URL],
    previous: ReportComparison?, to directory: URL
  ) throws -> [URL] {
    let importance = RiskImportance.permutation(
      network: model.network, layout: model.layout, features: predictions.features,
      labels: predictions.labels)
    let files = try inputs.map { try InputFile.describing(fileAt: $0) }
    var report = RiskReportBuilder(
      model: model, predictions: predictions, metrics: metrics, evaluationName: evaluationName,
      inputs: files, importance: importance
    ).build()
    if let previous { report.compare(with: previous) }
    return try ReportWriter.write(report, to: directory, metrics: dictionary)
  }

  static func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.4f", x) : "n/a" }
}
