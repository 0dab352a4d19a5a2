import Testing

@testable import Evaluation

/// A small binary problem with tied scores. Reference values from scikit-learn 1.9.1:
/// ```python
/// from sklearn.metrics import *
/// from sklearn.calibration import calibration_curve
/// from scipy.stats import ks_2samp
/// y = [0,0,1,1,0,1,0,1,1,0,0,1,0,0,1,1,0,1,0,0]
/// s = [0.1,0.4,0.35,0.8,0.4,0.9,0.2,0.35,0.65,0.5,0.05,0.75,0.6,0.3,0.4,0.95,0.15,0.55,0.7,0.25]
/// roc_auc_score(y, s); average_precision_score(y, s); log_loss(y, s); brier_score_loss(y, s)
/// ks_2samp(s[y==1], s[y==0]).statistic; roc_curve(y, s); precision_recall_curve(y, s)
/// calibration_curve(y, s, n_bins=5)
/// ```
enum Reference {
  static let labels = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0]
  static let scores = [
    0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.35, 0.65, 0.5, 0.05, 0.75, 0.6, 0.3, 0.4, 0.95, 0.15,
    0.55, 0.7, 0.25,
  ]
}

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
  abs(a - b) <= tolerance
}

func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || abs($0 - $1) <= tolerance }
}

@Test func rocAUCMatchesScikitLearnWithTies() {
  #expect(close(rocAUC(scores: Reference.scores, labels: Reference.labels), 0.8282828282828283))
}

@Test func averagePrecisionMatchesScikitLearn() {
  #expect(
    close(averagePrecision(scores: Reference.scores, labels: Reference.labels), 0.8280423280423279))
}

@Test func logLossAndBrierMatchScikitLearn() {
  #expect(
    close(logLoss(probabilities: Reference.scores, labels: Reference.labels), 0.48668848015354227))
  #expect(
    close(
      brierScore(probabilities: Reference.scores, labels: Reference.labels), 0.16462499999999997))
  // log_loss([1, 0, 1], [1.0, 1.0, 0.5]): the confident mistake is clipped at machine epsilon.
  #expect(
    close(logLoss(probabilities: [1.0, 1.0, 0.5], labels: [1, 0, 1]), 12.245600189892366, 1e-9))
  // log_loss([0, 1, 0, 2], P) for a 3-class probability matrix.
  let p = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.05, 0.05, 0.9]]
  #expect(close(logLoss(probabilities: p, labels: [0, 1, 0, 2]), 0.47228795380917615))
}

@Test func ksMatchesScipy() {
  #expect(
    close(ksStatistic(scores: Reference.scores, labels: Reference.labels), 0.5454545454545454))
}

@Test func rocCurveMatchesScikitLearn() {
  let curve = rocCurve(scores: Reference.scores, labels: Reference.labels)
  let fpr: [Double] = [0, 0, 0, 1, 1, 2, 2, 3, 5, 5, 11].map { $0 / 11 }
  let tpr: [Double] = [0, 1, 4, 4, 5, 5, 6, 6, 7, 9, 9].map { $0 / 9 }
  #expect(close(curve.falsePositiveRate, fpr))
  #expect(close(curve.truePositiveRate, tpr))
  #expect(
    curve.thresholds == [.infinity, 0.95, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.4, 0.35, 0.05])
}

@Test func prCurveMatchesScikitLearn() {
  let curve = prCurve(scores: Reference.scores, labels: Reference.labels)
  #expect(
    close(
      curve.precision,
      [
        0.45, 0.47368421052631576, 0.5, 0.5294117647058824, 0.5625, 0.6, 0.6428571428571429,
        0.5833333333333334, 0.6666666666666666, 0.75, 0.7142857142857143, 0.8333333333333334, 0.8,
        1, 1, 1, 1, 1,
      ]))
  let recall: [Double] = [9, 9, 9, 9, 9, 9, 9, 7, 6, 6, 5, 5, 4, 4, 3, 2, 1, 0].map { $0 / 9 }
  #expect(close(curve.recall, recall))
  #expect(
    curve.thresholds == [
      0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 0.95,
    ])
}

