import Evaluation
import Foundation
import Reporting
import Tabular

extension RiskReportBuilder {
  func decisionSection(lift: [LiftRow]) -> Section {
    var counts = [String: (rows: Int, positives: Int)]()
    for (p, y) in zip(predictions.probabilities, predictions.labels) {
      let band = model.policy.band(of: p)
      counts[band, default: (0, 0)].rows += 1
      counts[band, default: (0, 0)].positives += y
    }
    let n = max(predictions.labels.count, 1)
    let rows = DecisionPolicy.bandNames.reversed().map { band -> [String] in
      let c = counts[band] ?? (0, 0)
      return [
        band, count(c.rows), percent(Double(c.rows) / Double(n)),
        c.rows > 0 ? percent(Double(c.positives) / Double(c.rows)) : "–",
      ]
    }
    let flagged = metrics.truePositives + metrics.falsePositives
    return Section(
      title: "What to do",
      blocks: [
        .paragraph(
          "\(preset.action.capitalized) the \(count(flagged)) \(preset.rowNoun) whose probability "
            + "is at least \(decimal(metrics.threshold, 3)) (decision column "
            + "'\(preset.flaggedDecision)' in `score` output). The threshold minimises the "
            + "expected cost \(decimal(model.policy.costFalsePositive, 2)) × false alarms + "
            + "\(decimal(model.policy.costFalseNegative, 2)) × missed cases"
            + (model.policy.maxAlertRate.map { "; here it was set to flag \(percent($0)) of rows" }
              ?? "")
            + ". Every scored row also carries a risk band and the three fields that raise its "
            + "risk most."),
        .table(
          Table(
            caption: "Risk bands (cut-offs from the training validation split)",
            columns: ["band", preset.rowNoun, "share", "observed rate"], rows: rows)),
      ])
  }

  func gainsSection(lift: [LiftRow]) -> Section {
    let rows = lift.map { row -> [String] in
      [
        String(row.group), count(row.count), count(row.positives), percent(row.rate),
        decimal(row.lift, 2), percent(row.cumulativeGain),
      ]
    }
    let gains = LineChart(
      title: "Cumulative gains", xLabel: "Share of \(preset.rowNoun) contacted (by risk)",
      yLabel: "Share of \(preset.positiveNoun) reached",
      series: [
        .init(name: "model", x: [0] + lift.map(\.cumulativeShare), y: [0] + lift.map(\.cumulativeGain)),
        .init(name: "random", x: [0, 1], y: [0, 1], style: .dashed),
      ], xRange: 0...1, yRange: 0...1)
    return Section(
      title: "Lift and gains by decile",
      blocks: [
        .chart(.line(gains)),
        .table(
          Table(
            caption: "Deciles by predicted risk (1 = highest)",
            columns: ["decile", "rows", "positives", "rate", "lift", "cumulative gain"],
            rows: rows)),
      ])
  }

  func curvesSection() -> Section {
    let roc = rocCurve(scores: predictions.probabilities, labels: predictions.labels)
    let pr = prCurve(scores: predictions.probabilities, labels: predictions.labels)
    let base = Double(metrics.truePositives + metrics.falseNegatives) / Double(max(metrics.rows, 1))
    let rocChart = LineChart(
      title: "ROC curve (AUC \(decimal(metrics.rocAUC, 3)))", xLabel: "False positive rate",
      yLabel: "True positive rate",
      series: [
        .init(name: "model", x: thin(roc.falsePositiveRate), y: thin(roc.truePositiveRate)),
        .init(name: "random", x: [0, 1], y: [0, 1], style: .dashed),
      ], xRange: 0...1, yRange: 0...1)
    let prChart = LineChart(
      title: "Precision-recall curve (average precision \(decimal(metrics.prAUC, 3)))",
      xLabel: "Recall", yLabel: "Precision",
      series: [
        .init(name: "model", x: thin(pr.recall), y: thin(pr.precision)),
        .init(name: "base rate", x: [0, 1], y: [base, base], style: .dashed),
      ], xRange: 0...1, yRange: 0...1)
    return Section(
      title: "Ranking quality",
      blocks: [
        .chart(.line(rocChart)), .chart(.line(prChart)),
        .paragraph(
          "KS statistic \(decimal(metrics.ks, 3)); log loss \(decimal(metrics.logLoss, 4)); "
            + "Brier score \(decimal(metrics.brier, 4))."),
      ])
  }

