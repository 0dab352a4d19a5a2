import Evaluation
import Foundation
import NeuralCore
import Reporting
import TextClassification

/// Ticket routing: learns intents from labelled tickets, routes confident tickets
/// automatically and sends the rest to a human queue.
///
/// ```swift
/// let summary = try TicketRouting.train(.init(dataPath: "tickets.csv", textColumn: "text",
///                                             labelColumn: "intent", modelPath: "m.traction"))
/// ```
public enum TicketRouting {
  /// The task name stored in model files.
  public static let task = "tickets"

  /// Options of `traction tickets train`.
  public struct TrainOptions: Sendable {
    /// Training CSV (`-` = stdin).
    public var dataPath: String
    /// Text column.
    public var textColumn: String
    /// Intent column.
    public var labelColumn: String
    /// Optional id column copied to predictions.
    public var idColumn: String?
    /// Several intents per ticket, separated by `labelSeparator`.
    public var multiLabel: Bool
    /// Separator of intents in one cell.
    public var labelSeparator: String
    /// Precision the automatic routing must reach on validation data.
    public var targetPrecision: Double
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
      dataPath: String, textColumn: String = "text", labelColumn: String = "intent",
      idColumn: String? = nil, multiLabel: Bool = false, labelSeparator: String = "|",
      targetPrecision: Double = 0.95, validationFraction: Double = 0.1, seed: UInt64 = 42,
      epochs: Int? = nil, hidden: Int = 0, modelPath: String, reportDirectory: String? = nil,
      previousReport: ReportComparison? = nil
    ) {
      self.dataPath = dataPath
      self.textColumn = textColumn
      self.labelColumn = labelColumn
      self.idColumn = idColumn
      self.multiLabel = multiLabel
      self.labelSeparator = labelSeparator
      self.targetPrecision = targetPrecision
      self.validationFraction = validationFraction
      self.seed = seed
      self.epochs = epochs
      self.hidden = hidden
      self.modelPath = modelPath
      self.reportDirectory = reportDirectory
      self.previousReport = previousReport
    }
  }

  /// What a run printed and wrote.
  public struct Summary: Sendable {
    /// `metrics.json` values.
    public var metrics: [String: Double]
    /// One-line description for the terminal.
    public var message: String
  }

  /// Trains a router, picks the human-review threshold on validation data, writes the model and
  /// (optionally) the report.
  public static func train(
    _ o: TrainOptions, progress: ((EpochReport) -> Void)? = nil
  ) throws -> Summary {
    var settings = TextTaskSettings(
      textColumn: o.textColumn, labelColumn: o.labelColumn,
      labelSeparator: o.multiLabel ? o.labelSeparator : nil, idColumn: o.idColumn,
      threshold: 0.5, targetPrecision: o.targetPrecision)
    let outcome = try TextTraining.run(
      TextTrainingRequest(
        dataPath: o.dataPath, settings: settings, multiLabel: o.multiLabel,
        validationFraction: o.validationFraction, seed: o.seed, epochs: o.epochs, hidden: o.hidden),
      progress: progress)
    let v = outcome.validation
    if !o.multiLabel {
      let truth = v.truthIndex
      let correct = zip(v.predictedIndex, truth).map { $0 == $1 }
      let curve = AutomationCurve(confidence: v.confidence, correct: correct)
      settings.threshold = curve.threshold(forPrecision: o.targetPrecision)?.threshold ?? 1.0
    }
    try TextModelFile.write(outcome.fit.model, settings: settings, task: task, to: o.modelPath)
    var metrics = v.metrics
    metrics["fit_seconds"] = outcome.fit.fitSeconds
    metrics["threshold"] = settings.threshold
    if let dir = o.reportDirectory {
      var report = TicketReport.build(
        title: "Ticket routing — training report", scored: v, model: outcome.fit.model,
        settings: settings, evaluationData: "validation slice: \(v.texts.count) of "
          + "\(outcome.dataset.texts.count) tickets held out (stratified, seed \(o.seed))",
        exampleTexts: outcome.dataset.texts, fitSeconds: outcome.fit.fitSeconds,
        inputs: [(o.dataPath, "training data")])
      if let previous = o.previousReport { report.compare(with: previous) }
      try ReportWriter.write(report, to: URL(fileURLWithPath: dir), metrics: metrics)
    }
    let s = v.report
    return Summary(
      metrics: metrics,
      message: outcome.warningLines + "tickets: \(outcome.dataset.texts.count) rows, \(v.classes.count) intents; "
        + "validation accuracy \(TextReportParts.fixed(s.accuracy)), macro-F1 "
        + "\(TextReportParts.fixed(s.macro.f1)); human-review threshold "
        + "\(TextReportParts.fixed(settings.threshold)); model written to \(o.modelPath)")
  }

  /// Scores a labelled file with a saved router and writes the report.
  /// - Parameters:
  ///   - previous: Key figures of an earlier run (`--compare`), shown as "vs previous run".
  public static func evaluate(
    modelPath: String, dataPath: String, reportDirectory: String?,
    textColumn: String? = nil, labelColumn: String? = nil, previous: ReportComparison? = nil
  ) throws -> Summary {
    var (model, settings) = try TextModelFile.read(task: task, from: modelPath)
    if let t = textColumn { settings.textColumn = t }
    if let l = labelColumn { settings.labelColumn = l }
    let ((data, scored), seconds) = try TextTraining.evaluateTimed(
      model: model, settings: settings, dataPath: dataPath)
    var metrics = scored.metrics
    metrics["predict_seconds"] = seconds
    if let dir = reportDirectory {
      var report = TicketReport.build(
        title: "Ticket routing — evaluation report", scored: scored, model: model,
        settings: settings, evaluationData: "\(data.texts.count) labelled tickets from "
          + (dataPath as NSString).lastPathComponent,
        exampleTexts: data.texts, fitSeconds: nil,
        inputs: [(dataPath, "evaluation data"), (modelPath, "model")])
      if let previous { report.compare(with: previous) }
      try ReportWriter.write(report, to: URL(fileURLWithPath: dir), metrics: metrics)
    }
    let s = scored.report
    return Summary(
      metrics: metrics,
      message: "tickets: \(data.texts.count) rows; accuracy \(TextReportParts.fixed(s.accuracy)), "
        + "macro-F1 \(TextReportParts.fixed(s.macro.f1)), weighted-F1 "
        + "\(TextReportParts.fixed(s.weighted.f1))")
  }

  /// Streams predictions: id (or row number), intent, probability, decision, top-k intents.
  @discardableResult
  public static func predict(
    modelPath: String, dataPath: String, outPath: String, k: Int = 3,
    textColumn: String? = nil, idColumn: String? = nil
  ) throws -> Int {
    var (model, settings) = try TextModelFile.read(task: task, from: modelPath)
    if let t = textColumn { settings.textColumn = t }
    if let i = idColumn { settings.idColumn = i }
    let idName = settings.idColumn ?? "row"
    let multi = model.configuration.multiLabel
    let header = [idName, multi ? "intents" : "intent", "probability", "decision", "top_intents"]
    return try TextPredictionStream.run(
      input: dataPath, output: outPath, textColumn: settings.textColumn,
      keepColumns: settings.idColumn.map { [$0] } ?? [], header: header
    ) { texts, kept, first in
      let p = model.predictProbabilities(texts)
      return texts.indices.map { r -> [String] in
        let id = kept[r].first ?? String(first + r + 1)
        let top = p.top(r, k: max(1, k))
        let topText = top.map { "\(model.classes[$0.index])=\(String(format: "%.4f", $0.probability))" }
          .joined(separator: ";")
        if multi {
          let labels = p[r].indices.filter { Double(p.values[$0]) >= settings.threshold }
            .map { model.classes[$0 - r * model.classes.count] }
          return [id, labels.joined(separator: settings.labelSeparator ?? "|"),
            String(format: "%.4f", top[0].probability), labels.isEmpty ? "human_review" : "auto",
            topText]
        }
        let decision = Double(top[0].probability) >= settings.threshold ? "auto" : "human_review"
        return [id, model.classes[top[0].index], String(format: "%.4f", top[0].probability),
          decision, topText]
      }
    }
  }
}
