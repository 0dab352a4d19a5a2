import ArgumentParser
import Foundation
import RiskScoring

/// `traction churn|fraud|credit train`.
struct RiskTrainCommand<Marker: RiskPresetMarker>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "train",
      abstract: "Train a \(Marker.preset.rawValue) model on a labelled CSV file.",
      discussion: """
        Holds out a stratified validation split of the file for early stopping, probability \
        calibration and the decision threshold; --report writes report.html, report.xml and \
        metrics.json measured on that split.
        """)
  }

  @Option(help: "Training CSV file (comma, semicolon, tab or pipe separated).")
  var data: String
  @Option(help: "Column holding the outcome.")
  var target: String
  @Option(help: "Target value counted as the risk outcome (required if the target has more than two values).")
  var positive: String?
  @Option(help: "Row key column (echoed by score; never a feature).")
  var id: String?
  @Option(help: "Comma-separated columns to ignore.")
  var drop: String?
  @Option(help: "Comma-separated numeric-looking columns to treat as categories.")
  var categorical: String?
  @Option(name: .customLong("cost-fp"), help: "Cost of acting on a row that is not a risk (default: preset).")
  var costFP: Double?
  @Option(name: .customLong("cost-fn"), help: "Cost of missing a risk (default: preset).")
  var costFN: Double?
  @Option(name: .customLong("max-alert-rate"), help: "Flag this share of rows (0-1) instead of minimising cost.")
  var maxAlertRate: Double?
  @Option(help: "Random seed (split, initialisation, shuffling).")
  var seed: UInt64 = 42
  @Option(help: "Output model file.")
  var model: String
  @Option(help: "Folder for report.html, report.xml and metrics.json.")
  var report: String?
  @Option(help: compareHelp)
  var compare: String?
  @Option(help: "Comma-separated hidden layer widths (default: 32, or 128,64 below 2000 rows; empty string = logistic regression).")
  var hidden: String?
  @Option(help: "Networks in the seed ensemble.")
  var ensemble: Int?
  @Option(help: "Maximum epochs (default 200; files over 100,000 rows get fewer unless --epochs or --patience is given).")
  var epochs: Int?
  @Option(name: .customLong("weight-decay"), help: "AdamW weight decay.")
  var weightDecay: Double?
  @Option(name: .customLong("learning-rate"), help: "AdamW learning rate.")
  var learningRate: Double?
  @Option(name: .customLong("class-weight"), help: "Positive-class weighting: none, squareRoot or balanced.")
  var classWeight: String?
  @Option(name: .customLong("batch-size"), help: "Mini-batch size.")
  var batchSize: Int?
  @Option(help: "Epochs without validation improvement before stopping.")
  var patience: Int?
  @Option(name: .customLong("label-smoothing"), help: "Label smoothing of the training loss, targets y(1-e)+e/2 (default: 0.05 below 10% positives, else 0).")
  var labelSmoothing: Double?
  @Option(name: .customLong("validation-fraction"), help: "Share of the file held out for validation.")
  var validationFraction: Double?
  @Option(name: .customLong("stopping-metric"), help: "Early stopping on validation rocAUC or averagePrecision (default: averagePrecision below 10% positives, else rocAUC).")
  var stoppingMetric: String?
  @Option(name: .customLong("cross-fit"), help: "true: each ensemble member holds out its own fold (k = --ensemble); false: one shared validation split.")
  var crossFit: Bool?
  @Option(name: .customLong("integer-categories"), help: "Whole-number columns with at most this many values become categories (0 = never).")
  var integerCategories: Int?
  @Option(name: .customLong("base-score"), help: "Scorecard points at the base odds (credit).")
  var baseScore: Double = 600
  @Option(name: .customLong("base-odds"), help: "Good:bad odds at the base score (credit).")
  var baseOdds: Double = 50
  @Option(help: "Scorecard points to double the odds (credit).")
  var pdo: Double = 20

  func validate() throws { try validateCompare(compare, report: report) }

  func run() throws {
    try runReportingErrors {
      let previous = try loadPreviousReport(compare, kind: Marker.preset.rawValue)
      var config = RiskModelConfiguration(seed: seed)
      if let hidden {
        let widths = hidden.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard widths.allSatisfy({ $0 != nil }) else {
          throw RiskScoringError.invalidOption(option: "--hidden", reason: "expected widths like 64,32")
        }
        config.hidden = widths.compactMap { $0 }
        config.smallDataHidden = nil
      }
      // An explicit option holds whatever the positive share (see `rarePositives`).
      if let ensemble {
        config.ensembleSize = ensemble
        config.rarePositives?.ensembleSize = ensemble
      }
      if let epochs {
        config.epochs = epochs
        config.largeDataRowVisits = nil
      }
      if patience != nil { config.largeDataRowVisits = nil }
      if let weightDecay { config.weightDecay = weightDecay }
      if let learningRate {
        config.learningRate = learningRate
        config.rarePositives?.learningRate = learningRate
      }
      if let labelSmoothing {
        config.labelSmoothing = labelSmoothing
        config.rarePositives?.labelSmoothing = labelSmoothing
      }
      if let batchSize { config.batchSize = batchSize }
      if let patience {
        config.patience = patience
        config.rarePositives?.patience = patience
      }
      if let stoppingMetric {
        guard let value = RiskModelConfiguration.StoppingMetric(rawValue: stoppingMetric) else {
          throw RiskScoringError.invalidOption(
            option: "--stopping-metric", reason: "expected rocAUC or averagePrecision")
        }
        config.stoppingMetric = value
      }
      if let validationFraction { config.validationFraction = validationFraction }
      if let integerCategories { config.integerCategoryLimit = integerCategories }
      if let crossFit { config.crossFit = crossFit }
      if let classWeight {
        guard let value = RiskModelConfiguration.ClassWeighting(rawValue: classWeight) else {
          throw RiskScoringError.invalidOption(
            option: "--class-weight", reason: "expected none, squareRoot or balanced")
        }
        config.classWeighting = value
      }
      let request = RiskTrainingRequest(
        preset: Marker.preset, target: target, positive: positive, identifier: id,
        drop: commaList(drop), categorical: commaList(categorical), costFalsePositive: costFP,
        costFalseNegative: costFN, maxAlertRate: maxAlertRate,
        scorecard: Scorecard(baseScore: baseScore, baseOdds: baseOdds, pointsToDoubleOdds: pdo),
        configuration: config)
      let summary = try RiskPipeline.train(
        data: URL(fileURLWithPath: data), request: request, model: URL(fileURLWithPath: model),
        report: report.map { URL(fileURLWithPath: $0) }, previous: previous, log: riskLog)
      print(metricsLine(summary.metricsDictionary))
    }
  }
}