  func calibrationSection() -> Section {
    let bins = calibrationBins(
      probabilities: predictions.probabilities, labels: predictions.labels, bins: 10
    ).filter { $0.count > 0 }
    let chart = LineChart(
      title: "Calibration", xLabel: "Predicted probability", yLabel: "Observed rate",
      series: [
        .init(name: "model", x: bins.map(\.meanPredicted), y: bins.map(\.observedRate)),
        .init(name: "perfect", x: [0, 1], y: [0, 1], style: .dashed),
      ], xRange: 0...1, yRange: 0...1)
    let rows = bins.map {
      [
        "\(decimal($0.lower, 1))–\(decimal($0.upper, 1))", count($0.count),
        decimal($0.meanPredicted, 3), decimal($0.observedRate, 3),
      ]
    }
    return Section(
      title: "Calibration",
      blocks: [
        .paragraph(
          "Probabilities are Platt-scaled on the validation split held out from training "
            + "(slope \(decimal(model.calibration.slope, 3)), intercept "
            + "\(decimal(model.calibration.intercept, 3))), so a probability of 0.3 means about "
            + "3 in 10 such \(preset.rowNoun) \(preset.positivePhrase)."),
        .chart(.line(chart)),
        .table(
          Table(columns: ["bin", "rows", "mean predicted", "observed rate"], rows: rows)),
      ])
  }

  func distributionSection() -> Section {
    let positives = zip(predictions.probabilities, predictions.labels).filter { $0.1 == 1 }
      .map(\.0)
    let negatives = zip(predictions.probabilities, predictions.labels).filter { $0.1 == 0 }
      .map(\.0)
    let histogram = Histogram(
      title: "Predicted probability by outcome", xLabel: "Predicted probability",
      values: [
        (name: model.positiveLabel, values: positives),
        (name: model.negativeLabel, values: negatives),
      ], bins: 20, range: 0...1)
    return Section(title: "Score distribution per class", blocks: [.chart(.histogram(histogram))])
  }

  func confusionSection() -> Section {
    let heat = HeatMap(
      title: "Confusion matrix at threshold \(decimal(metrics.threshold, 3))",
      rowLabels: [model.positiveLabel, model.negativeLabel],
      columnLabels: [preset.flaggedDecision, preset.clearedDecision],
      values: [
        [Double(metrics.truePositives), Double(metrics.falseNegatives)],
        [Double(metrics.falsePositives), Double(metrics.trueNegatives)],
      ])
    return Section(
      title: "Decisions at the threshold",
      blocks: [
        .chart(.heatmap(heat)),
        .paragraph(
          "Precision \(decimal(metrics.precision, 3)), recall \(decimal(metrics.recall, 3)), "
            + "F1 \(decimal(metrics.f1, 3)); total cost \(decimal(metrics.cost, 0)) against "
            + "\(decimal(metrics.cost + metrics.saving, 0)) with no action."),
      ])
  }

  func driversSection() -> Section {
    let order = importance.indices.sorted { importance[$0] > importance[$1] }.prefix(15)
    let chart = BarChart(
      title: "Permutation importance (drop in ROC AUC when shuffled)",
      categories: order.map { model.layout.fieldNames[$0] }, values: order.map { importance[$0] },
      valueLabel: "ROC AUC drop")
    return Section(
      title: "What drives risk",
      blocks: [
        .chart(.bar(chart)),
        .paragraph(
          "Reason codes in `score` output are computed per row by replacing each field with its "
            + "typical (training-average) encoding and measuring how much the model's risk falls; "
            + "the three largest rises are reported as field=value."),
      ])
  }

