import Foundation

/// Shows training progress on standard error: a redrawn one-line bar with epoch, loss,
/// validation metric and ETA when stderr is a terminal, one plain line per epoch otherwise
/// (logs, CI, pipes).
///
/// ```swift
/// let printer = ProgressPrinter(metricName: "AUC")
/// loop.progress = printer.report
/// loop.batchProgress = printer.batch
/// ```
public final class ProgressPrinter {
  /// Whether to draw a redrawn bar (true) or plain lines.
  public let isTerminal: Bool
  /// Label for the validation metric (e.g. "AUC").
  public let metricName: String
  /// Width of the bar in characters.
  public let barWidth: Int
  private let write: (String) -> Void
  private var lastDraw: Double = -1

  /// Creates a printer.
  /// - Parameters:
  ///   - metricName: label of the validation metric.
  ///   - isTerminal: override terminal detection (default: `isatty(2)`).
  ///   - write: where text goes (default: standard error).
  public init(
    metricName: String = "metric", isTerminal: Bool? = nil, barWidth: Int = 24,
    write: ((String) -> Void)? = nil
  ) {
    self.metricName = metricName
    self.isTerminal = isTerminal ?? (isatty(2) != 0)
    self.barWidth = max(4, barWidth)
    self.write = write ?? { FileHandle.standardError.write(Data($0.utf8)) }
  }

  /// Prints an epoch summary (the progress callback of ``TrainingLoop``).
  public func report(_ report: EpochReport) {
    if isTerminal {
      let bar = Self.bar(
        fraction: Double(report.epoch) / Double(max(report.epochs, 1)), width: barWidth)
      let last = report.epoch == report.epochs
      write(
        "\r\u{1B}[2K" + bar + " " + Self.line(report, metricName: metricName) + (last ? "\n" : ""))
    } else {
      write(Self.line(report, metricName: metricName) + "\n")
    }
  }

  /// Redraws the bar inside an epoch (terminal only, at most 10 times a second).
  public func batch(_ report: BatchReport) {
    guard isTerminal else { return }
    guard report.elapsed - lastDraw >= 0.1 || report.batch == report.batches else { return }
    lastDraw = report.elapsed
    let done = Double(report.epoch - 1) + Double(report.batch) / Double(max(report.batches, 1))
    let fraction = done / Double(max(report.epochs, 1))
    let eta = fraction > 0 ? report.elapsed * (1 - fraction) / fraction : 0
    write(
      "\r\u{1B}[2K" + Self.bar(fraction: fraction, width: barWidth)
        + " epoch \(report.epoch)/\(report.epochs) loss \(Self.number(report.runningLoss))"
        + " ETA \(Self.duration(eta))")
  }

  /// One plain progress line: `epoch 3/10  loss 0.4123  val_loss 0.4410  AUC 0.8123  12.1s  ETA 0:28`.
  public static func line(_ r: EpochReport, metricName: String) -> String {
    var parts = ["epoch \(r.epoch)/\(r.epochs)", "loss \(number(r.trainLoss))"]
    if let v = r.validationLoss { parts.append("val_loss \(number(v))") }
    if let m = r.validationMetric { parts.append("\(metricName) \(number(m))") }
    parts.append(String(format: "%.1fs", r.elapsed))
    if r.epoch < r.epochs { parts.append("ETA \(duration(r.eta))") }
    if r.isBest && r.validationLoss != nil { parts.append("*") }
    return parts.joined(separator: "  ")
  }

  /// `[#########.........]` for a fraction in `[0, 1]`.
  public static func bar(fraction: Double, width: Int) -> String {
    let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
    let filled = Int((f * Double(width)).rounded(.down))
    return "[" + String(repeating: "#", count: filled)
      + String(repeating: ".", count: width - filled) + "]"
  }

  /// `m:ss` or `h:mm:ss`.
  public static func duration(_ seconds: Double) -> String {
    let s = seconds.isFinite ? max(0, Int(seconds.rounded())) : 0
    if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) }
    return String(format: "%d:%02d", s / 60, s % 60)
  }

  /// Four significant decimals.
  static func number(_ x: Double) -> String { String(format: "%.4f", x) }
}
