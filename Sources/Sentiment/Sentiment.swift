import Foundation
import NeuralCore

/// Errors raised by the Sentiment module.
public enum SentimentError: Error, Equatable, Sendable {
  /// The input data cannot be used; the message names the file, line and field.
  case invalidInput(String)
}

/// Which way a sentiment class points.
public enum Polarity {
  /// -1 for negative, 0 for neutral, +1 for positive, from the class name (English and Chinese
  /// names, `0`/`1` codes, star ratings); `nil` when the name says nothing.
  public static func of(_ name: String) -> Int? {
    let n = name.lowercased().trimmingCharacters(in: .whitespaces)
    if n.hasPrefix("neg") || n == "0" || n == "bad" || n.contains("负") || n.contains("差")
      || n == "1star" || n == "-1"
    {
      return -1
    }
    if n.hasPrefix("neu") || n.contains("中") || n == "mixed" { return 0 }
    if n.hasPrefix("pos") || n == "1" || n == "good" || n.contains("正") || n.contains("好") {
      return 1
    }
    return nil
  }

  /// Polarity of every class: by name, otherwise by sorted position (first negative, last
  /// positive, any middle class neutral).
  public static func map(_ classes: [String]) -> [Int] {
    let byName = classes.map(of)
    if byName.allSatisfy({ $0 != nil }) { return byName.map { $0 ?? 0 } }
    return classes.indices.map { $0 == 0 ? -1 : ($0 == classes.count - 1 ? 1 : 0) }
  }
}
