import NeuralCore

/// Errors raised by metric computations.
///
/// Metric functions take plain arrays and return `Double`; they `precondition` on programmer
/// mistakes (arrays of different lengths) and return `.nan` where scikit-learn would raise on an
/// undefined value (for example ROC-AUC with a single class). This enum is for callers that
/// want to validate inputs coming from data before computing metrics (see `validate`).
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Inputs of different lengths.
  case lengthMismatch(expected: Int, actual: Int)
  /// Only one class is present, so a ranking metric is undefined.
  case singleClass(label: Int)
  /// A score is NaN or infinite.
  case nonFiniteScore(index: Int)

  /// A one-line message with a fix.
  public var description: String {
    switch self {
    case .lengthMismatch(let expected, let actual):
      return "expected \(expected) values but got \(actual) — scores and labels must align"
    case .singleClass(let label):
      return "every label is \(label): ROC-AUC and PR-AUC need both classes — use more data"
    case .nonFiniteScore(let index):
      return "score \(index) is NaN or infinite — check the model output"
    }
  }

  /// Checks that scores and labels align, scores are finite and both classes are present.
  /// - Throws: The first problem found.
  public static func validate(scores: [Double], labels: [Int]) throws {
    if scores.count != labels.count {
      throw EvaluationError.lengthMismatch(expected: labels.count, actual: scores.count)
    }
    if let bad = scores.firstIndex(where: { !$0.isFinite }) {
      throw EvaluationError.nonFiniteScore(index: bad)
    }
    if let first = labels.first, labels.allSatisfy({ ($0 == 1) == (first == 1) }) {
      throw EvaluationError.singleClass(label: first)
    }
  }
}

@inline(__always)
func checkLengths(_ a: Int, _ b: Int, _ function: StaticString = #function) {
  precondition(a == b, "\(function): \(a) scores but \(b) labels")
}
