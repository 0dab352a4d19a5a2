import NeuralCore
import Foundation

/// Seeded generators for the bundled demo tables in `datasets/` (churn, fraud, credit).
///
/// Each table is drawn from a documented latent-risk model (a logistic function of a few business
/// drivers plus noise), so the demo reports show patterns a reader can check against intuition:
/// month-to-month contracts churn more, card-not-present night-time transactions are riskier,
/// high debt-to-income applicants default more. The same seed always gives the same bytes.
///
/// ```swift
/// let csv = RiskDemoData.churnCSV(rows: 4000, seed: 20261125)
/// try RiskDemoData.writeAll(to: URL(fileURLWithPath: "datasets"))
/// ```
public enum RiskDemoData {
  /// The seed used for the committed files in `datasets/`.
  public static let defaultSeed: UInt64 = 20_261_125

  /// The bundled tables: folder name, file name, row count and generator.
  public static let tables: [(folder: String, file: String, rows: Int)] = [
    ("churn", "subscriptions.csv", 4000),
    ("fraud", "card_transactions.csv", 6000),
    ("credit", "loan_applications.csv", 2500),
  ]

  /// The CSV text of one bundled table.
  /// - Parameters:
  ///   - folder: `churn`, `fraud` or `credit`.
  ///   - rows: number of data rows.
  ///   - seed: generator seed.
  /// - Returns: the CSV text (header plus `rows` lines, `\n` line ends), or `nil` for an unknown folder.
  public static func csv(folder: String, rows: Int, seed: UInt64 = defaultSeed) -> String? {
    switch folder {
    case "churn": return churnCSV(rows: rows, seed: seed)
    case "fraud": return fraudCSV(rows: rows, seed: seed)
    case "credit": return creditCSV(rows: rows, seed: seed)
    default: return nil
    }
  }

  /// Writes every bundled table under `directory/<folder>/<file>` (atomic writes).
  /// - Parameter directory: the `datasets` folder.
  /// - Throws: file-system errors.
  public static func writeAll(to directory: URL, seed: UInt64 = defaultSeed) throws {
    for table in tables {
      guard let text = csv(folder: table.folder, rows: table.rows, seed: seed) else { continue }
      let folder = directory.appendingPathComponent(table.folder)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: folder.appendingPathComponent(table.file), options: .atomic)
    }
  }
}

/// Demo-data draws on NeuralCore's ``SplitMix64``, independent of the training generator so
/// that the committed files never change with it.
struct DemoRandom {
  private var base: SplitMix64

  init(seed: UInt64) { base = SplitMix64(seed: seed) }

  mutating func next() -> UInt64 { base.next() }

  /// Uniform in [0, 1) with 53 random bits.
  mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Uniform integer in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }

  /// Standard normal by Box-Muller.
  mutating func gaussian() -> Double {
    let u1 = max(uniform(), 1e-300)
    let u2 = uniform()
    return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
  }

  /// True with probability `p`.
  mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

  /// An element drawn with the given relative weights.
  mutating func pick<T>(_ choices: [(T, Double)]) -> T {
    let total = choices.reduce(0) { $0 + $1.1 }
    var u = uniform() * total
    for (value, weight) in choices {
      if u < weight { return value }
      u -= weight
    }
    return choices[choices.count - 1].0
  }

  /// Poisson draw (Knuth's method; small means only).
  mutating func poisson(_ mean: Double) -> Int {
    let limit = Foundation.exp(-mean)
    var k = 0
    var p = uniform()
    while p > limit {
      k += 1
      p *= uniform()
    }
    return k
  }
}

/// Formatting helpers that give the same text on every platform (no locale, no `%g`).
enum DemoFormat {
  static func logistic(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }

  /// `value` with exactly `decimals` digits after the point, e.g. `fixed(3.14159, 2) == "3.14"`.
  static func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((abs(value) * Double(scale)).rounded())
    let sign = value < 0 && scaled != 0 ? "-" : ""
    if decimals == 0 { return "\(sign)\(scaled)" }
    let fraction = String(scaled % scale)
    let padded = String(repeating: "0", count: decimals - fraction.count) + fraction
    return "\(sign)\(scaled / scale).\(padded)"
  }

  /// A zero-padded identifier such as `C-00042`.
  static func identifier(_ prefix: String, _ number: Int, width: Int) -> String {
    let digits = String(number)
    return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// Clamps `value` into `range`.
  static func clamp(_ value: Double, _ range: ClosedRange<Double>) -> Double {
    min(max(value, range.lowerBound), range.upperBound)
  }
}
