import Foundation
import Testing

@testable import RiskScoring

/// Average precision against scikit-learn's `average_precision_score` (values pasted): its
/// docstring example, and a ranking with ties across classes (one threshold per tied score).
@Test func averagePrecisionMatchesScikitLearn() {
  let example = RankMetrics.averagePrecision(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
  #expect(abs(example - 0.8333333333333333) < 1e-12)
  let tied = RankMetrics.averagePrecision(
    scores: [0.9, 0.8, 0.8, 0.7, 0.5, 0.5, 0.5, 0.3, 0.2, 0.1],
    labels: [1, 0, 1, 1, 0, 0, 1, 0, 0, 0])
  #expect(abs(tied - 0.7470238095238095) < 1e-12)
  #expect(RankMetrics.averagePrecision(scores: [0.2, 0.1], labels: [0, 0]) == 0)
}

/// Rare positives (share below 10%) get the rare-positive settings and average-precision
/// stopping; other files keep the defaults and ROC-AUC; an explicit metric and a disabled
/// profile are respected; the resolved configuration stores no profile.
@Test func positiveShareResolvesRarePositiveSettings() {
  let defaults = RiskModelConfiguration()
  #expect(defaults.stoppingMetric == nil)
  let rare = defaults.resolvingPositiveShare(0.06)
  #expect(rare.ensembleSize == 8 && rare.learningRate == 3e-3 && rare.patience == 10)
  #expect(rare.stoppingMetric == .averagePrecision && rare.rarePositives == nil)
  #expect(rare.labelSmoothing == 0.05)

  for share in [0.1, 0.22, 0.5] {
    let common = defaults.resolvingPositiveShare(share)
    #expect(common.ensembleSize == 5 && common.learningRate == 1e-3 && common.patience == 15)
    #expect(common.stoppingMetric == .rocAUC && common.rarePositives == nil, "share \(share)")
    #expect(common.labelSmoothing == 0, "share \(share)")
  }

  var explicit = defaults
  explicit.stoppingMetric = .rocAUC
  #expect(explicit.resolvingPositiveShare(0.06).stoppingMetric == .rocAUC)
  #expect(explicit.resolvingPositiveShare(0.06).ensembleSize == 8)

  var off = defaults
  off.rarePositives = nil
  let plain = off.resolvingPositiveShare(0.06)
  #expect(plain.ensembleSize == 5 && plain.stoppingMetric == .averagePrecision)
}

/// A configuration stored before `stoppingMetric` and `rarePositives` existed still decodes
/// (both `nil`: ROC-AUC stopping, no profile).
@Test func configurationWithoutStoppingMetricDecodes() throws {
  let current = try JSONEncoder().encode(RiskModelConfiguration())
  var object = try #require(try JSONSerialization.jsonObject(with: current) as? [String: Any])
  object.removeValue(forKey: "stoppingMetric")
  object.removeValue(forKey: "rarePositives")
  let old = try JSONSerialization.data(withJSONObject: object)
  let decoded = try JSONDecoder().decode(RiskModelConfiguration.self, from: old)
  #expect(decoded.stoppingMetric == nil && decoded.rarePositives == nil)
  #expect(decoded.ensembleSize == 5)
}

/// Early stopping on average precision is deterministic for a seed, like ROC-AUC stopping, and
/// stops on a different epoch or weights than ROC-AUC on the same data.
@Test func averagePrecisionStoppingIsDeterministic() throws {
  let rows = 400
  let width = 5
  let (features, labels) = gaussianRows(seed: 9, rows: rows, width: width) { x, generator in
    x[0] + 0.8 * x[1] * x[2] + Float(generator.gaussian()) * 0.7 > 1.6
  }
  var config = RiskModelConfiguration(
    hidden: [8], epochs: 12, batchSize: 32, patience: 4, ensembleSize: 1, seed: 4)
  config.smallDataHidden = nil
  config.stoppingMetric = .averagePrecision
  let trainer = MLPTrainer(
    features: features, width: width, labels: labels, trainRows: Array(0..<300),
    validationRows: Array(300..<rows), configuration: config)
  let first = try trainer.train(seed: 21)
  let second = try trainer.train(seed: 21)
  #expect(first.layers == second.layers)
  #expect(first.validationLogits == second.validationLogits)
  let best = try #require(first.history.epochs.first { $0.epoch == first.history.bestEpoch })
  let validationLabels = Array(labels[300..<rows])
  let expected = RankMetrics.averagePrecision(
    scores: first.validationLogits.map(Double.init), labels: validationLabels)
  #expect(abs((best.validationMetric ?? .nan) - expected) < 1e-9)
}

/// Cross-fitting by default below 2000 rows, and for rare positives up to `largeDataRows` rows
/// (beyond that every row would be expanded for the held-out folds); an explicit value wins.
@Test func crossFitDefaultsBySizeAndPositiveShare() {
  let defaults = RiskModelConfiguration()
  #expect(defaults.resolvedCrossFit(rows: 800, positiveShare: 0.3))
  #expect(!defaults.resolvedCrossFit(rows: 24_000, positiveShare: 0.22))
  #expect(defaults.resolvedCrossFit(rows: 12_336, positiveShare: 0.06))
  #expect(
    defaults.resolvedCrossFit(rows: RiskModelConfiguration.largeDataRows, positiveShare: 0.01))
  #expect(!defaults.resolvedCrossFit(rows: 500_000, positiveShare: 0.01))
  var off = defaults
  off.crossFit = false
  #expect(!off.resolvedCrossFit(rows: 12_336, positiveShare: 0.06))
}


