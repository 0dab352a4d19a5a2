import Foundation

extension RiskDemoData {
  /// A card-transaction table with an `is_fraud` (1/0) label, about 3% fraud.
  ///
  /// Drivers of fraud in the latent model: card-not-present (online) transactions, night hours,
  /// a new device, a country that does not match the card's, large amounts relative to the
  /// customer's 30-day average, bursts of transactions in the last 24 hours, failed CVV attempts,
  /// young accounts and high-risk merchant categories (electronics, jewellery, gift cards).
  /// - Parameters:
  ///   - rows: number of transactions.
  ///   - seed: generator seed.
  /// - Returns: CSV text with a header line.
  public static func fraudCSV(rows: Int, seed: UInt64 = defaultSeed) -> String {
    var random = DemoRandom(seed: seed ^ 0xF4_0000)
    var lines = [
      "transaction_id,amount,avg_amount_30d,merchant_category,channel,hour,country_match,"
        + "distance_from_home_km,transactions_last_24h,new_device,cvv_failures,"
        + "account_age_days,customer_age,is_fraud"
    ]
    lines.reserveCapacity(rows + 1)
    let categories: [(String, Double, Double)] = [
      // name, share, risk
      ("Grocery", 0.24, -0.6), ("Restaurants", 0.16, -0.4), ("Fuel", 0.10, -0.2),
      ("Online services", 0.14, 0.3), ("Electronics", 0.09, 0.9), ("Travel", 0.08, 0.4),
      ("Clothing", 0.10, 0.0), ("Jewellery", 0.03, 1.1), ("Gift cards", 0.03, 1.4),
      ("Gaming", 0.03, 0.7),
    ]
    for index in 0..<rows {
      let category = random.pick(categories.map { (($0.0, $0.2), $0.1) })
      let channel = random.pick([
        ("Chip", 0.38), ("Contactless", 0.27), ("Online", 0.30), ("Swipe", 0.05),
      ])
      let average = Foundation.exp(3.4 + 0.7 * random.gaussian())
      let ratio = Foundation.exp(0.8 * random.gaussian() + (random.bernoulli(0.06) ? 1.6 : 0))
      let amount = max(0.5, average * ratio)
      let hour = Int(DemoFormat.clamp((14 + 4.5 * random.gaussian()).rounded(), 0...23))
      let nightHour = random.bernoulli(0.08) ? random.int(0...5) : hour
      let countryMatch = !random.bernoulli(channel == "Online" ? 0.09 : 0.03)
      let distance = countryMatch
        ? Foundation.exp(1.6 + 1.1 * random.gaussian()) : 800 + Foundation.exp(7 + random.gaussian())
      let burst = random.poisson(2.2) + (random.bernoulli(0.04) ? random.int(4...12) : 0)
      let newDevice = random.bernoulli(channel == "Online" ? 0.12 : 0.02)
      let cvv = random.bernoulli(0.05) ? random.int(1...3) : 0
      let accountAge = Int(DemoFormat.clamp(Foundation.exp(6.2 + 1.1 * random.gaussian()), 3...7300))
      let age = Int(DemoFormat.clamp((44 + 14 * random.gaussian()).rounded(), 18...90))
      let hasAge = random.bernoulli(0.96)

      var z = -5.0
      z += category.1
      switch channel {
      case "Online": z += 1.0
      case "Swipe": z += 0.5
      case "Chip": z -= 0.5
      default: break
      }
      z += (nightHour <= 5) ? 1.2 : 0
      z += countryMatch ? 0 : 1.3
      z += newDevice ? 1.1 : 0
      z += 0.9 * Foundation.log(ratio)
      z += 0.22 * Double(max(0, burst - 3))
      z += 0.7 * Double(cvv)
      z += accountAge < 60 ? 0.9 : 0
      z += age > 75 ? 0.4 : 0
      z += 0.4 * random.gaussian()
      let fraud = random.bernoulli(DemoFormat.logistic(z))
      let fields = [
        DemoFormat.identifier("T-", index + 1, width: 6), DemoFormat.fixed(amount, 2),
        DemoFormat.fixed(average, 2), category.0, channel, String(nightHour),
        countryMatch ? "Yes" : "No", DemoFormat.fixed(distance, 1), String(burst),
        newDevice ? "Yes" : "No", String(cvv), String(accountAge), hasAge ? String(age) : "",
        fraud ? "1" : "0",
      ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
