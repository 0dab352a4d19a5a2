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
    // Shuffling one field changes only its columns' share of the first layer, so the first-layer
    // products and outputs are computed once (the bulk of the work on wide one-hot inputs) and
    // only rows whose field value changed are recomputed. Fields run
    // concurrently, each with its own seeded shuffles, so the result does not depend on threads.
    let cache = network.firstLayerCache(features, rows: rows)
    let base = rocAUC(scores: network.logits(from: cache, rows: rows), labels: labels)
    let fields = layout.columns.count
    var result = [Double](repeating: 0, count: fields)
    result.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let out = buffer
      Parallel.forEachChunk(count: fields, chunks: Parallel.coreCount) { range in
        for field in range {
          var generator = SeededGenerator(seed: seed &+ UInt64(field) &* 0x9E37_79B9_7F4A_7C15)
          var drop = 0.0
          for _ in 0..<repeats {
            let order = generator.permutation(rows)
            let shuffled = network.logits(
              replacing: layout.columns[field], from: order, in: features, rows: rows,
              cache: cache)
            drop += base - rocAUC(scores: shuffled, labels: labels)
          }
          out[field] = drop / Double(repeats)
        }
      }
    }
    return result
  }
}
