import ArgumentParser
import Foundation
import NeuralCore
import Sentiment

/// `traction sentiment`: sentiment of reviews and messages, with trends.
struct SentimentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentiment",
    abstract: "Sentiment of reviews and messages (English and Chinese), by group and over time.",
    subcommands: [SentimentTrain.self, SentimentEvaluate.self, SentimentPredict.self])
}

/// `traction sentiment train`.
struct SentimentTrain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train", abstract: "Train a 2- or 3-class sentiment model.")

  @Option(help: "Training CSV file ('-' for stdin).") var data: String
  @Option(help: "Column holding the text.") var text: String = "text"
  @Option(help: "Column holding the sentiment.") var label: String = "sentiment"
  @Option(help: "Optional id column copied to predictions.") var id: String?
  @Option(help: "Column to group trends by (e.g. airline, product).") var group: String?
  @Option(help: "Date/time column for trends.") var time: String?
  @Option(help: "Share of rows held out for validation.") var validation: Double = 0.1
  @Option(help: "Random seed.") var seed: UInt64 = 42
  @Option(help: "Training epochs (default: measured).") var epochs: Int?
  @Option(help: "Hidden-layer width; 0 = linear model (the measured default).") var hidden = 0
  @Option(help: "Model file to write.") var model: String
  @Option(help: "Folder for report.html, report.xml and metrics.json.") var report: String?
  @Option(help: compareHelp) var compare: String?
  @Flag(help: "No progress output.") var quiet = false

  func validate() throws {
    try validateCompare(compare, report: report)
    guard (0.0...0.5).contains(validation) else {
      throw ValidationError("--validation must be between 0 and 0.5, got \(validation)")
    }
  }

  func run() throws {
    let previous = try loadPreviousReport(compare, kind: SentimentAnalysis.task)
    let printer = quiet ? nil : ProgressPrinter(metricName: "loss")
    let summary = try SentimentAnalysis.train(
      .init(
        dataPath: data, textColumn: text, labelColumn: label, idColumn: id, groupColumn: group,
        timeColumn: time, validationFraction: validation, seed: seed, epochs: epochs,
        hidden: hidden,
        modelPath: model, reportDirectory: report, previousReport: previous),
      progress: printer.map { p in { p.report($0) } })
    FileHandle.standardError.write(Data((summary.message + "\n").utf8))
  }
}

/// `traction sentiment evaluate`.
struct SentimentEvaluate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate", abstract: "Score a labelled CSV; report trends by --group/--time.")

  @Option(help: "Model file.") var model: String
  @Option(help: "Labelled CSV file ('-' for stdin).") var data: String
  @Option(help: "Folder for report.html, report.xml and metrics.json.") var report: String?
  @Option(help: compareHelp) var compare: String?
  @Option(help: "Text column (default: as trained).") var text: String?
  @Option(help: "Sentiment column (default: as trained).") var label: String?
  @Option(help: "Group column for trends (default: as trained).") var group: String?
  @Option(help: "Time column for trends (default: as trained).") var time: String?

  func validate() throws { try validateCompare(compare, report: report) }

  func run() throws {
    let previous = try loadPreviousReport(compare, kind: SentimentAnalysis.task)
    let summary = try SentimentAnalysis.evaluate(
      modelPath: model, dataPath: data, reportDirectory: report, textColumn: text,
      labelColumn: label, groupColumn: group, timeColumn: time, previous: previous)
    FileHandle.standardError.write(Data((summary.message + "\n").utf8))
  }
}

/// `traction sentiment predict`.
struct SentimentPredict: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract:
      "Stream sentiment for a CSV: id, sentiment, probability, score; trends by --group/--time.")

  @Option(help: "Model file.") var model: String
  @Option(help: "CSV to score ('-' for stdin).") var data: String
  @Option(help: "Output CSV ('-' for stdout).") var out: String = "-"
  @Option(help: "Text column (default: as trained).") var text: String?
  @Option(help: "Id column (default: as trained, else the row number).") var id: String?
  @Option(
    help: "Group column: trend of the predicted sentiment by group (with --report: as trained).")
  var group: String?
  @Option(
    help: "Time column: trend of the predicted sentiment over time (with --report: as trained).")
  var time: String?
  @Option(help: "Folder for report.html, report.xml and metrics.json of the predictions.")
  var report: String?

  func run() throws {
    let result = try SentimentAnalysis.predict(
      .init(
        modelPath: model, dataPath: data, outPath: out, textColumn: text, idColumn: id,
        groupColumn: group, timeColumn: time, reportDirectory: report))
    if let message = result.message {
      FileHandle.standardError.write(Data((message + "\n").utf8))
    }
  }
}