/// `traction churn|fraud|credit evaluate`.
struct RiskEvaluateCommand<Marker: RiskPresetMarker>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "evaluate", abstract: "Measure a \(Marker.preset.rawValue) model on a labelled CSV file.")
  }

  @Option(help: "Model file from train.")
  var model: String
  @Option(help: "Labelled CSV file.")
  var data: String
  @Option(help: "Folder for report.html, report.xml and metrics.json.")
  var report: String?
  @Option(help: compareHelp)
  var compare: String?

  func validate() throws { try validateCompare(compare, report: report) }

  func run() throws {
    try runReportingErrors {
      let previous = try loadPreviousReport(compare, kind: Marker.preset.rawValue)
      let summary = try RiskPipeline.evaluate(
        model: URL(fileURLWithPath: model), data: URL(fileURLWithPath: data),
        report: report.map { URL(fileURLWithPath: $0) }, previous: previous, log: riskLog)
      print(metricsLine(summary.metricsDictionary))
    }
  }
}

/// `traction churn|fraud|credit score`.
struct RiskScoreCommand<Marker: RiskPresetMarker>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "score",
      abstract: "Score a CSV file (or stdin) with a \(Marker.preset.rawValue) model.",
      discussion: """
        Streams: one output line per input line, in input order, constant memory. Columns: row \
        key, probability, risk_band, decision, (credit: score), reason_1..reason_3.
        """)
  }

  @Option(help: "Model file from train.")
  var model: String
  @Option(help: "CSV file to score, or - for standard input.")
  var data: String
  @Option(help: "Output CSV file (written atomically), or - for standard output.")
  var out: String = "-"

  func run() throws {
    try runReportingErrors {
      let loaded = try RiskModel.load(from: URL(fileURLWithPath: model))
      let rows = try RiskScorer(model: loaded).score(input: data, output: out)
      if out != "-" { riskLog("scored \(rows) rows -> \(out)") }
    }
  }
}

/// `traction churn|fraud|credit export`.
struct RiskExportCommand<Marker: RiskPresetMarker>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "export", abstract: "Export a \(Marker.preset.rawValue) model as PMML 4.4.")
  }

  @Option(help: "Model file from train.")
  var model: String
  @Option(help: "Output PMML file.")
  var pmml: String

  func run() throws {
    try runReportingErrors {
      try RiskPMMLExport.export(model: URL(fileURLWithPath: model), to: URL(fileURLWithPath: pmml))
      riskLog("wrote \(pmml)")
    }
  }
}

/// `roc_auc=0.8421 pr_auc=...` on one line for scripts.
func metricsLine(_ metrics: [String: Double]) -> String {
  let keys = ["roc_auc", "pr_auc", "log_loss", "brier", "ks", "f1", "precision", "recall",
    "threshold", "rows", "fit_seconds"]
  return keys.compactMap { key in
    metrics[key].map { "\(key)=\($0 == $0.rounded() && abs($0) < 1e12 ? String(Int($0)) : String(format: "%.6f", $0))" }
  }.joined(separator: " ")
}
