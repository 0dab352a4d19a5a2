import Evaluation
import Foundation
import Reporting
import TextClassification

/// Builds the sentiment report.
enum SentimentReport {
  /// The model card's intended use, the same for training, evaluation and prediction reports.
  static let intendedUse =
    "Measure the sentiment of reviews and customer messages, and follow it by group and over time."
  /// The limitation every sentiment report states.
  static let misreadLimitation = "Sarcasm and mixed opinions are often misread."
  static func build(
    title: String, scored: TextScoredSet, model: FittedTextClassifier, settings: TextTaskSettings,
    evaluationData: String, trendData: TextDataset, trendProbabilities: ProbabilityMatrix,
    trendNote: String, fitSeconds: Double?, inputs: [(path: String, role: String)]
  ) -> Report {
    func f(_ v: Double, _ digits: Int = 3) -> String { TextReportParts.fixed(v, digits) }
    let s = scored.report
    let truth = scored.truthIndex
    let predicted = scored.predictedIndex
    let confidence = scored.confidence
    let correct = zip(predicted, truth).map { $0 == $1 }
    let polarity = Polarity.map(model.classes)
    let trendPolarity = (0..<trendProbabilities.count).map { polarity[trendProbabilities.top($0).index] }
    let negativeShare = trendPolarity.isEmpty ? 0
      : Double(trendPolarity.filter { $0 < 0 }.count) / Double(trendPolarity.count)

    var figures = [
      KeyFigure(label: "Accuracy", value: s.accuracy, unit: .percent, key: "accuracy",
        higherIsBetter: true),
      KeyFigure(label: "Macro-F1", value: s.macro.f1, unit: .score, key: "macro_f1",
        higherIsBetter: true),
      KeyFigure(label: "Predicted negative", value: negativeShare, unit: .percent,
        key: "negative_share", higherIsBetter: false),
      KeyFigure(label: "Texts scored", value: Double(scored.texts.count), unit: .count),
    ]
    if let fitSeconds {
      figures.append(KeyFigure(label: "Training time", value: fitSeconds, unit: .seconds))
    }
    let trends = SentimentTrends(
      polarity: trendPolarity, groups: settings.groupColumn.flatMap { trendData.extra[$0] },
      times: settings.timeColumn.flatMap { trendData.extra[$0] })
    var summary = "The model tells \(model.classes.joined(separator: ", ")) apart with "
      + "\(f(s.accuracy * 100, 1))% accuracy (macro-F1 \(f(s.macro.f1))). "
      + "\(f(negativeShare * 100, 1))% of the texts read negative."
    if let w = trends.worse.first {
      summary += " Got worse: \(w.group) (negative \(f(w.before * 100, 1))% → \(f(w.after * 100, 1))%)"
        + (trends.worse.count > 1 ? " and \(trends.worse.count - 1) more." : ".")
    }

    var sections: [Section] = [
      Section(title: "Quality per class", blocks: [
        TextReportParts.perClassTable(s, noun: "class"),
        .paragraph("Weighted-F1 \(f(s.weighted.f1)); accuracy \(f(s.accuracy))."),
      ]),
      Section(title: "Most confused classes", blocks: TextReportParts.confusedPairs(
        scored.confusion, truth: scored.truthNames, predicted: scored.predictedNames,
        texts: scored.texts, noun: "class")),
    ]
    sections.append(Section(title: "Example texts per class", blocks: [
      .table(Table(
        caption: "The most confident correct predictions of each class",
        columns: ["Class", "Probability", "Text"],
        rows: model.classes.indices.flatMap { k -> [[String]] in
          let rows = predicted.indices.filter { predicted[$0] == k && correct[$0] }
            .sorted { confidence[$0] > confidence[$1] }.prefix(3)
          return rows.map { [model.classes[k], f(confidence[$0]), TextReportParts.excerpt(scored.texts[$0])] }
        }, sortable: true)),
    ]))
    sections.append(trendSection(trends, settings: settings, note: trendNote))
    sections.append(Section(title: "Confidence", blocks: [
      TextReportParts.confidenceHistogram(confidence: confidence, correct: correct),
    ]))
    sections.append(Section(title: "What the model looks for", blocks: [
      TextReportParts.indicativeNgrams(model: model, texts: trendData.texts, noun: "class"),
    ]))
    let card = TextReportParts.modelCard(
      model: model,
      intendedUse: intendedUse,
      trainingData: "\(model.features.documentCount) texts", evaluationData: evaluationData,
      limitations: [
        misreadLimitation,
        "Trends count predictions; their intervals cover sampling noise, not model errors.",
      ])
    return Report(
      title: title, summary: summary, kind: SentimentAnalysis.task, keyFigures: figures, sections: sections,
      dataSummary: DataSummary(rows: trendData.texts.count, columns: trendData.columnCount, facts: [
        KeyValue("text column", settings.textColumn), KeyValue("label column", settings.labelColumn),
        KeyValue("classes", model.classes.joined(separator: ", ")),
      ]),
      modelCard: card,
      provenance: inputs.compactMap { input in
        input.path == "-" ? nil
          : try? InputFile.describing(fileAt: URL(fileURLWithPath: input.path), role: input.role)
      })
  }

  static func trendSection(_ t: SentimentTrends, settings: TextTaskSettings, note: String) -> Section {
    func pct(_ v: Double) -> String { TextReportParts.fixed(v * 100, 1) + "%" }
    guard settings.groupColumn != nil || settings.timeColumn != nil else {
      return Section(title: "Trends", blocks: [
        .paragraph("Pass --group COLUMN and/or --time COLUMN to see sentiment by group and over time."),
      ])
    }
    var blocks: [Block] = [.note(note)]
    if settings.timeColumn != nil, t.periods.count >= 2 {
      let index = Dictionary(uniqueKeysWithValues: t.periods.enumerated().map { ($1, Double($0)) })
      let series = t.groups.prefix(6).map { g in
        let cells = t.cells.filter { $0.group == g }
        return LineChart.Series(
          name: g, x: cells.compactMap { index[$0.period] }, y: cells.map(\.share),
          style: g == "all" ? .dashed : .solid)
      }
      blocks.append(.chart(.line(LineChart(
        title: "Share of negative texts over time (periods \(t.periods.first ?? "") to "
          + "\(t.periods.last ?? ""))",
        xLabel: "Period (0 = \(t.periods.first ?? ""))", yLabel: "Share negative",
        series: Array(series), yRange: 0...1))))
    }
    if t.worse.isEmpty {
      blocks.append(.paragraph(settings.timeColumn == nil
        ? "Add --time to compare periods."
        : "No group got significantly worse between the first and second half of the periods."))
    } else {
      blocks.append(.table(Table(
        caption: "Groups that got worse (share negative, first half vs second half of the periods; z > 1.96)",
        columns: ["Group", "Before", "After", "z"],
        rows: t.worse.map { [$0.group, pct($0.before), pct($0.after), TextReportParts.fixed($0.z, 2)] },
        sortable: true)))
    }
    let rows = t.cells.prefix(400).map {
      [$0.group, $0.period, String($0.count), pct($0.share), "\(pct($0.low)) – \(pct($0.high))",
        String($0.positive)]
    }
    blocks.append(.table(Table(
      caption: "Negative share by group and period with 95% Wilson intervals",
      columns: ["Group", "Period", "Texts", "Negative", "95% interval", "Positive texts"],
      rows: rows, sortable: true)))
    return Section(title: "Trends", blocks: blocks)
  }
}
