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

  /// Index of column `name` in `reader`'s header, or an error that names the file, lists the
  /// available columns and the option to check.
  static func column(_ name: String, in reader: CSVReader, option: String) throws -> Int {
    if let i = reader.header.firstIndex(of: name) { return i }
    throw TextClassificationError.invalidInput(
      "column '\(name)' not found in \(reader.path); available: "
        + reader.header.prefix(20).joined(separator: ", ") + " — check \(option)")
  }
}
