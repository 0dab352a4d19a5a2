import Foundation
import NeuralCore

/// Column names and decisions a text model remembers, stored in its model file so that
/// `evaluate` and `predict` need only `--model` and `--data`.
public struct TextTaskSettings: Sendable, Codable, Equatable {
  /// Column holding the text.
  public var textColumn: String
  /// Column holding the label.
  public var labelColumn: String
  /// Separator of several labels in one cell (multi-label), if any.
  public var labelSeparator: String?
  /// Optional id column copied to predictions.
  public var idColumn: String?
  /// Minimum top-class probability for an automatic decision (below: human review); for
  /// multi-label models, the probability above which a label is assigned.
  public var threshold: Double
  /// Target precision the threshold was chosen for, if any.
  public var targetPrecision: Double?
  /// Grouping column (sentiment trends), if any.
  public var groupColumn: String?
  /// Time column (sentiment trends), if any.
  public var timeColumn: String?

  /// Creates settings.
  public init(
    textColumn: String, labelColumn: String, labelSeparator: String? = nil,
    idColumn: String? = nil, threshold: Double = 0.5, targetPrecision: Double? = nil,
    groupColumn: String? = nil, timeColumn: String? = nil
  ) {
    self.textColumn = textColumn
    self.labelColumn = labelColumn
    self.labelSeparator = labelSeparator
    self.idColumn = idColumn
    self.threshold = threshold
    self.targetPrecision = targetPrecision
    self.groupColumn = groupColumn
    self.timeColumn = timeColumn
  }
}

/// Reading and writing text model files.
public enum TextModelFile {
  /// Writes `model` with `settings` for `task` to `path` (temporary file, then rename).
  public static func write(
    _ model: FittedTextClassifier, settings: TextTaskSettings, task: String, to path: String
  ) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]  // same bytes for the same model
    let archive = try model.archive(task: task, domain: encoder.encode(settings))
    try archive.write(to: URL(fileURLWithPath: path))
  }

  /// Reads a model written by ``write(_:settings:task:to:)`` for `task`.
  /// - Throws: ``TextClassificationError/modelFile(path:reason:)`` for a damaged file, another
  ///   version or a model of another task.
  public static func read(task: String, from path: String) throws
    -> (FittedTextClassifier, TextTaskSettings)
  {
    let archive: ModelArchive
    do {
      archive = try ModelArchive.read(from: URL(fileURLWithPath: path))
    } catch NeuralCoreError.modelFile(_, let reason) {
      // The archive's reason already names the fix; the path is the one the user typed.
      throw TextClassificationError.modelFile(path: path, reason: reason)
    }
    guard archive.task == task else {
      throw TextClassificationError.modelFile(
        path: path,
        reason: "this is a '\(archive.task)' model, not a '\(task)' model — pass a model from "
          + "`traction \(task) train`")
    }
    let (model, domain) = try FittedTextClassifier.load(from: archive, path: path)
    do {
      return (model, try JSONDecoder().decode(TextTaskSettings.self, from: domain))
    } catch {
      throw TextClassificationError.modelFile(
        path: path, reason: "settings are unreadable — retrain the model with this version")
    }
  }
}
