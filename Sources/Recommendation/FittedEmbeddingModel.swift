import Foundation
import NeuralCore

/// A trained embedding model: user factors `(users, d)`, item factors `(items, d)` and item
/// biases.
public struct FittedEmbeddingModel: ItemScorer, Equatable {
  /// The hyper-parameters it was trained with.
  public let configuration: EmbeddingModel
  /// User factors, `(users, dimension)`.
  public let userFactors: Tensor
  /// Item factors, `(items, dimension)`.
  public let itemFactors: Tensor
  /// One bias per item.
  public let itemBias: [Float]

  /// Creates a model from its tables (training and model loading).
  public init(
    configuration: EmbeddingModel, userFactors: Tensor, itemFactors: Tensor, itemBias: [Float]
  ) {
    precondition(itemFactors.rows == itemBias.count, "one bias per item row")
    self.configuration = configuration
    self.userFactors = userFactors
    self.itemFactors = itemFactors
    self.itemBias = itemBias
  }

  /// Number of items.
  public var itemCount: Int { itemFactors.rows }
  /// Number of users with a trained vector.
  public var userCount: Int { userFactors.rows }

  /// `⟨p_u, q_j⟩ + b_j` for a known user; for an unknown user the mean factor of the history
  /// items stands in for `p_u` (just the biases when the history is empty).
  public func score(
    user: Int32?, history: UserHistory, into scores: UnsafeMutableBufferPointer<Float>
  ) {
    let d = itemFactors.columns
    var vector = [Float](repeating: 0, count: d)
    if let user, Int(user) < userCount, user >= 0 {
      for c in 0..<d { vector[c] = userFactors.data[Int(user) * d + c] }
    } else if !history.items.isEmpty {
      var used: Float = 0
      for i in history.items where Int(i) < itemCount && i >= 0 {
        for c in 0..<d { vector[c] += itemFactors.data[Int(i) * d + c] }
        used += 1
      }
      if used > 0 { for c in 0..<d { vector[c] /= used } }
    }
    itemFactors.data.withUnsafeBufferPointer { q in
      vector.withUnsafeBufferPointer { v in
        guard let q0 = q.baseAddress, let v0 = v.baseAddress else { return }
        for j in 0..<itemCount {
          let row = q0 + j * d
          var s0: Float = 0
          var s1: Float = 0
          var s2: Float = 0
          var s3: Float = 0
          var c = 0
          while c + 4 <= d {
            s0 += v0[c] * row[c]
            s1 += v0[c + 1] * row[c + 1]
            s2 += v0[c + 2] * row[c + 2]
            s3 += v0[c + 3] * row[c + 3]
            c += 4
          }
          while c < d {
            s0 += v0[c] * row[c]
            c += 1
          }
          scores[j] = itemBias[j] + (s0 + s1) + (s2 + s3)
        }
      }
    }
  }

  /// Copies this model's rows into larger tables (warm start of an incremental update).
  func copyRows(into users: Embedding, items: Embedding, bias: Embedding) {
    let d = itemFactors.columns
    precondition(users.dimension == d && items.dimension == d, "dimension mismatch")
    for u in 0..<min(userCount, users.count) {
      for c in 0..<d { users.weight.value.data[u * d + c] = userFactors.data[u * d + c] }
    }
    for i in 0..<min(itemCount, items.count) {
      for c in 0..<d { items.weight.value.data[i * d + c] = itemFactors.data[i * d + c] }
      bias.weight.value.data[i] = itemBias[i]
    }
  }
}
