import Testing

@testable import Evaluation

/// Multi-label metrics against scikit-learn 1.9.1 on indicator matrices:
/// ```python
/// T = [[1,1,0],[0,1,0],[1,0,1],[0,0,1],[1,1,0]]; P = [[1,0,0],[0,1,0],[1,0,1],[0,1,1],[0,1,0]]
/// multilabel_confusion_matrix(T, P); accuracy_score(T, P)
/// precision_recall_fscore_support(T, P, average=a)  # a in None, macro, weighted
/// ```
@Suite struct MultiLabelMetricsTests {
  let truth: [Set<Int>] = [[0, 1], [1], [0, 2], [2], [0, 1]]
  let predicted: [Set<Int>] = [[0], [1], [0, 2], [1, 2], [1]]

  @Test func perLabelMatricesMatchScikitLearn() {
    let m = multilabelConfusionMatrices(truth: truth, predicted: predicted, labelCount: 3)
    #expect(m.map(\.counts) == [[[2, 0], [1, 2]], [[1, 1], [1, 2]], [[3, 0], [0, 2]]])
  }

  @Test func reportMatchesScikitLearn() {
    let r = ClassificationReport(truthSets: truth, predictedSets: predicted, labels: ["a", "b", "c"])
    #expect(r.labels == ["a", "b", "c"])
    #expect(close(r.classes.map(\.precision), [1, 2.0 / 3, 1]))
    #expect(close(r.classes.map(\.recall), [2.0 / 3, 2.0 / 3, 1]))
    #expect(close(r.classes.map(\.f1), [0.8, 2.0 / 3, 1]))
    #expect(r.classes.map(\.support) == [3, 3, 2])
    #expect(close(r.accuracy, 0.4))
    #expect(close(r.macro.precision, 0.8888888888888888))
    #expect(close(r.macro.recall, 0.7777777777777777))
    #expect(close(r.macro.f1, 0.8222222222222223))
    #expect(close(r.weighted.precision, 0.875))
    #expect(close(r.weighted.recall, 0.75))
    #expect(close(r.weighted.f1, 0.8))
  }
}
