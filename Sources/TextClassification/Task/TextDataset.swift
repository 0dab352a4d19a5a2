import Foundation
import Tabular

/// Labelled (or unlabelled) texts read from a CSV file, with optional extra columns.
public struct TextDataset: Sendable {
  /// The text of each row.
  public var texts: [String]
  /// The label set of each row (empty when no label column was read).
  public var labels: [[String]]
  /// Values of each extra column, by column name.
  public var extra: [String: [String]]
  /// The 1-based line each row starts on.
  public var lines: [Int]
  /// Rows skipped because their label was empty.
  public var skippedUnlabelled: Int
  /// Number of columns in the file.
  public var columnCount: Int

  /// Reads `path` (`-` = standard input) with `Tabular.CSVReader`.
  /// - Parameters:
  ///   - textColumn: column holding the text.
  ///   - labelColumn: column holding the label; `nil` for unlabelled data.
  ///   - labelSeparator: splits a label cell into several labels (multi-label), `nil` = one label.
  ///   - extraColumns: further columns to keep (group, time, id), `nil` entries ignored.
  /// - Throws: ``TextClassificationError/invalidInput(_:)`` naming the file and the option for a
  ///   missing column or a file without data rows; `Tabular.TabularError` naming the file, line
  ///   and column for an empty file, a row with another number of fields than the header,
  ///   an unterminated quote or invalid UTF-8.
  public static func read(
    path: String, textColumn: String, labelColumn: String?, labelSeparator: String? = nil,
    extraColumns: [(name: String, option: String)] = []
  ) throws -> TextDataset {
    var reader = try CSVReader(path: path)
    let t = try column(textColumn, in: reader, option: "--text")
    let l = try labelColumn.map { try column($0, in: reader, option: "--label") }
    let extras = try extraColumns.map { ($0.name, try column($0.name, in: reader, option: $0.option)) }
    var data = TextDataset(
      texts: [], labels: [], extra: [:], lines: [], skippedUnlabelled: 0,
      columnCount: reader.header.count)
    var extraValues = extras.map { _ in [String]() }
    var row = CSVRow()
    while try reader.nextRow(into: &row) {
      if let l {
        let cell = row.string(at: l).trimmingCharacters(in: .whitespaces)
        if cell.isEmpty {
          data.skippedUnlabelled += 1
          continue
        }
        if let sep = labelSeparator {
          data.labels.append(
            cell.components(separatedBy: sep).map { $0.trimmingCharacters(in: .whitespaces) }
              .filter { !$0.isEmpty })
        } else {
          data.labels.append([cell])
        }
      }
      data.texts.append(row.string(at: t))
      data.lines.append(row.line)
      for (i, e) in extras.enumerated() { extraValues[i].append(row.string(at: e.1)) }
    }
    for (i, e) in extras.enumerated() { data.extra[e.0] = extraValues[i] }
    if data.texts.isEmpty {
      throw TextClassificationError.invalidInput(
        "\(reader.path): no data rows after the header"
          + (data.skippedUnlabelled > 0 ? " (every label in '\(labelColumn ?? "")' is empty)" : ""))
    }
    return data
  }

  /// Problems in labelled training data that do not stop training but that a user should fix,
  /// one message each, naming `path` and the lines: texts that are empty or only white space
  /// (they can only teach the label's base rate), labels with a single example (too few to
  /// learn or to validate), and rows skipped because their label was empty.
  public func trainingWarnings(path: String) -> [String] {
    var warnings: [String] = []
    let emptyLines = zip(texts, lines).filter {
      $0.0.unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
    }.map(\.1)
    if !emptyLines.isEmpty {
      warnings.append(
        "\(path): \(emptyLines.count) row\(emptyLines.count == 1 ? " has" : "s have") an empty "
          + "or blank text (\(Self.lineList(emptyLines))); they teach only how common their "
          + "label is — fill them in or drop them")
    }
    var firstLine: [String: Int] = [:]
    var count: [String: Int] = [:]
    for (set, line) in zip(labels, lines) {
      for label in set {
        count[label, default: 0] += 1
        if firstLine[label] == nil { firstLine[label] = line }
      }
    }
    let singles = count.filter { $0.value == 1 }.keys.sorted()
    if !singles.isEmpty {
      let named = singles.prefix(5).map { "'\($0)' (line \(firstLine[$0] ?? 0))" }
      warnings.append(
        "\(path): \(singles.count) label\(singles.count == 1 ? " has" : "s have") a single "
          + "example: " + named.joined(separator: ", ") + (singles.count > 5 ? ", …" : "")
          + " — too few to learn or to validate; add examples or merge the label into another")
    }
    if skippedUnlabelled > 0 {
      warnings.append(
        "\(path): \(skippedUnlabelled) row\(skippedUnlabelled == 1 ? "" : "s") with an empty "
          + "label skipped")
    }
    return warnings
  }

  /// "line 4" / "lines 4, 9, 12" / "lines 4, 9, 12, 15, 20, …" (at most five named).
  static func lineList(_ lines: [Int]) -> String {
    let named = lines.prefix(5).map(String.init).joined(separator: ", ")
    return (lines.count == 1 ? "line " : "lines ") + named + (lines.count > 5 ? ", …" : "")
  }

  /// Index of column `name` in `reader`'s header, or an error that names the file, lists the
  /// available columns and the option to check.
  static func column(_ name: String, in reader: CSVReader, option: String) throws -> Int {
    if let i = reader.header.firstIndex(of: name) { return i }
    throw TextClassificationError.invalidInput(
      "column '\(name)' not found in \(reader.path); available: "
        + reader.header.prefix(20).joined(separator: ", ") + " — check \(option)")
  }
}