  func scorecardSection() -> Section {
    let card = model.scorecard
    let scores = predictions.probabilities.map { card.score(probability: $0) }
    let good = zip(scores, predictions.labels).filter { $0.1 == 0 }.map(\.0)
    let bad = zip(scores, predictions.labels).filter { $0.1 == 1 }.map(\.0)
    let low = (scores.min() ?? 300).rounded(.down)
    let high = max((scores.max() ?? 850).rounded(.up), low + 1)
    let histogram = Histogram(
      title: "Scorecard points by outcome", xLabel: "Score",
      values: [(name: model.negativeLabel, values: good), (name: model.positiveLabel, values: bad)],
      bins: 20, range: low...high)
    return Section(
      title: "Scorecard and adverse-action reasons",
      blocks: [
        .paragraph(
          "Scores are \(decimal(card.baseScore, 0)) points at good:bad odds of "
            + "\(decimal(card.baseOdds, 0)):1 and every \(decimal(card.pointsToDoubleOdds, 0)) "
            + "points double the odds. The threshold corresponds to a score of "
            + "\(decimal(card.score(probability: metrics.threshold), 0)). For declined "
            + "applicants, `score` lists the fields that cost the most points (adverse-action "
            + "reasons), with the points each one cost."),
        .chart(.histogram(histogram)),
      ])
  }

  func trainingSection() -> Section {
    let stopping = model.configuration.effectiveStoppingMetric
    let metric = stopping.displayName
    let seriesMetric = stopping == .rocAUC ? "AUC" : metric
    var series: [LineChart.Series] = []
    for (m, curve) in model.training.curves.enumerated() {
      series.append(
        .init(
          name: "member \(m + 1) validation \(seriesMetric)", x: curve.map { Double($0.epoch) },
          y: curve.map(\.validationAUC)))
    }
    var lossSeries: [LineChart.Series] = []
    if let first = model.training.curves.first {
      lossSeries = [
        .init(name: "training loss", x: first.map { Double($0.epoch) }, y: first.map(\.trainLoss)),
        .init(
          name: "validation loss", x: first.map { Double($0.epoch) },
          y: first.map(\.validationLoss), style: .dashed),
      ]
    }
    return Section(
      title: "Training curves",
      blocks: [
        .paragraph(
          "\(model.network.members.count) networks trained from different seeds; each stopped "
            + "after \(model.configuration.patience) epochs without a better validation \(metric) "
            + "and kept its best epoch (\(model.training.bestEpochs.map(String.init).joined(separator: ", "))). "
            + (model.training.fitSeconds.isFinite
              ? "Training took \(decimal(model.training.fitSeconds, 2)) s."
              : "The training time is not stored in the model file (see the train run's metrics.json).")),
        .chart(
          .line(
            LineChart(
              title: "Validation \(metric)", xLabel: "Epoch", yLabel: metric, series: series))),
        .chart(.line(LineChart(title: "Loss (member 1)", xLabel: "Epoch", yLabel: "Log loss", series: lossSeries))),
      ])
  }

  func schemaSection() -> Section {
    let rows = model.schema.columns.map { column -> [String] in
      [
        column.name, column.kind.rawValue,
        column.name == model.target ? "target" : (column.isFeature ? "feature" : "not used"),
        count(column.missingCount), count(column.distinctCount), column.note,
      ]
    }
    return Section(
      title: "Data schema",
      blocks: [
        .table(
          Table(
            columns: ["column", "kind", "role", "missing", "distinct", "note"], rows: rows,
            sortable: true))
      ])
  }

  func configurationSection() -> Section {
    let rows = configurationPairs().map { [$0.key, $0.value] }
    return Section(
      title: "Exact configuration",
      blocks: [.table(Table(columns: ["setting", "value"], rows: rows))])
  }

