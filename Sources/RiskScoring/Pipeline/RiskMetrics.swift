import Evaluation
import Foundation

/// The headline numbers of a risk model on labelled rows (the `metrics.json` keys).
public struct RiskMetrics: Sendable, Equatable {
  /// ROC-AUC.
  public var rocAUC: Double
  /// Average precision (PR-AUC).
  public var prAUC: Double
  /// Log loss of the calibrated probabilities.
  public var logLoss: Double
  /// Brier score of the calibrated probabilities.
  public var brier: Double
  /// Kolmogorov-Smirnov statistic, max(TPR - FPR).
  public var ks: Double
  /// F1 at the model's threshold.
  public var f1: Double
  /// Precision at the model's threshold.
  public var precision: Double
  /// Recall at the model's threshold.
  public var recall: Double
  /// The model's threshold.
  public var threshold: Double
  /// Rows evaluated.
  public var rows: Int
  /// Confusion counts at the threshold.
  public var truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int
  /// Total cost at the threshold and the saving against taking no action.
  public var cost: Double, saving: Double

  /// Computes every metric from calibrated probabilities and 0/1 labels.
  public static func compute(probabilities: [Double], labels: [Int], policy: DecisionPolicy)
    -> RiskMetrics
  {
    var tp = 0, fp = 0, fn = 0, tn = 0
    for (p, y) in zip(probabilities, labels) {
      switch (policy.isFlagged(p), y == 1) {
      case (true, true): tp += 1
      case (true, false): fp += 1
      case (false, true): fn += 1
      case (false, false): tn += 1
      }
    }
    let precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
    let recall = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0
    let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    return RiskMetrics(
      rocAUC: Evaluation.rocAUC(scores: probabilities, labels: labels),
      prAUC: Evaluation.averagePrecision(scores: probabilities, labels: labels),
      logLoss: Evaluation.logLoss(probabilities: probabilities, labels: labels),
      brier: Evaluation.brierScore(probabilities: probabilities, labels: labels),
      ks: Evaluation.ksStatistic(scores: probabilities, labels: labels), f1: f1, precision: precision,
      recall: recall, threshold: policy.threshold, rows: labels.count, truePositives: tp,
      falsePositives: fp, falseNegatives: fn, trueNegatives: tn,
      cost: policy.cost(probabilities: probabilities, labels: labels),
      saving: policy.saving(probabilities: probabilities, labels: labels))
  }

  /// The `metrics.json` entries (flat snake_case keys; see ARCHITECTURE.md).
  /// - Parameter fitSeconds: included for `train` only.
  public func dictionary(fitSeconds: Double?) -> [String: Double] {
    var values: [String: Double] = [
      "roc_auc": rocAUC, "pr_auc": prAUC, "log_loss": logLoss, "brier": brier, "ks": ks,
      "f1": f1, "precision": precision, "recall": recall, "threshold": threshold,
      "rows": Double(rows), "expected_cost": cost, "expected_saving": saving,
      "true_positives": Double(truePositives), "false_positives": Double(falsePositives),
      "false_negatives": Double(falseNegatives), "true_negatives": Double(trueNegatives),
    ]
    if let fitSeconds { values["fit_seconds"] = fitSeconds }
    return values
  }
}
