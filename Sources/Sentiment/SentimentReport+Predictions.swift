import Foundation
import Reporting
import TextClassification

extension SentimentReport {
  /// The report of `sentiment predict --report`: predicted sentiment of unlabelled texts,
  /// by class, by group and over time (no accuracy: there are no labels).
  static func buildPredictions(
    summary: PredictionSummary, trends: SentimentTrends, model: FittedTextClassifier,
    settings: TextTaskSettings, inputs: [(path: String, role: String)]
  ) -> Report {
    func f(_ v: Double, _ digits: Int = 1) -> String { TextReportParts.fixed(v, digits) }
    let n = max(1, summary.rows)
    var text = "\(summary.rows) texts scored; \(f(summary.negativeShare * 100))% read negative."
    if let w = trends.worse.first {
      text +=
        " Got worse: \(w.group) (negative \(f(w.before * 100))% → \(f(w.after * 100))%)"
        + (trends.worse.count > 1 ? " and \(trends.worse.count - 1) more." : ".")
    }
    let figures = [
      KeyFigure(label: "Texts scored", value: Double(summary.rows), unit: .count, key: "rows"),
      KeyFigure(
        label: "Predicted negative", value: summary.negativeShare, unit: .percent,
        key: "negative_share", higherIsBetter: false),
    ]
    let bins = summary.confidenceBins.indices.map { i in
      "\(f(Double(i) * 0.05, 2))–\(f(Double(i + 1) * 0.05, 2))"
    }
    let sections = [
      Section(
        title: "Predicted sentiment",
        blocks: [
          .table(
            Table(
              caption: "Texts per predicted class",
              columns: ["Class", "Texts", "Share"],
              rows: model.classes.indices.map { k in
                [
                  model.classes[k], String(summary.classCounts[k]),
                  f(Double(summary.classCounts[k]) / Double(n) * 100) + "%",
                ]
              }, sortable: true)),
          .table(
            Table(
              caption: "The most confident predictions of each class",
              columns: ["Class", "Probability", "Text"],
              rows: model.classes.indices.flatMap { k in
                summary.examples[k].map { [model.classes[k], f($0.probability, 3), $0.text] }
              }, sortable: true)),
        ]),
      trendSection(
        trends, settings: settings,
        note: "Trends count the model's predictions on unlabelled texts; the intervals cover "
          + "sampling noise, not model errors."),
      Section(
        title: "Confidence",
        blocks: [
          .chart(
            .bar(
              BarChart(
                title: "Confidence of the top prediction", categories: bins,
                values: summary.confidenceBins.map(Double.init), valueLabel: "Texts",
                horizontal: false))),
          .paragraph(
            "Texts below the confidence the model reached on validation deserve a "
              + "human look before acting on them."),
        ]),
    ]
    let card = TextReportParts.modelCard(
      model: model,
      intendedUse: intendedUse,
      trainingData: "\(model.features.documentCount) texts",
      evaluationData: "none: predictions on unlabelled data",
      limitations: [
        misreadLimitation,
        "Without labels the report cannot show accuracy; run `sentiment evaluate` on a "
          + "labelled sample to check it.",
      ])
    var facts = [
      KeyValue("text column", settings.textColumn),
      KeyValue("classes", model.classes.joined(separator: ", ")),
    ]
    if let g = settings.groupColumn { facts.append(KeyValue("group column", g)) }
    if let t = settings.timeColumn { facts.append(KeyValue("time column", t)) }
    return Report(
      title: "Sentiment — predictions", summary: text, kind: SentimentAnalysis.task,
      keyFigures: figures, sections: sections,
      dataSummary: DataSummary(rows: summary.rows, columns: 0, facts: facts),
      modelCard: card,
      provenance: inputs.compactMap { input in
        input.path == "-"
          ? nil
          : try? InputFile.describing(fileAt: URL(fileURLWithPath: input.path), role: input.role)
      })
  }
}
