import Evaluation
import Foundation
import Reporting
import TextClassification

/// Builds the ticket-routing report.
enum TicketReport {
  static func build(
    title: String, scored: TextScoredSet, model: FittedTextClassifier, settings: TextTaskSettings,
    evaluationData: String, exampleTexts: [String], fitSeconds: Double?,
    inputs: [(path: String, role: String)]
  ) -> Report {
    let s = scored.report
    let truth = scored.truthIndex
    let predicted = scored.predictedIndex
    let confidence = scored.confidence
    let correct = zip(predicted, truth).map { $0 == $1 }
    let curve = AutomationCurve(confidence: confidence, correct: correct)
    let automated = confidence.indices.filter { confidence[$0] >= settings.threshold }
    let automationRate = confidence.isEmpty ? 0 : Double(automated.count) / Double(confidence.count)
    let automatedAccuracy = automated.isEmpty ? 0
      : Double(automated.filter { correct[$0] }.count) / Double(automated.count)
    func f(_ v: Double, _ digits: Int = 3) -> String { TextReportParts.fixed(v, digits) }
    var figures = [
      KeyFigure(label: "Accuracy", value: s.accuracy, unit: .percent, key: "accuracy",
        higherIsBetter: true),
      KeyFigure(label: "Macro-F1", value: s.macro.f1, unit: .score, key: "macro_f1",
        higherIsBetter: true),
    ]
    if !scored.multiLabel {
      figures += [
        KeyFigure(label: "Routed automatically", value: automationRate, unit: .percent,
          key: "automation_rate", higherIsBetter: true),
        KeyFigure(label: "Accuracy of automatic routing", value: automatedAccuracy,
          unit: .percent, key: "automated_accuracy", higherIsBetter: true),
      ]
    }
    figures.append(KeyFigure(label: "Tickets scored", value: Double(scored.texts.count), unit: .count))
    if let fitSeconds {
      figures.append(KeyFigure(label: "Training time", value: fitSeconds, unit: .seconds))
    }
    let summary: String
    if scored.multiLabel {
      summary = "The router assigns \(model.classes.count) intents (several per ticket allowed); "
        + "exact-set accuracy is \(f(s.accuracy * 100, 1))% and macro-F1 \(f(s.macro.f1))."
    } else {
      let target = settings.targetPrecision.map { " (target \(f($0 * 100, 1))%)" } ?? ""
      let part1 = "The router picks the right intent for \(f(s.accuracy * 100, 1))% of tickets. "
      let part2 = "Tickets whose top intent has probability ≥ \(f(settings.threshold)) are routed "
      let part3 = "automatically: \(f(automationRate * 100, 1))% of tickets, of which "
      let part4 = "\(f(automatedAccuracy * 100, 1))% are right\(target); the rest go to the human queue."
      summary = part1 + part2 + part3 + part4
    }

    var sections: [Section] = []
    if !scored.multiLabel {
      var points = curve.points
      if points.count > 400 {
        let step = Double(points.count) / 400
        points = (0..<400).map { points[Int(Double($0) * step)] } + [points[points.count - 1]]
      }
      let targets = [0.90, 0.95, 0.98, 0.99]
      let rows = targets.map { t -> [String] in
        guard let p = curve.threshold(forPrecision: t) else {
          return [f(t * 100, 0) + "%", "—", "0.0%", "not reachable"]
        }
        return [f(t * 100, 0) + "%", f(p.threshold), f(p.automationRate * 100, 1) + "%",
          f(p.accuracy * 100, 1) + "%"]
      }
      sections.append(Section(title: "Automation rate versus accuracy", blocks: [
        .paragraph("Raising the confidence threshold sends more tickets to people and makes the "
          + "automatic decisions more accurate. Each point is one threshold."),
        .chart(.line(LineChart(
          title: "Accuracy of automatically routed tickets by automation rate",
          xLabel: "Share of tickets routed automatically",
          yLabel: "Accuracy of automatic routing",
          series: [LineChart.Series(name: "router", x: points.map(\.automationRate),
            y: points.map(\.accuracy))], xRange: 0...1))),
        .table(Table(
          caption: "Operating points: the most automation that reaches each precision",
          columns: ["Target precision", "Threshold", "Routed automatically", "Accuracy"],
          rows: rows)),
      ]))
    }
    sections.append(Section(title: "Quality per intent", blocks: [
      TextReportParts.perClassTable(s, noun: "intent"),
      .paragraph("Weighted-F1 \(f(s.weighted.f1)); accuracy \(f(s.accuracy))."),
    ]))
    if !scored.multiLabel {
      sections.append(Section(
        title: "Most confused intents",
        blocks: TextReportParts.confusedPairs(
          scored.confusion, truth: scored.truthNames, predicted: scored.predictedNames,
          texts: scored.texts, noun: "intent")))
      sections.append(Section(title: "Confidence", blocks: [
        TextReportParts.confidenceHistogram(confidence: confidence, correct: correct),
      ]))
    } else {
      sections.append(Section(title: "Confusion per intent", blocks: [
        .paragraph("An intent is assigned when its probability is at least "
          + "\(f(settings.threshold)). Missed intents lower recall; intents assigned to tickets "
          + "that do not have them lower precision."),
        TextReportParts.labelConfusionTable(
          scored.labelConfusions, names: scored.classes, noun: "intent"),
      ]))
    }
    sections.append(Section(title: "What the model looks for", blocks: [
      TextReportParts.indicativeNgrams(model: model, texts: exampleTexts, noun: "intent"),
    ]))
    let card = TextReportParts.modelCard(
      model: model,
      intendedUse: "Route incoming support tickets to an intent queue; send low-confidence "
        + "tickets to a person.",
      trainingData: "\(model.features.documentCount) tickets", evaluationData: evaluationData,
      limitations: [
        "Learns only the intents present in the training data; new topics go to the most similar intent.",
        "Probabilities are calibrated on data like the training data; re-check the threshold after changes.",
      ])
    return Report(
      title: title, summary: summary, kind: TicketRouting.task, keyFigures: figures, sections: sections,
      dataSummary: DataSummary(rows: scored.texts.count, columns: 2, facts: [
        KeyValue("text column", settings.textColumn), KeyValue("intent column", settings.labelColumn),
        KeyValue("intents", String(model.classes.count)),
      ]),
      modelCard: card,
      provenance: inputs.compactMap { input in
        input.path == "-" ? nil
          : try? InputFile.describing(fileAt: URL(fileURLWithPath: input.path), role: input.role)
      })
  }
}
