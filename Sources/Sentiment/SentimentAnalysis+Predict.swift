import Foundation
import Reporting
import TextClassification

extension SentimentAnalysis {
  /// Options of `traction sentiment predict`.
  public struct PredictOptions: Sendable {
    /// Model file.
    public var modelPath: String
    /// CSV to score (`-` = stdin).
    public var dataPath: String
    /// Output CSV (`-` = stdout).
    public var outPath: String
    /// Text column (default: as trained).
    public var textColumn: String?
    /// Id column (default: as trained, else the row number).
    public var idColumn: String?
    /// Group column for trends of the predicted sentiment (with a report: default as trained).
    public var groupColumn: String?
    /// Time column for trends of the predicted sentiment (with a report: default as trained).
    public var timeColumn: String?
    /// Report folder, if any.
    public var reportDirectory: String?

    /// Creates options; only the model, the data and the output are required.
    public init(
      modelPath: String, dataPath: String, outPath: String, textColumn: String? = nil,
      idColumn: String? = nil, groupColumn: String? = nil, timeColumn: String? = nil,
      reportDirectory: String? = nil
    ) {
      self.modelPath = modelPath
      self.dataPath = dataPath
      self.outPath = outPath
      self.textColumn = textColumn
      self.idColumn = idColumn
      self.groupColumn = groupColumn
      self.timeColumn = timeColumn
      self.reportDirectory = reportDirectory
    }
  }

  /// Streams predictions: id (or row number), sentiment, probability, and a score from -1
  /// (surely negative) to +1 (surely positive).
  ///
  /// With a group or time column the predicted sentiment is also counted by group and period
  /// (counts only, so memory stays constant in the number of rows) into the same trends that
  /// `train` and `evaluate` show; with a report folder they are written to `report.html`,
  /// `report.xml` and `metrics.json` (`rows`, `negative_share`).
  /// - Returns: the rows written and a one-line summary (`nil` without trends or report).
  @discardableResult
  public static func predict(_ o: PredictOptions) throws -> (rows: Int, message: String?) {
    var (model, settings) = try TextModelFile.read(task: task, from: o.modelPath)
    if let t = o.textColumn { settings.textColumn = t }
    if let i = o.idColumn { settings.idColumn = i }
    let reporting = o.reportDirectory != nil
    let group = o.groupColumn ?? (reporting ? settings.groupColumn : nil)
    let time = o.timeColumn ?? (reporting ? settings.timeColumn : nil)
    settings.groupColumn = group
    settings.timeColumn = time
    let extra = (group.map { [($0, "--group")] } ?? []) + (time.map { [($0, "--time")] } ?? [])
    let polarity = Polarity.map(model.classes)
    let idCount = settings.idColumn == nil ? 0 : 1
    var summary = PredictionSummary(
      classes: model.classes, grouped: group != nil, timed: time != nil)
    let rows = try TextPredictionStream.run(
      input: o.dataPath, output: o.outPath, textColumn: settings.textColumn,
      keepColumns: settings.idColumn.map { [$0] } ?? [], extraColumns: extra,
      header: [settings.idColumn ?? "row", "sentiment", "probability", "score"]
    ) { texts, kept, first in
      let p = model.predictProbabilities(texts)
      return texts.indices.map { r in
        let top = p.top(r)
        var score: Float = 0
        for (k, v) in p[r].enumerated() { score += Float(polarity[k]) * v }
        let extras = kept[r].dropFirst(idCount)
        summary.add(
          text: texts[r], predicted: top.index, probability: Double(top.probability),
          polarity: polarity[top.index], group: group == nil ? nil : extras.first,
          time: time == nil ? nil : extras.last)
        let id = idCount == 1 ? kept[r][0] : String(first + r + 1)
        return [
          id, model.classes[top.index],
          String(format: "%.4f", top.probability), String(format: "%.4f", score),
        ]
      }
    }
    let trends = summary.trends.trends()
    if let dir = o.reportDirectory {
      let report = SentimentReport.buildPredictions(
        summary: summary, trends: trends, model: model, settings: settings,
        inputs: [(o.dataPath, "scored data"), (o.modelPath, "model")])
      try ReportWriter.write(
        report, to: URL(fileURLWithPath: dir),
        metrics: ["rows": Double(rows), "negative_share": summary.negativeShare])
    }
    guard reporting || group != nil || time != nil else { return (rows, nil) }
    var message =
      "sentiment: \(rows) rows predicted; "
      + "\(TextReportParts.fixed(summary.negativeShare * 100, 1))% negative"
    if let w = trends.worse.first {
      message +=
        "; got worse: " + trends.worse.map(\.group).joined(separator: ", ")
        + " (\(w.group): \(TextReportParts.fixed(w.before * 100, 1))% → "
        + "\(TextReportParts.fixed(w.after * 100, 1))% negative)"
    } else if time != nil {
      message += "; no group got significantly worse"
    }
    return (rows, message + (o.reportDirectory.map { "; report in \($0)" } ?? ""))
  }
}

/// What `sentiment predict` keeps about the rows it streamed: counts, a confidence histogram
/// and the three most confident texts per class — never the rows themselves.
struct PredictionSummary: Sendable {
  let classes: [String]
  var trends: SentimentTrends.Accumulator
  /// Predictions per class.
  var classCounts: [Int]
  /// Top-class probabilities in 20 bins of width 0.05.
  var confidenceBins = [Int](repeating: 0, count: 20)
  /// Up to three (probability, text) per class, most confident first.
  var examples: [[(probability: Double, text: String)]]
  var negative = 0
  var rows = 0

  init(classes: [String], grouped: Bool, timed: Bool) {
    self.classes = classes
    trends = SentimentTrends.Accumulator(grouped: grouped, timed: timed)
    classCounts = [Int](repeating: 0, count: classes.count)
    examples = Array(repeating: [], count: classes.count)
  }

  /// Share of rows predicted negative.
  var negativeShare: Double { rows == 0 ? 0 : Double(negative) / Double(rows) }

  mutating func add(
    text: String, predicted k: Int, probability: Double, polarity: Int, group: String?,
    time: String?
  ) {
    rows += 1
    if polarity < 0 { negative += 1 }
    classCounts[k] += 1
    confidenceBins[min(19, max(0, Int(probability * 20)))] += 1
    trends.add(polarity: polarity, group: group, time: time)
    if examples[k].count < 3 || probability > (examples[k].last?.probability ?? 0) {
      let excerpt = TextReportParts.excerpt(text)
      let at = examples[k].firstIndex { $0.probability < probability } ?? examples[k].count
      examples[k].insert((probability, excerpt), at: at)
      if examples[k].count > 3 { examples[k].removeLast() }
    }
  }
}
