import Foundation
import NeuralCore

/// A seeded generator of product reviews (English and about 30% Chinese) labelled negative,
/// neutral or positive, with a date and a product; one product gets worse in the second half
/// of the period so the trend section has something to find.
public enum ReviewDemoData {
  static let positive = ["love it, works perfectly", "great quality for the price",
    "fast delivery and well packed", "exactly as described, very happy", "excellent, would buy again",
    "battery lasts all day 👍", "super comfortable and stylish"]
  static let neutral = ["it's ok, nothing special", "does the job", "average quality",
    "arrived on time, haven't used it much yet", "fine for the price i guess"]
  static let negative = ["stopped working after {n} days", "terrible quality, returning it",
    "arrived broken and support never answered", "waste of money 😡", "not as described at all",
    "battery dies in {n} hours", "smells awful and feels cheap"]
  static let positiveZH = ["质量很好，物超所值", "物流很快，包装很好", "非常满意，还会回购", "做工精细，推荐"]
  static let neutralZH = ["一般般，还行", "中规中矩", "和描述差不多"]
  static let negativeZH = ["质量太差了，退货", "用了{n}天就坏了", "客服不理人，很失望", "跟图片完全不一样"]
  static let products = ["headphones", "phone case", "charger", "backpack", "desk lamp"]

  /// CSV text with `review_id,date,product,text,sentiment`.
  public static func csv(rows: Int = 2000, seed: UInt64 = 20_240_602) -> String {
    var g = SeededGenerator(seed: seed)
    var lines = ["review_id,date,product,text,sentiment"]
    for i in 0..<rows {
      let product = products[Int(g.next() % UInt64(products.count))]
      let day = 1 + Int(g.next() % 60)
      // The charger's quality drops in the second month.
      var negativeShare = 0.22
      if product == "charger" && day > 30 { negativeShare = 0.55 }
      let u = Double(g.next() % 10_000) / 10_000
      let label = u < negativeShare ? "negative" : (u < negativeShare + 0.18 ? "neutral" : "positive")
      let chinese = g.next() % 10 < 3
      let pool: [String]
      switch (label, chinese) {
      case ("negative", false): pool = negative
      case ("negative", true): pool = negativeZH
      case ("neutral", false): pool = neutral
      case ("neutral", true): pool = neutralZH
      case (_, false): pool = positive
      default: pool = positiveZH
      }
      var text = pool[Int(g.next() % UInt64(pool.count))]
        .replacingOccurrences(of: "{n}", with: String(2 + g.next() % 20))
      if !chinese && g.next() % 3 == 0 { text = "the \(product) " + text }
      // A little label noise, as in real reviews.
      let noisy = g.next() % 20 == 0
      let shown = noisy ? ["negative", "neutral", "positive"][Int(g.next() % 3)] : label
      let date = day <= 31 ? String(format: "2024-05-%02d", day) : String(format: "2024-06-%02d", day - 31)
      let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      lines.append(String(format: "R%05d,", i + 1) + "\(date),\(product),\(quoted),\(shown)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
