import Evaluation
import Foundation
import NeuralCore
import Reporting
import TextClassification

/// Sentiment analysis of reviews and messages (2 or 3 classes, English and Chinese), with
/// trends by group and time.
///
/// ```swift
/// let s = try SentimentAnalysis.train(.init(dataPath: "reviews.csv", textColumn: "review",
///                                           labelColumn: "sentiment", modelPath: "s.traction"))
/// ```
public enum SentimentAnalysis {
  /// The task name stored in model files.
  public static let task = "sentiment"

  /// Options of `traction sentiment train`.
  public struct TrainOptions: Sendable {
    /// Training CSV (`-` = stdin).
    public var dataPath: String
    /// Text column.
    public var textColumn: String
    /// Sentiment column.
    public var labelColumn: String
    /// Optional id column copied to predictions.
    public var idColumn: String?
    /// Optional grouping column for trends (e.g. airline, product).
    public var groupColumn: String?
    /// Optional time column for trends.
    public var timeColumn: String?
    /// Share of rows held out for validation.
    public var validationFraction: Double
    /// Seed.
    public var seed: UInt64
    /// Epochs override.
    public var epochs: Int?
    /// Hidden-layer width (0 = the linear model, the measured default).
    public var hidden: Int
    /// Model file to write.
    public var modelPath: String
    /// Report folder, if any.
    public var reportDirectory: String?
    /// Key figures of an earlier run (`--compare`), shown as "vs previous run" in the report.
    public var previousReport: ReportComparison?

    /// Creates options with the documented defaults.
    public init(
      dataPath: String, textColumn: String = "text", labelColumn: String = "sentiment",
      idColumn: String? = nil, groupColumn: String? = nil, timeColumn: String? = nil,
      validationFraction: Double = 0.1, seed: UInt64 = 42, epochs: Int? = nil, hidden: Int = 0,
      modelPath: String, reportDirectory: String? = nil,
      previousReport: ReportComparison? = nil
    ) {
      self.dataPath = dataPath
      self.textColumn = textColumn
      self.labelColumn = labelColumn
      self.idColumn = idColumn
      self.groupColumn = groupColumn
      self.timeColumn = timeColumn
      self.validationFraction = validationFraction
      self.seed = seed
      self.epochs = epochs
      self.hidden = hidden
      self.modelPath = modelPath
      self.reportDirectory = reportDirectory
      self.previousReport = previousReport
    }
  }

  /// What a run wrote.
  public struct Summary: Sendable {
    /// `metrics.json` values.
    public var metrics: [String: Double]
    /// One-line description for the terminal.
    public var message: String
  }

  static func extraColumns(_ s: TextTaskSettings) -> [(name: String, option: String)] {
    (s.groupColumn.map { [($0, "--group")] } ?? []) + (s.timeColumn.map { [($0, "--time")] } ?? [])
  }

  /// Trains a sentiment model, writes it and (optionally) the report.
  public static func train(
    _ o: TrainOptions, progress: ((EpochReport) -> Void)? = nil
  ) throws -> Summary {
    let settings = TextTaskSettings(
      textColumn: o.textColumn, labelColumn: o.labelColumn, idColumn: o.idColumn,
      groupColumn: o.groupColumn, timeColumn: o.timeColumn)
    let outcome = try TextTraining.run(
      TextTrainingRequest(
        dataPath: o.dataPath, settings: settings, validationFraction: o.validationFraction,
        seed: o.seed, epochs: o.epochs, hidden: o.hidden, extraColumns: extraColumns(settings)),
      progress: progress)
    let classes = outcome.fit.model.classes
    guard classes.count <= 5 else {
      throw SentimentError.invalidInput(
        "'\(o.labelColumn)' has \(classes.count) distinct values; sentiment expects 2 or 3 "
          + "(negative/neutral/positive) — check --label or use `traction tickets` for topics")
    }
    try TextModelFile.write(outcome.fit.model, settings: settings, task: task, to: o.modelPath)
    var metrics = outcome.validation.metrics
    metrics["fit_seconds"] = outcome.fit.fitSeconds
    if let dir = o.reportDirectory {
      let all = outcome.fit.model.predictProbabilities(outcome.dataset.texts)
      var report = SentimentReport.build(
        title: "Sentiment — training report", scored: outcome.validation,
        model: outcome.fit.model, settings: settings,
        evaluationData: "validation slice: \(outcome.validation.texts.count) of "
          + "\(outcome.dataset.texts.count) texts held out (stratified, seed \(o.seed))",
        trendData: outcome.dataset, trendProbabilities: all,
        trendNote: "Trends use the final model's predictions on all training rows.",
        fitSeconds: outcome.fit.fitSeconds, inputs: [(o.dataPath, "training data")])
      if let previous = o.previousReport { report.compare(with: previous) }
      try ReportWriter.write(report, to: URL(fileURLWithPath: dir), metrics: metrics)
    }
    let s = outcome.validation.report
    return Summary(
      metrics: metrics,
      message: outcome.warningLines + "sentiment: \(outcome.dataset.texts.count) rows, classes "
        + classes.joined(separator: "/") + "; validation accuracy "
        + "\(TextReportParts.fixed(s.accuracy)), macro-F1 \(TextReportParts.fixed(s.macro.f1)); "
        + "model written to \(o.modelPath)")
  }

  /// Scores a labelled file with a saved model and writes the report (with trends when the
  /// model or the flags name group/time columns).
  ///
  /// `previous` holds the key figures of an earlier run (`--compare`), shown as "vs previous run".
  public static func evaluate(
    modelPath: String, dataPath: String, reportDirectory: String?, textColumn: String? = nil,
    labelColumn: String? = nil, groupColumn: String? = nil, timeColumn: String? = nil,
    previous: ReportComparison? = nil
  ) throws -> Summary {
    var (model, settings) = try TextModelFile.read(task: task, from: modelPath)
    if let t = textColumn { settings.textColumn = t }
    if let l = labelColumn { settings.labelColumn = l }
    if let g = groupColumn { settings.groupColumn = g }
    if let t = timeColumn { settings.timeColumn = t }
    let ((data, scored), seconds) = try TextTraining.evaluateTimed(
      model: model, settings: settings, dataPath: dataPath,
      extraColumns: extraColumns(settings))
    var metrics = scored.metrics
    metrics["predict_seconds"] = seconds
    if let dir = reportDirectory {
      var report = SentimentReport.build(
        title: "Sentiment — evaluation report", scored: scored, model: model, settings: settings,
        evaluationData: "\(data.texts.count) labelled texts from "
          + (dataPath as NSString).lastPathComponent,
        trendData: data, trendProbabilities: scored.probabilities,
        trendNote: "Trends use the model's predictions (not the labels), as on new data.",
        fitSeconds: nil, inputs: [(dataPath, "evaluation data"), (modelPath, "model")])
      if let previous { report.compare(with: previous) }
      try ReportWriter.write(report, to: URL(fileURLWithPath: dir), metrics: metrics)
    }
    let s = scored.report
    return Summary(
      metrics: metrics,
      message: "sentiment: \(data.texts.count) rows; accuracy \(TextReportParts.fixed(s.accuracy)), "
        + "macro-F1 \(TextReportParts.fixed(s.macro.f1)), weighted-F1 "
        + "\(TextReportParts.fixed(s.weighted.f1))")
  }
}
