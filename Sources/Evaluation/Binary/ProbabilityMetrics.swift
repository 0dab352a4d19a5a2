import Foundation

/// Binary log loss (cross-entropy), scikit-learn `log_loss`: probabilities are clipped to
/// `[ε, 1 − ε]` with ε the `Double` machine epsilon, so a confident mistake costs ~36, not ∞.
/// - Parameters:
///   - probabilities: Predicted probability of the positive class.
///   - labels: 1 for positive, anything else negative.
/// - Returns: The mean loss (lower is better).
public func logLoss(probabilities: [Double], labels: [Int]) -> Double {
  checkLengths(probabilities.count, labels.count)
  guard !labels.isEmpty else { return .nan }
  let eps = Double.ulpOfOne
  var total = 0.0
  for (p, y) in zip(probabilities, labels) {
    let q = y == 1 ? p : 1 - p
    total -= log(min(max(q, eps), 1 - eps))
  }
  return total / Double(labels.count)
}

/// Binary log loss for `Float` probabilities (computed in `Double`).
@_disfavoredOverload
public func logLoss(probabilities: [Float], labels: [Int]) -> Double {
  logLoss(probabilities: probabilities.map(Double.init), labels: labels)
}

/// Multi-class log loss, scikit-learn `log_loss` with a probability matrix: each row is clipped
/// to `[ε, 1 − ε]` and the loss is the mean of `−log p[label]`.
/// - Parameters:
///   - probabilities: One row of class probabilities per sample.
///   - labels: The true class index of each sample.
public func logLoss(probabilities: [[Double]], labels: [Int]) -> Double {
  checkLengths(probabilities.count, labels.count)
  guard !labels.isEmpty else { return .nan }
  let eps = Double.ulpOfOne
  var total = 0.0
  for (row, y) in zip(probabilities, labels) {
    total -= log(min(max(row[y], eps), 1 - eps))
  }
  return total / Double(labels.count)
}

/// Brier score, scikit-learn `brier_score_loss`: the mean squared difference between the
/// predicted probability and the outcome (lower is better).
public func brierScore(probabilities: [Double], labels: [Int]) -> Double {
  checkLengths(probabilities.count, labels.count)
  guard !labels.isEmpty else { return .nan }
  var total = 0.0
  for (p, y) in zip(probabilities, labels) {
    let d = p - (y == 1 ? 1 : 0)
    total += d * d
  }
  return total / Double(labels.count)
}

/// Brier score for `Float` probabilities.
@_disfavoredOverload
public func brierScore(probabilities: [Float], labels: [Int]) -> Double {
  brierScore(probabilities: probabilities.map(Double.init), labels: labels)
}
