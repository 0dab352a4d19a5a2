import Foundation

extension RiskDemoData {
  /// A subscription-software customer table with a `churned` (Yes/No) label, about 22% Yes.
  ///
  /// Drivers of churn in the latent model: month-to-month contracts, short tenure, recent price
  /// increases, many support tickets, few logins, long time since the last login, paying by
  /// invoice; annual or two-year contracts, more seats and a discount lower it. `nps_score` is
  /// missing for customers who never answered the survey (about 30%).
  /// - Parameters:
  ///   - rows: number of customers.
  ///   - seed: generator seed.
  /// - Returns: CSV text with a header line.
  public static func churnCSV(rows: Int, seed: UInt64 = defaultSeed) -> String {
    var random = DemoRandom(seed: seed ^ 0xC4_0000)
    var lines = [
      "customer_id,plan,contract,tenure_months,monthly_fee,seats,payment_method,region,"
        + "logins_30d,days_since_last_login,support_tickets_90d,price_increase_last_6m,"
        + "discount,nps_score,churned"
    ]
    lines.reserveCapacity(rows + 1)
    for index in 0..<rows {
      let plan = random.pick([("Basic", 0.45), ("Standard", 0.35), ("Premium", 0.20)])
      let contract = random.pick([
        ("Month-to-month", 0.52), ("Annual", 0.33), ("Two-year", 0.15),
      ])
      let tenureCap = contract == "Two-year" ? 72.0 : (contract == "Annual" ? 60.0 : 48.0)
      let tenure = Int(DemoFormat.clamp((random.uniform() * random.uniform()) * tenureCap * 1.6, 1...72))
      let seats = max(1, Int(Foundation.exp(random.gaussian() * 0.9 + (plan == "Premium" ? 2.2 : 1.0))))
      let basePrice = plan == "Basic" ? 12.0 : (plan == "Standard" ? 29.0 : 59.0)
      let discount = random.bernoulli(contract == "Month-to-month" ? 0.08 : 0.30)
      let fee = Double(seats) * basePrice * (discount ? 0.8 : 1.0) * (1 + 0.05 * random.gaussian())
      let payment = random.pick([
        ("Card", 0.48), ("Direct debit", 0.27), ("Invoice", 0.17), ("PayPal", 0.08),
      ])
      let region = random.pick([
        ("North America", 0.42), ("Europe", 0.33), ("Asia Pacific", 0.17), ("Latin America", 0.08),
      ])
      let engagement = random.gaussian()
      let logins = max(0, Int((14 + 9 * engagement + Double(seats).squareRoot() * 2).rounded()))
      let lastLogin = logins == 0
        ? random.int(20...120)
        : Int(DemoFormat.clamp(Foundation.exp(1.2 - 0.8 * engagement + 0.6 * random.gaussian()), 0...90))
      let tickets = random.poisson(0.8 + (engagement < -1 ? 1.2 : 0) + (plan == "Premium" ? 0.4 : 0))
      let priceIncrease = random.bernoulli(0.22)

      var z = -1.55
      z += contract == "Month-to-month" ? 1.35 : (contract == "Annual" ? -0.25 : -1.4)
      z += -0.045 * Double(tenure) + 0.9 * Foundation.exp(-Double(tenure) / 4)
      z += priceIncrease ? 0.75 : 0
      z += 0.32 * Double(tickets)
      z += -0.55 * engagement
      z += 0.018 * Double(lastLogin)
      z += payment == "Invoice" ? 0.45 : (payment == "Direct debit" ? -0.35 : 0)
      z += discount ? -0.5 : 0
      z += -0.18 * Foundation.log(Double(seats))
      z += region == "Latin America" ? 0.25 : 0
      z += 0.45 * random.gaussian()
      let nps = Int(DemoFormat.clamp((8.2 - 1.4 * (z + 1.2) + 1.3 * random.gaussian()).rounded(), 0...10))
      let answered = random.bernoulli(0.7)
      let churned = random.bernoulli(DemoFormat.logistic(z))
      let fields = [
        DemoFormat.identifier("C-", index + 1, width: 5), plan, contract, String(tenure),
        DemoFormat.fixed(fee, 2), String(seats), payment, region, String(logins), String(lastLogin),
        String(tickets), priceIncrease ? "Yes" : "No", discount ? "Yes" : "No",
        answered ? String(nps) : "", churned ? "Yes" : "No",
      ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
