import ArgumentParser
import Foundation
import NeuralCore
import SupportTickets

/// `traction tickets`: support-ticket intent routing.
struct Tickets: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Route support tickets to intents; low-confidence tickets go to a human queue.",
    subcommands: [TicketsTrain.self, TicketsEvaluate.self, TicketsPredict.self])
}

/// `traction tickets train`.
struct TicketsTrain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an intent router; picks the human-review threshold on a validation slice.")

  @Option(help: "Training CSV file ('-' for stdin).") var data: String
  @Option(help: "Column holding the ticket text.") var text: String = "text"
  @Option(help: "Column holding the intent.") var label: String = "intent"
  @Option(help: "Optional id column copied to predictions.") var id: String?
  @Flag(help: "Tickets may have several intents, separated by --label-separator.")
  var multiLabel = false
  @Option(help: "Separator of several intents in one cell.") var labelSeparator: String = "|"
  @Option(help: "Precision automatic routing must reach on validation data.")
  var targetPrecision: Double = 0.95
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
    guard (0.0...1.0).contains(targetPrecision) else {
      throw ValidationError("--target-precision must be between 0 and 1, got \(targetPrecision)")
    }
  }

  func run() throws {
    let previous = try loadPreviousReport(compare, kind: TicketRouting.task)
    let printer = quiet ? nil : ProgressPrinter(metricName: "loss")
    let summary = try TicketRouting.train(
      .init(
        dataPath: data, textColumn: text, labelColumn: label, idColumn: id,
        multiLabel: multiLabel, labelSeparator: labelSeparator, targetPrecision: targetPrecision,
        validationFraction: validation, seed: seed, epochs: epochs, hidden: hidden,
        modelPath: model,
        reportDirectory: report, previousReport: previous),
      progress: printer.map { p in { p.report($0) } })
    FileHandle.standardError.write(Data((summary.message + "\n").utf8))
  }
}

/// `traction tickets evaluate`.
struct TicketsEvaluate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate", abstract: "Score a labelled CSV with a trained router.")

  @Option(help: "Model file.") var model: String
  @Option(help: "Labelled CSV file ('-' for stdin).") var data: String
  @Option(help: "Folder for report.html, report.xml and metrics.json.") var report: String?
  @Option(help: compareHelp) var compare: String?
  @Option(help: "Text column (default: as trained).") var text: String?
  @Option(help: "Intent column (default: as trained).") var label: String?

  func validate() throws { try validateCompare(compare, report: report) }

  func run() throws {
    let previous = try loadPreviousReport(compare, kind: TicketRouting.task)
    let summary = try TicketRouting.evaluate(
      modelPath: model, dataPath: data, reportDirectory: report, textColumn: text,
      labelColumn: label, previous: previous)
    FileHandle.standardError.write(Data((summary.message + "\n").utf8))
  }
}

/// `traction tickets predict`.
struct TicketsPredict: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract: "Stream intents for a CSV: id, intent, probability, decision, top intents.")

  @Option(help: "Model file.") var model: String
  @Option(help: "CSV to score ('-' for stdin).") var data: String
  @Option(help: "Output CSV ('-' for stdout).") var out: String = "-"
  @Option(help: "Number of intents listed per ticket.") var k: Int = 3
  @Option(help: "Text column (default: as trained).") var text: String?
  @Option(help: "Id column (default: as trained, else the row number).") var id: String?

  func run() throws {
    try TicketRouting.predict(
      modelPath: model, dataPath: data, outPath: out, k: k, textColumn: text, idColumn: id)
  }
}