@Test func calibrationBinsMatchScikitLearn() {
  let bins = calibrationBins(probabilities: Reference.scores, labels: Reference.labels, bins: 5)
  let observed: [Double] = [0, 0.42857142857142855, 1.0 / 3, 0.75, 1]
  #expect(close(bins.map(\.observedRate), observed))
  #expect(
    close(bins.map(\.meanPredicted), [0.125, 0.35000000000000003, 0.55, 0.7250000000000001, 0.925]))
  #expect(bins.map(\.count) == [4, 7, 3, 4, 2])
}

@Test func singleClassGivesNaNNotACrash() {
  #expect(rocAUC(scores: [0.1, 0.2], labels: [1, 1]).isNaN)
  #expect(averagePrecision(scores: [0.1, 0.2], labels: [0, 0]).isNaN)
  #expect(throws: EvaluationError.singleClass(label: 0)) {
    try EvaluationError.validate(scores: [0.1, 0.2], labels: [0, 0])
  }
}

@Test func perfectAndInvertedRankings() {
  #expect(rocAUC(scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1]) == 1)
  #expect(rocAUC(scores: [0.9, 0.8, 0.2, 0.1], labels: [0, 0, 1, 1]) == 0)
  #expect(rocAUC(scores: [0.5, 0.5, 0.5, 0.5], labels: [0, 1, 0, 1]) == 0.5)
  #expect(rocAUC(scores: [Float(0.1), 0.2, 0.8, 0.9], labels: [0, 0, 1, 1]) == 1)
}

@Test func liftTableByDecile() {
  // 20 rows in 10 groups of 2; the top group holds the two highest scores (0.95, 0.9).
  let table = liftTable(scores: Reference.scores, labels: Reference.labels)
  #expect(table.count == 10)
  #expect(table[0].positives == 2 && table[0].count == 2)
  #expect(close(table[0].lift, 1.0 / 0.45))
  #expect(close(table.last?.cumulativeGain ?? 0, 1))
  #expect(close(table.last?.cumulativeLift ?? 0, 1))
  #expect(table.map(\.count).reduce(0, +) == 20)
  // array_split sizes: 7 rows in 3 groups -> 3, 2, 2.
  let small = liftTable(scores: [1.0, 2, 3, 4, 5, 6, 7], labels: [1, 0, 1, 0, 1, 0, 1], groups: 3)
  #expect(small.map(\.count) == [3, 2, 2])
  #expect(small[0].maxScore == 7 && small[0].minScore == 5)
}

/// 60 rows with scores rounded to one decimal (heavy ties, a score of exactly 1):
/// ```python
/// rng = np.random.default_rng(3); y = rng.integers(0, 2, 60)
/// s = np.round(np.clip(0.3 * y + rng.random(60) * 0.7, 0, 1), 1)
/// roc_auc_score(y, s), average_precision_score(y, s), log_loss(y, s), brier_score_loss(y, s)
/// ks_2samp(s[y == 1], s[y == 0]).statistic
/// ```
@Test func heavilyTiedScoresMatchScikitLearn() {
  let y = [
    1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1,
    1, 0, 0, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1,
  ]
  let s: [Double] = [
    0.6, 0.1, 0.5, 0.7, 0.1, 0.7, 0.5, 0.8, 0.5, 0.2, 0.6, 0.5, 0.8, 0.6, 0.3, 0.5, 0.9, 0.4, 0.6,
    0.3, 0.3, 0.1, 0.8, 0.5, 0.6, 0.2, 0.7, 0.6, 0.4, 0.4, 0.4, 0.8, 0.8, 0.4, 0.6, 0.4, 0.9, 0.4,
    1.0, 0.4, 0.7, 0.7, 0.6, 0.9, 0.3, 0.3, 0.1, 0.1, 0.1, 0.9, 0.4, 0.5, 0.3, 0.6, 0.7, 0.8, 0.1,
    0.4, 0.5, 0.3,
  ]
  #expect(close(rocAUC(scores: s, labels: y), 0.7755331088664422))
  #expect(close(averagePrecision(scores: s, labels: y), 0.7720645367704191))
  #expect(close(logLoss(probabilities: s, labels: y), 0.5389881392888137))
  #expect(close(brierScore(probabilities: s, labels: y), 0.18733333333333338))
  #expect(close(ksStatistic(scores: s, labels: y), 0.4276094276094276))
}
