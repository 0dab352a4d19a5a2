import Foundation

extension RiskDemoData {
  /// A consumer-loan application table with a `defaulted` (Yes/No) label, about 15% Yes.
  ///
  /// Drivers of default in the latent model: high debt-to-income, recent delinquencies, short
  /// credit history, short employment, renting, large loans relative to income and the
  /// "Debt consolidation" and "Small business" purposes; home owners and long histories default less.
  /// - Parameters:
  ///   - rows: number of applications.
  ///   - seed: generator seed.
  /// - Returns: CSV text with a header line.
  public static func creditCSV(rows: Int, seed: UInt64 = defaultSeed) -> String {
    var random = DemoRandom(seed: seed ^ 0xCD_0000)
    var lines = [
      "application_id,age,annual_income,employment_years,home_ownership,loan_amount,term_months,"
        + "purpose,debt_to_income,credit_history_years,open_accounts,delinquencies_2y,"
        + "credit_inquiries_6m,defaulted"
    ]
    lines.reserveCapacity(rows + 1)
    for index in 0..<rows {
      let age = Int(DemoFormat.clamp((41 + 12 * random.gaussian()).rounded(), 19...80))
      let income = DemoFormat.clamp(Foundation.exp(10.8 + 0.5 * random.gaussian()), 9_000...400_000)
      let employment = Int(DemoFormat.clamp(
        Double(age - 19) * random.uniform() * 0.8, 0...40))
      let home = random.pick([("Rent", 0.42), ("Mortgage", 0.40), ("Own", 0.18)])
      let purpose = random.pick([
        ("Debt consolidation", 0.34), ("Car", 0.18), ("Home improvement", 0.16),
        ("Education", 0.08), ("Medical", 0.07), ("Small business", 0.07), ("Other", 0.10),
      ])
      let amount = (DemoFormat.clamp(income * Foundation.exp(-1.6 + 0.6 * random.gaussian()),
        1_000...60_000) / 100).rounded() * 100
      let term = random.pick([(12, 0.15), (24, 0.25), (36, 0.40), (60, 0.20)])
      let dti = DemoFormat.clamp(18 + 9 * random.gaussian(), 0...65)
      let history = Int(DemoFormat.clamp(Double(age - 18) * (0.3 + 0.6 * random.uniform()), 0...50))
      let accounts = max(1, random.poisson(5))
      let delinquencies = random.bernoulli(0.15) ? random.int(1...4) : 0
      let inquiries = random.poisson(1.1)
      let reported = random.bernoulli(0.95)

      var z = -2.6
      z += 0.055 * (dti - 18)
      z += 0.6 * Double(delinquencies)
      z += -0.04 * Double(history)
      z += -0.05 * Double(min(employment, 15))
      z += home == "Rent" ? 0.35 : (home == "Own" ? -0.35 : 0)
      z += 1.6 * (amount / income)
      z += purpose == "Small business" ? 0.8 : (purpose == "Debt consolidation" ? 0.3 : 0)
      z += purpose == "Car" ? -0.3 : 0
      z += term == 60 ? 0.45 : 0
      z += 0.18 * Double(inquiries)
      z += age < 25 ? 0.3 : 0
      z += 0.35 * random.gaussian()
      let defaulted = random.bernoulli(DemoFormat.logistic(z))
      let fields = [
        DemoFormat.identifier("A-", index + 1, width: 5), String(age),
        String(Int((income / 100).rounded()) * 100), reported ? String(employment) : "NA", home,
        String(Int(amount)), String(term), purpose, DemoFormat.fixed(dti, 1), String(history),
        String(accounts), String(delinquencies), String(inquiries), defaulted ? "Yes" : "No",
      ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