/// An explicit `labelSmoothing` holds for common files; rare files take the profile's value;
/// out-of-range values are rejected; a configuration or profile stored before the option
/// decodes (no smoothing).
@Test func labelSmoothingResolvesAndDecodes() throws {
  var explicit = RiskModelConfiguration()
  explicit.labelSmoothing = 0.1
  explicit.rarePositives?.labelSmoothing = 0.1
  #expect(explicit.resolvingPositiveShare(0.3).labelSmoothing == 0.1)
  #expect(explicit.resolvingPositiveShare(0.06).labelSmoothing == 0.1)

  var bad = RiskModelConfiguration()
  bad.rarePositives?.labelSmoothing = 0.5
  #expect(throws: RiskScoringError.self) { try bad.validate() }
  bad = RiskModelConfiguration(labelSmoothing: -0.1)
  #expect(throws: RiskScoringError.self) { try bad.validate() }

  let current = try JSONEncoder().encode(RiskModelConfiguration())
  var object = try #require(try JSONSerialization.jsonObject(with: current) as? [String: Any])
  object.removeValue(forKey: "labelSmoothing")
  var profile = try #require(object["rarePositives"] as? [String: Any])
  profile.removeValue(forKey: "labelSmoothing")
  object["rarePositives"] = profile
  let old = try JSONSerialization.data(withJSONObject: object)
  let decoded = try JSONDecoder().decode(RiskModelConfiguration.self, from: old)
  #expect(decoded.labelSmoothing == nil && decoded.rarePositives?.labelSmoothing == 0)
  #expect(decoded.resolvingPositiveShare(0.3).labelSmoothing == 0)
}

/// Label smoothing is deterministic for a seed and changes the trained weights.
@Test func labelSmoothingTrainsDeterministically() throws {
  let rows = 300
  let width = 4
  let (features, labels) = gaussianRows(seed: 11, rows: rows, width: width) { x, generator in
    x[0] - x[1] + Float(generator.gaussian()) * 0.5 > 1.5
  }
  var config = RiskModelConfiguration(
    hidden: [8], epochs: 6, batchSize: 32, patience: 3, ensembleSize: 1, seed: 4)
  config.smallDataHidden = nil
  func train(_ smoothing: Double?) throws -> MLPTrainer.Result {
    config.labelSmoothing = smoothing
    return try MLPTrainer(
      features: features, width: width, labels: labels, trainRows: Array(0..<220),
      validationRows: Array(220..<rows), configuration: config
    ).train(seed: 5)
  }
  let smoothed = try train(0.05)
  #expect(smoothed.layers == (try train(0.05)).layers)
  #expect(smoothed.layers != (try train(nil)).layers)
  #expect((try train(0)).layers == (try train(nil)).layers)
}
