import Foundation

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

  /// Reads `path`.
  /// - Parameters:
  ///   - textColumn: column holding the text.
  ///   - labelColumn: column holding the label; `nil` for unlabelled data.
  ///   - labelSeparator: splits a label cell into several labels (multi-label), `nil` = one label.
  ///   - extraColumns: further columns to keep (group, time, id), `nil` entries ignored.
  /// - Throws: ``TextClassificationError/invalidInput(_:)`` naming the file, line and column for
  ///   a missing column, an empty file, a short row or invalid UTF-8.
  public static func read(
    path: String, textColumn: String, labelColumn: String?, labelSeparator: String? = nil,
    extraColumns: [(name: String, option: String)] = []
  ) throws -> TextDataset {
    let reader = try TextCSVReader(path: path)
    let t = try reader.column(textColumn, option: "--text")
    let l = try labelColumn.map { try reader.column($0, option: "--label") }
    let extras = try extraColumns.map { ($0.name, try reader.column($0.name, option: $0.option)) }
    var data = TextDataset(
      texts: [], labels: [], extra: [:], lines: [], skippedUnlabelled: 0,
      columnCount: reader.header.count)
    var extraValues = extras.map { _ in [String]() }
    let needed = ([t] + (l.map { [$0] } ?? []) + extras.map(\.1)).max() ?? 0
    while let record = try reader.nextRecord() {
      guard record.fields.count > needed else {
        throw TextClassificationError.invalidInput(
          "\(reader.displayName) line \(record.line): \(record.fields.count) fields but the "
            + "header has \(reader.header.count); check quoting or the separator")
      }
      if let l {
        let cell = record.fields[l].trimmingCharacters(in: .whitespaces)
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
      data.texts.append(record.fields[t])
      data.lines.append(record.line)
      for (i, e) in extras.enumerated() { extraValues[i].append(record.fields[e.1]) }
    }
    for (i, e) in extras.enumerated() { data.extra[e.0] = extraValues[i] }
    if data.texts.isEmpty {
      throw TextClassificationError.invalidInput(
        "\(reader.displayName): no data rows after the header"
          + (data.skippedUnlabelled > 0 ? " (every label in '\(labelColumn ?? "")' is empty)" : ""))
    }
    return data
  }
}
