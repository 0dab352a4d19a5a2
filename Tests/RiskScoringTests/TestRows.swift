@testable import RiskScoring

/// `rows` rows of `width` standard-normal features and a 0/1 label from `isPositive`, which may
/// draw noise from the same generator (drawn after the row's features, as the tests always did).
func gaussianRows(
  seed: UInt64, rows: Int, width: Int, isPositive: ([Float], inout DemoRandom) -> Bool
) -> (features: [Float], labels: [Float]) {
  var generator = DemoRandom(seed: seed)
  var features: [Float] = []
  var labels: [Float] = []
  for _ in 0..<rows {
    let x = (0..<width).map { _ in Float(generator.gaussian()) }
    features += x
    labels.append(isPositive(x, &generator) ? 1 : 0)
  }
  return (features, labels)
}
