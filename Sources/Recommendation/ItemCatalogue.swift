import Foundation
import Tabular

/// Item metadata (display names) read from a catalogue CSV.
public enum ItemCatalogue {
  /// Item id → display name from `url`.
  /// - Throws: `RecommendationError` for a missing column; `TabularError` naming the file, line
  ///   and column for an unreadable or malformed file.
  public static func names(from url: URL, idColumn: String, nameColumn: String) throws
    -> [String: String]
  {
    var reader = try CSVReader(url: url)
    let id = try InteractionLog.columnIndex(
      idColumn, in: reader.header, path: reader.path, flag: "--items-id")
    let name = try InteractionLog.columnIndex(
      nameColumn, in: reader.header, path: reader.path, flag: "--item-name")
    var names: [String: String] = [:]
    while let record = try reader.nextRecord() {
      names[record.fields[id].trimmingCharacters(in: .whitespaces)] = record.fields[name]
    }
    return names
  }
}

/// CSV output helpers (RFC 4180 quoting).
public enum CSVOutput {
  /// One CSV line (without the newline): fields with a comma, quote, CR or LF are quoted.
  /// With `guardFormulas`, cells starting with `=`, `+`, `-`, `@`, tab or CR that are not
  /// numbers get a leading `'` so that spreadsheets do not run them (CSV injection).
  public static func line(_ fields: [String], guardFormulas: [Bool]? = nil) -> String {
    fields.enumerated().map { index, raw in
      var field = raw
      // Unicode scalars, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
      if guardFormulas?[index] == true, let first = field.unicodeScalars.first,
        "=+-@\t\r".unicodeScalars.contains(first), Double(field) == nil
      {
        field = "'" + field
      }
      guard field.unicodeScalars.contains(where: { "\",\n\r".unicodeScalars.contains($0) })
      else { return field }
      return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",")
  }
}

extension Recommender {
  /// The entries of `log` whose (user, item) pair the model does not know yet.
  public func unseenInteractions(in other: InteractionLog) -> InteractionLog {
    var result = InteractionLog(hasTime: other.hasTime)
    for k in 0..<other.count {
      let userID = other.users[other.userIndices[k]]
      let itemID = other.items[other.itemIndices[k]]
      if let u = log.users.index(of: userID), let i = log.items.index(of: itemID),
        log.entry(user: u, item: i) != nil
      {
        continue
      }
      result.append(
        Interaction(
          user: userID, item: itemID, weight: other.weights[k],
          time: other.hasTime ? other.times[k] : nil))
    }
    result.finalize()
    return result
  }
}
