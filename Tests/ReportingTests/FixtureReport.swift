import Foundation
import Reporting
import _TestSupport

/// A fixed report exercising every block and chart kind (no randomness, no timestamp).
enum FixtureReport {
  static let evil = "<script>alert(1)</script> & \"quoted\" 'single'"

  static func make(text: String? = nil) -> Report {
    let t = { (fallback: String) in text ?? fallback }
    // ROC-like curve y = x^0.3 on 11 points, a chance diagonal, and a calibration series.
    let xs = (0...10).map { Double($0) / 10 }
    let roc = LineChart(
      title: t("ROC curve"), xLabel: t("False positive rate"), yLabel: t("True positive rate"),
      series: [
        .init(name: t("Model (AUC 0.846)"), x: xs, y: xs.map { pow($0, 0.3) }),
        .init(name: t("Chance"), x: [0, 1], y: [0, 1], style: .reference),
      ], xRange: 0...1, yRange: 0...1)
    let calibration = LineChart(
      title: t("Calibration"), xLabel: t("Predicted probability"), yLabel: t("Observed rate"),
      series: [
        .init(
          name: t("Model"), x: [0.05, 0.25, 0.5, 0.75, 0.95], y: [0.04, 0.22, 0.55, 0.7, 0.97],
          style: .markers),
        .init(name: t("Perfect"), x: [0, 1], y: [0, 1], style: .reference),
      ], xRange: 0...1, yRange: 0...1)
    let importance = BarChart(
      title: t("Feature importance"),
      categories: [t("tenure"), t("monthly_charges"), t("contract")],
      values: [0.31, 0.22, -0.05], valueLabel: t("Drop in AUC"))
    let perClass = BarChart(
      title: t("F1 per class"), categories: [t("billing"), t("technical")],
      series: [
        .init(name: t("F1"), values: [0.81, 0.74]), .init(name: t("Support"), values: [0.5, 0.5]),
      ],
      valueLabel: t("Score"), horizontal: false)
    let scores = Histogram(
      title: t("Score distribution"), xLabel: t("Predicted probability"),
      values: [
        (name: t("stayed"), values: (0..<50).map { Double($0 % 10) / 20 }),
        (name: t("churned"), values: (0..<20).map { 0.5 + Double($0 % 10) / 20 }),
      ], bins: 10, range: 0...1)
    let confusion = HeatMap(
      title: t("Confusion matrix"), rowLabels: [t("stayed"), t("churned")],
      columnLabels: [t("stayed"), t("churned")], values: [[40, 10], [5, 15]])
    return Report(
      title: t("Churn risk — fixture"),
      summary: t("Call the 25 customers most at risk this week; the model finds 3 in 4 churners."),
      kind: text ?? "churn",
      keyFigures: [
        KeyFigure(
          label: t("ROC AUC"), value: 0.846, unit: .score,
          comparison: Comparison(label: t("baseline"), value: 0.5), key: "roc_auc",
          higherIsBetter: true),
        KeyFigure(label: t("Customers at risk"), value: 1234, unit: .count, key: "at_risk"),
        KeyFigure(
          label: t("Churn rate"), value: 0.265, unit: .percent, key: "churn_rate",
          higherIsBetter: false),
        KeyFigure(
          label: t("Expected savings"), value: 12_300, unit: .currency(text ?? "EUR"),
          key: "savings"),
      ],
      sections: [
        Section(
          title: t("Model quality"),
          blocks: [
            .paragraph(t("The model ranks churners above stayers 85% of the time.")),
            .chart(.line(roc)), .chart(.line(calibration)), .chart(.histogram(scores)),
            .chart(.heatmap(confusion)),
          ]),
        Section(
          title: t("Drivers"),
          blocks: [
            .chart(.bar(importance)), .chart(.bar(perClass)),
            .table(
              Table(
                caption: t("Top customers"),
                columns: [t("customer"), t("probability"), t("reason")],
                rows: [
                  [t("C-001"), "0.93", t("short tenure")],
                  [t("C-002"), "0.88", t("month-to-month")],
                ],
                sortable: true)),
            .note(t("Scores are probabilities on the validation split.")),
          ]),
      ],
      dataSummary: DataSummary(
        rows: 70, columns: 5, facts: [KeyValue(t("Target"), t("churned"))],
        fields: [
          FieldSummary(name: t("tenure"), kind: "numeric", missing: 2, distinct: 40),
          FieldSummary(name: t("churned"), kind: "categorical", role: "target", distinct: 2),
        ]),
      modelCard: ModelCard(
        modelType: t("Neural network (16), ReLU"), intendedUse: t("Prioritise retention calls."),
        trainingData: t("train.csv, 56 rows"), evaluationData: t("validation split, 14 rows"),
        configuration: [KeyValue(t("seed"), t("42")), KeyValue(t("epochs"), t("30"))],
        limitations: [t("Small sample."), t("Not for pricing decisions.")],
        date: "2026-11-03", toolVersion: "0.1.0"),
      provenance: [
        InputFile(
          name: t("train.csv"), bytes: 2048,
          sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
          role: t("training data"))
      ])
  }

  static var schemaURL: URL {
    TestSupport.repositoryRoot.appendingPathComponent("schemas/report.xsd")
  }
  static var fixtures: URL {
    TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/reporting")
  }
}
