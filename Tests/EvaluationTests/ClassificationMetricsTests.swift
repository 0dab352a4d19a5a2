import Testing

@testable import Evaluation

/// scikit-learn's `classification_report` docstring example:
/// ```python
/// y_true = [0, 1, 2, 2, 2]; y_pred = [0, 0, 2, 2, 1]
/// precision_recall_fscore_support(y_true, y_pred)            # per class
/// precision_recall_fscore_support(y_true, y_pred, average=a)  # a in micro, macro, weighted
/// ```
@Test func classificationReportDocstringExample() {
  let report = ClassificationReport(truth: [0, 1, 2, 2, 2], predicted: [0, 0, 2, 2, 1])
  #expect(report.labels == ["0", "1", "2"])
  #expect(close(report.classes.map(\.precision), [0.5, 0, 1]))
  #expect(close(report.classes.map(\.recall), [1, 0, 2.0 / 3]))
  #expect(close(report.classes.map(\.f1), [2.0 / 3, 0, 0.8]))
  #expect(report.classes.map(\.support) == [1, 1, 3])
  #expect(close(report.accuracy, 0.6))
  #expect(close(report.macro.precision, 0.5))
  #expect(close(report.macro.recall, 0.5555555555555555))
  #expect(close(report.macro.f1, 0.48888888888888893))
  #expect(close(report.weighted.precision, 0.7))
  #expect(close(report.weighted.recall, 0.6))
  #expect(close(report.weighted.f1, 0.6133333333333334))
  let micro = precisionRecallF1(
    truth: [0, 1, 2, 2, 2], predicted: [0, 0, 2, 2, 1], average: .micro)
  #expect(close(micro.precision, 0.6) && close(micro.recall, 0.6) && close(micro.f1, 0.6))
}

/// ```python
/// yt = [0,1,2,3,1,2,3,0,0,2,1,3,3,2]; yp = [0,2,2,3,1,1,3,0,1,2,1,0,3,3]
/// precision_recall_fscore_support(yt, yp, average=a); accuracy_score(yt, yp)
/// ```
@Test func fourClassAveragesMatchScikitLearn() {
  let yt = [0, 1, 2, 3, 1, 2, 3, 0, 0, 2, 1, 3, 3, 2]
  let yp = [0, 2, 2, 3, 1, 1, 3, 0, 1, 2, 1, 0, 3, 3]
  let micro = precisionRecallF1(truth: yt, predicted: yp, average: .micro)
  let macro = precisionRecallF1(truth: yt, predicted: yp, average: .macro)
  let weighted = precisionRecallF1(truth: yt, predicted: yp, average: .weighted)
  #expect(close(micro.f1, 0.6428571428571429))
  #expect(close(macro.precision, 0.6458333333333333))
  #expect(close(macro.recall, 0.6458333333333333))
  #expect(close(macro.f1, 0.6398809523809523))
  #expect(close(weighted.precision, 0.6547619047619048))
  #expect(close(weighted.recall, 0.6428571428571429))
  #expect(close(weighted.f1, 0.6428571428571429))
  #expect(close(accuracy(truth: yt, predicted: yp), 0.6428571428571429))
  #expect(close(f1Score(truth: yt, predicted: yp, average: .macro), 0.6398809523809523))
}

/// `confusion_matrix(y, s >= 0.5)` -> [[8, 3], [3, 6]];
/// `precision_recall_fscore_support(y, pred, average="binary")` -> (2/3, 2/3, 2/3).
@Test func binaryConfusionMatrixAtThreshold() {
  let m = ConfusionMatrix(scores: Reference.scores, labels: Reference.labels, threshold: 0.5)
  #expect(m.counts == [[8, 3], [3, 6]])
  let prf = precisionRecallF1(m, average: .binary(positive: 1))
  #expect(close(prf.precision, 2.0 / 3) && close(prf.recall, 2.0 / 3) && close(prf.f1, 2.0 / 3))
  let predicted = Reference.scores.map { $0 >= 0.5 ? 1 : 0 }
  #expect(close(precisionScore(truth: Reference.labels, predicted: predicted), 2.0 / 3))
  #expect(close(recallScore(truth: Reference.labels, predicted: predicted), 2.0 / 3))
}

@Test func stringLabelsAreSorted() {
  let m = ConfusionMatrix(truth: ["spam", "ham", "ham"], predicted: ["spam", "spam", "ham"])
  #expect(m.labels == ["ham", "spam"])
  #expect(m.counts == [[1, 1], [0, 1]])
}

@Test func bestF1ThresholdScansEveryCut() {
  let choice = bestF1Threshold(scores: Reference.scores, labels: Reference.labels)
  // Brute force over every distinct score.
  var best = -1.0
  for t in Set(Reference.scores) {
    let predicted = Reference.scores.map { $0 >= t ? 1 : 0 }
    best = max(best, f1Score(truth: Reference.labels, predicted: predicted))
  }
  #expect(close(choice.f1, best))
  let predicted = Reference.scores.map { $0 >= choice.threshold ? 1 : 0 }
  #expect(close(f1Score(truth: Reference.labels, predicted: predicted), choice.f1))
}

@Test func expectedCostThresholdMinimisesCost() {
  for (cfp, cfn) in [(1.0, 1.0), (1.0, 10.0), (10.0, 1.0), (1.0, 0.01)] {
    let choice = expectedCostThreshold(
      scores: Reference.scores, labels: Reference.labels, costFalsePositive: cfp,
      costFalseNegative: cfn)
    var best = Double.infinity
    for t in Set(Reference.scores + [2]) {
      let m = ConfusionMatrix(scores: Reference.scores, labels: Reference.labels, threshold: t)
      best = min(best, cfp * Double(m[0, 1]) + cfn * Double(m[1, 0]))
    }
    #expect(close(choice.cost, best))
    #expect(choice.threshold.isFinite)
  }
  // Misses are free: flagging nobody costs 0, and ties go to the higher threshold.
  let lazy = expectedCostThreshold(
    scores: Reference.scores, labels: Reference.labels, costFalsePositive: 1,
    costFalseNegative: 0)
  #expect(lazy.truePositives == 0 && lazy.falsePositives == 0 && lazy.threshold > 0.95)
}

@Test func bootstrapIntervalIsReproducibleAndBracketsTheEstimate() {
  let a = bootstrapInterval(
    scores: Reference.scores, labels: Reference.labels, resamples: 200, seed: 7, metric: rocAUC)
  let b = bootstrapInterval(
    scores: Reference.scores, labels: Reference.labels, resamples: 200, seed: 7, metric: rocAUC)
  #expect(a == b)
  #expect(a.lower <= a.estimate && a.estimate <= a.upper)
  #expect(a.lower > 0.4 && a.upper <= 1)
  #expect(close(a.estimate, 0.8282828282828283))
  // numpy.percentile([1, 2, 3, 4], 25) == 1.75
  #expect(percentile([1, 2, 3, 4], 0.25) == 1.75)
}
