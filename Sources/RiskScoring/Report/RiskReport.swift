import Evaluation
import Foundation
import Reporting
import Tabular

/// Builds the business report of a risk model on labelled rows: the decision story first, then
/// the evidence (curves, calibration, lift, distributions, confusion matrix, drivers, training
/// curves, schema, configuration).
struct RiskReportBuilder {
  let model: RiskModel
  let predictions: RiskPredictions
  let metrics: RiskMetrics
  /// "validation split of train.csv" or "test.csv".
  let evaluationName: String
  /// Input files for provenance.
  let inputs: [InputFile]
  /// ROC-AUC drop per field.
  let importance: [Double]

  var preset: RiskPreset { model.preset }

  func build() -> Report {
    let lift = liftTable(scores: predictions.probabilities, labels: predictions.labels, groups: 10)
    let topFifth = gainAt(share: 0.2, lift: lift)
    let flagged = metrics.truePositives + metrics.falsePositives
    let positives = metrics.truePositives + metrics.falseNegatives
    var report = Report(
      title: "\(preset.title): \(evaluationName)", summary: summary(topFifth: topFifth),
      kind: preset.rawValue)
    report.keyFigures = [
      KeyFigure(
        label: "Reached by contacting the top 20%", value: topFifth, unit: .percent,
        key: "gain_at_20", higherIsBetter: true),
      KeyFigure(
        label: "Expected saving vs no action", value: metrics.saving, unit: .custom("cost units"),
        key: "expected_saving", higherIsBetter: true),
      KeyFigure(
        label: "Flagged at the threshold", value: Double(flagged), unit: .count, key: "flagged"),
      KeyFigure(
        label: "ROC AUC", value: metrics.rocAUC, unit: .score,
        comparison: Comparison(label: "random", value: 0.5), key: "roc_auc", higherIsBetter: true),
      KeyFigure(
        label: "PR AUC", value: metrics.prAUC, unit: .score,
        comparison: Comparison(
          label: "random", value: Double(positives) / Double(max(metrics.rows, 1))),
        key: "pr_auc", higherIsBetter: true),
    ]
    report.sections = [
      decisionSection(lift: lift), gainsSection(lift: lift), curvesSection(), calibrationSection(),
      distributionSection(), confusionSection(), driversSection(),
    ]
    if preset == .credit { report.sections.append(scorecardSection()) }
    report.sections += [trainingSection(), schemaSection(), configurationSection()]
    report.dataSummary = dataSummary()
    report.modelCard = modelCard()
    report.provenance = inputs
    report.generatedAt = Date()
    return report
  }

  /// Share of all positives found in the top `share` of scores.
  func gainAt(share: Double, lift: [LiftRow]) -> Double {
    var previousShare = 0.0
    var previousGain = 0.0
    for row in lift {
      if row.cumulativeShare >= share - 1e-9 {
        let span = row.cumulativeShare - previousShare
        let t = span > 0 ? (share - previousShare) / span : 1
        return previousGain + t * (row.cumulativeGain - previousGain)
      }
      previousShare = row.cumulativeShare
      previousGain = row.cumulativeGain
    }
    return previousGain
  }

  func summary(topFifth: Double) -> String {
    let flagged = metrics.truePositives + metrics.falsePositives
    let positives = metrics.truePositives + metrics.falseNegatives
    let n = metrics.rows
    var text =
      "Of \(count(n)) \(preset.rowNoun) in the \(evaluationName), \(count(positives)) "
      + "(\(percent(Double(positives) / Double(max(n, 1))))) \(preset.positivePhrase). "
      + "Ranked by this model, \(preset.actionGerund) the 20% highest-risk \(preset.rowNoun) "
      + "reaches \(percent(topFifth)) of all \(preset.positiveNoun). "
    text +=
      "At the chosen threshold (probability \(decimal(metrics.threshold, 3))) the model asks to "
      + "\(preset.action) \(count(flagged)) \(preset.rowNoun) "
      + "(\(percent(Double(flagged) / Double(max(n, 1))))), catching "
      + "\(percent(metrics.recall)) of them with a precision of \(percent(metrics.precision)). "
    text +=
      "With a cost of \(decimal(model.policy.costFalsePositive, 2)) per unnecessary "
      + "\(preset.action) and \(decimal(model.policy.costFalseNegative, 2)) per missed case, the "
      + "expected saving against taking no action is \(decimal(metrics.saving, 0)) cost units "
      + "on these \(count(n)) \(preset.rowNoun)."
    return text
  }

  func count(_ n: Int) -> String { ReportNumbers.grouped(n) }
  func percent(_ x: Double) -> String { decimal(100 * x, 1) + "%" }
  func decimal(_ x: Double, _ digits: Int) -> String {
    x.isFinite ? String(format: "%.\(digits)f", x) : "n/a"
  }
}

/// Locale-free number formatting for report text.
enum ReportNumbers {
  /// `12345` -> `"12,345"`.
  static func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
  }
}
