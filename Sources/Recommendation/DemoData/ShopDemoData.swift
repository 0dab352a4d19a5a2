import Foundation
import NeuralCore

/// A seeded generator for the bundled e-commerce demo: an item catalogue (names, categories,
/// prices) and a purchase log (customer, product, quantity, time) with the structure real logs
/// have: skewed item popularity, customers with one or two favourite categories whose tastes
/// drift during the year, complementary products bought together, repeat purchases and a few
/// returns (negative quantities).
public enum ShopDemoData {
  /// Category names and the words their product names are built from.
  static let categories: [(name: String, adjectives: [String], nouns: [String])] = [
    (
      "Coffee & Tea", ["Ethiopian", "Dark Roast", "Green", "Ceramic", "Cold Brew", "Earl Grey"],
      ["Beans", "Pour-Over Dripper", "Tea Tin", "Grinder", "Mug", "Filter Papers"]
    ),
    (
      "Kitchen", ["Cast-Iron", "Bamboo", "Non-Stick", "Copper", "Glass", "Steel"],
      ["Skillet", "Cutting Board", "Saucepan", "Spatula Set", "Storage Jars", "Knife"]
    ),
    (
      "Books", ["Illustrated", "Pocket", "Collected", "Beginner's", "Complete", "Hardback"],
      ["Cookbook", "Field Guide", "Atlas", "Poetry", "Mystery Novel", "Workbook"]
    ),
    (
      "Garden", ["Heirloom", "Organic", "Terracotta", "Folding", "Solar", "Herb"],
      ["Seed Kit", "Planter", "Trowel", "Watering Can", "Lantern", "Compost Bin"]
    ),
    (
      "Sports", ["Trail", "Yoga", "Insulated", "Lightweight", "Grip", "Reflective"],
      ["Running Socks", "Mat", "Water Bottle", "Jacket", "Gloves", "Headlamp"]
    ),
    (
      "Toys", ["Wooden", "Magnetic", "Plush", "Puzzle", "Glow", "Stacking"],
      ["Blocks", "Train Set", "Bear", "Cube", "Stars", "Rings"]
    ),
    (
      "Beauty", ["Lavender", "Shea", "Citrus", "Mineral", "Rose", "Unscented"],
      ["Soap", "Hand Cream", "Lip Balm", "Face Mist", "Bath Salts", "Shampoo Bar"]
    ),
    (
      "Electronics", ["Wireless", "Compact", "Fast", "Noise-Cancelling", "Smart", "Portable"],
      ["Earbuds", "Charger", "Speaker", "Headphones", "Plug", "Power Bank"]
    ),
  ]

  /// A generated catalogue row.
  public struct Product: Sendable, Equatable {
    /// Product id (`P0001`).
    public var id: String
    /// Display name.
    public var name: String
    /// Category name.
    public var category: String
    /// Price in euros.
    public var price: Double
  }

  /// Catalogue and purchase log as CSV text.
  /// - Parameters:
  ///   - seed: everything is determined by it.
  ///   - customers: number of customers.
  ///   - productsPerCategory: catalogue size per category.
  public static func generate(
    seed: UInt64 = 7, customers: Int = 1200, productsPerCategory: Int = 36
  )
    -> (catalogue: String, purchases: String)
  {
    var rng = SeededGenerator(seed: seed)
    var products: [Product] = []
    var byCategory: [[Int]] = []
    for (c, category) in categories.enumerated() {
      var members: [Int] = []
      var used = Set<String>()
      for k in 0..<productsPerCategory {
        var name = ""
        repeat {
          let adjective = category.adjectives[rng.nextInt(below: category.adjectives.count)]
          let noun = category.nouns[rng.nextInt(below: category.nouns.count)]
          name = "\(adjective) \(noun)"
          if used.contains(name) { name += " \(["Mini", "XL", "Duo", "Classic", "Plus"][k % 5])" }
        } while used.contains(name)
        used.insert(name)
        members.append(products.count)
        let price = (Double(5 + rng.nextInt(below: 60)) + 0.99) * (c == 7 ? 2 : 1)
        products.append(
          Product(
            id: String(format: "P%04d", products.count + 1), name: name, category: category.name,
            price: price))
      }
      byCategory.append(members)
    }
    // Complements: each product has a partner in the same category bought soon after it.
    var partner = [Int](repeating: 0, count: products.count)
    for members in byCategory {
      var shuffled = members
      rng.shuffle(&shuffled)
      for k in 0..<shuffled.count { partner[shuffled[k]] = shuffled[(k + 1) % shuffled.count] }
    }
    // Zipf-like popularity inside each category.
    func pick(_ category: Int, _ rng: inout SeededGenerator) -> Int {
      let members = byCategory[category]
      let u = rng.nextDouble()
      let rank = min(members.count - 1, Int(Double(members.count) * pow(u, 2.2)))
      return members[rank]
    }
    var catalogue = "product_id,name,category,price\n"
    for p in products {
      catalogue +=
        CSVOutput.line([p.id, p.name, p.category, String(format: "%.2f", p.price)])
        + "\n"
    }
    var purchases = "customer_id,product_id,quantity,purchased_at\n"
    let yearStart = 1_704_067_200.0  // 2024-01-01T00:00:00Z
    let year = 366.0 * 86_400
    for c in 0..<customers {
      let id = String(format: "C%05d", c + 1)
      let first = rng.nextInt(below: categories.count)
      let second = (first + 1 + rng.nextInt(below: categories.count - 1)) % categories.count
      let orders = 2 + Int(pow(rng.nextDouble(), 2) * 24)
      var times = (0..<orders).map { _ in yearStart + rng.nextDouble() * year }
      times.sort()
      var last: Int? = nil
      for (n, time) in times.enumerated() {
        // Taste drifts from the first favourite category to the second over the year.
        let drift = Double(n) / Double(max(1, orders - 1))
        let r = rng.nextDouble()
        let product: Int
        if let previous = last, r < 0.3 {
          product = partner[previous]
        } else if r < 0.3 + 0.55 * (1 - drift) {
          product = pick(first, &rng)
        } else if r < 0.85 {
          product = pick(second, &rng)
        } else {
          product = pick(rng.nextInt(below: categories.count), &rng)
        }
        last = product
        let quantity = rng.nextDouble() < 0.03 ? -1 : 1 + (rng.nextDouble() < 0.15 ? 1 : 0)
        let stamp = isoTime(time)
        purchases += "\(id),\(products[product].id),\(quantity),\(stamp)\n"
      }
    }
    return (catalogue, purchases)
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970.
  static func isoTime(_ seconds: Double) -> String {
    let total = Int(seconds)
    let days = total / 86_400
    let rest = total % 86_400
    // Civil-from-days (H. Hinnant).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, rest / 3600, rest % 3600 / 60,
      rest % 60)
  }

  /// Writes `catalogue.csv` and `purchases.csv` into `directory` (atomically).
  public static func write(to directory: URL, seed: UInt64 = 7) throws {
    let (catalogue, purchases) = generate(seed: seed)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, text) in [("catalogue.csv", catalogue), ("purchases.csv", purchases)] {
      let url = directory.appendingPathComponent(name)
      let tmp = directory.appendingPathComponent(".\(name).tmp")
      try Data(text.utf8).write(to: tmp)
      if rename(tmp.path, url.path) != 0 {
        throw RecommendationError.unreadableFile(
          path: url.path, reason: "cannot write: \(String(cString: strerror(errno)))")
      }
    }
  }
}