  func configurationPairs() -> [KeyValue] {
    let c = model.configuration
    var pairs = model.training.options.keys.sorted().map {
      KeyValue("option \($0)", model.training.options[$0] ?? "")
    }
    pairs += [
      KeyValue("hidden layers", c.hidden.map(String.init).joined(separator: ",")),
      KeyValue("ensemble size", String(c.ensembleSize)),
      KeyValue("max epochs", String(c.epochs)), KeyValue("patience", String(c.patience)),
      KeyValue("batch size", String(c.batchSize)),
      KeyValue("learning rate (AdamW)", String(c.learningRate)),
      KeyValue("weight decay", String(c.weightDecay)),
      KeyValue("label smoothing", String(c.labelSmoothing ?? 0)),
      KeyValue("early stopping on", c.effectiveStoppingMetric.displayName),
      KeyValue("cross-fitted", (c.crossFit ?? false) ? "yes" : "no"),
      KeyValue("class weighting", c.classWeighting.rawValue),
      KeyValue("validation fraction", String(c.validationFraction)),
      KeyValue("integer category limit", String(c.integerCategoryLimit)),
      KeyValue("cost of false positive", String(model.policy.costFalsePositive)),
      KeyValue("cost of false negative", String(model.policy.costFalseNegative)),
      KeyValue("threshold", decimal(model.policy.threshold, 6)),
      KeyValue("band cut-offs", model.policy.bandCutoffs.map { decimal($0, 4) }.joined(separator: ", ")),
      KeyValue("encoded inputs", String(model.encoder.width)),
    ]
    if preset == .credit {
      pairs.append(
        KeyValue(
          "scorecard", "\(decimal(model.scorecard.baseScore, 0)) at "
            + "\(decimal(model.scorecard.baseOdds, 0)):1, PDO \(decimal(model.scorecard.pointsToDoubleOdds, 0))"))
    }
    return pairs
  }

  func dataSummary() -> DataSummary {
    let fields = model.schema.columns.map {
      FieldSummary(
        name: $0.name, kind: $0.kind.rawValue,
        role: $0.name == model.target ? "target" : ($0.isFeature ? "feature" : "ignored"),
        missing: $0.missingCount, distinct: $0.distinctCount)
    }
    return DataSummary(
      rows: metrics.rows, columns: model.schema.columns.count,
      facts: [
        KeyValue("training file", model.training.fileName),
        KeyValue("training rows", count(model.training.rows)),
        KeyValue("target", "\(model.target) (positive = \(model.positiveLabel))"),
        KeyValue("positive rate in training", percent(model.training.positiveRate)),
      ], fields: fields)
  }

  func modelCard() -> ModelCard {
    ModelCard(
      modelType: "Ensemble of \(model.network.members.count) multi-layer perceptrons "
        + "(\(model.configuration.hidden.map(String.init).joined(separator: "×")) ReLU) with Platt "
        + "calibration",
      intendedUse: "Rank \(preset.rowNoun) by the probability that they \(preset.positivePhrase) "
        + "and decide whom to \(preset.action).",
      trainingData: trainingDataDescription(),
      evaluationData: evaluationName, configuration: configurationPairs(),
      limitations: [
        "Scores reflect patterns in the training file; re-train when the business changes.",
        "Reason codes explain the model, not causes in the world.",
        "Categories never seen in training fall into an 'other' bucket.",
      ], date: ModelCard.today(), toolVersion: model.training.options["tool_version"] ?? "")
  }

  /// Which rows fitted the weights and which judged them (hold-out split or cross-fitting).
  func trainingDataDescription() -> String {
    let training = model.training
    if model.configuration.crossFit == true {
      return "\(training.fileName): \(count(training.rows)) rows in "
        + "\(model.network.members.count) stratified folds; each member fits on "
        + "\(count(training.fitRows)) rows and stops early on its own fold; calibration and the "
        + "threshold use the out-of-fold predictions of all \(count(training.validationRows)) rows"
    }
    return "\(training.fileName): \(count(training.fitRows)) rows to fit, "
      + "\(count(training.validationRows)) held out for early stopping, calibration and the "
      + "threshold"
  }

  /// At most ~400 points of a curve, keeping the ends.
  func thin(_ values: [Double]) -> [Double] {
    guard values.count > 400 else { return values }
    let step = Double(values.count - 1) / 399
    return (0..<400).map { values[Int((Double($0) * step).rounded())] }
  }
}
