import Evaluation
import NeuralCore

/// Permutation importance (Breiman 2001; scikit-learn's `permutation_importance`): how much the
/// ROC-AUC drops when one field's encoded columns are shuffled across the evaluation rows.
enum RiskImportance {
  /// ROC-AUC drop per field (same order as `layout.fieldNames`), mean of `repeats` shuffles.
  static func permutation(
    network: RiskNetwork, layout: FieldLayout, features: [Float], labels: [Int],
    repeats: Int = 2, seed: UInt64 = 7
  ) -> [Double] {
    let rows = labels.count
    let width = network.inputWidth
    guard rows > 1, features.count == rows * width else {
      return [Double](repeating: 0, count: layout.columns.count)
    }
    let base = rocAUC(scores: network.logits(features, rows: rows), labels: labels)
    var generator = SeededGenerator(seed: seed)
    var result: [Double] = []
    var shuffled = features
    for columns in layout.columns {
      var drop = 0.0
      for _ in 0..<repeats {
        let order = generator.permutation(rows)
        for r in 0..<rows {
          for c in columns { shuffled[r * width + c] = features[order[r] * width + c] }
        }
        drop += base - rocAUC(scores: network.logits(shuffled, rows: rows), labels: labels)
      }
      for r in 0..<rows {
        for c in columns { shuffled[r * width + c] = features[r * width + c] }
      }
      result.append(drop / Double(repeats))
    }
    return result
  }
}
