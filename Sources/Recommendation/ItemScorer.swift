import Foundation

/// A fitted model that scores every item for one user; higher scores rank first.
public protocol ItemScorer: Sendable {
  /// Number of items scored (the length of the `scores` buffer).
  var itemCount: Int { get }
  /// Writes one score per item into `scores` (`scores.count == itemCount`).
  /// - Parameters:
  ///   - user: the user's index in the training data, or nil for a user the model never saw.
  ///   - history: the user's known interactions, oldest first.
  func score(user: Int32?, history: UserHistory, into scores: UnsafeMutableBufferPointer<Float>)
}

/// Weights that favour a user's recent interactions.
public enum RecencyWeighting {
  /// Weight of each position in a history of `count` items (oldest first):
  /// `exp(-decay * age / count)` where `age` is 0 for the latest item, so the oldest item gets
  /// about `exp(-decay)`. A `decay` of 0 gives every item weight 1.
  public static func weights(count: Int, decay: Float) -> [Float] {
    guard count > 0 else { return [] }
    guard decay > 0 else { return [Float](repeating: 1, count: count) }
    let n = Float(count)
    return (0..<count).map { k in expf(-decay * Float(count - 1 - k) / n) }
  }
}

/// The most popular items first: the baseline every report compares against.
public struct PopularityModel: ItemScorer, Codable, Equatable {
  /// Number of users per item in the training data.
  public let counts: [Int]

  /// Fits popularity counts on `matrix`.
  public init(fittedTo matrix: UserItemMatrix) {
    counts = matrix.itemPopularity
  }

  /// Number of items.
  public var itemCount: Int { counts.count }

  /// Scores each item by its number of users, whatever the history.
  public func score(
    user: Int32?, history: UserHistory, into scores: UnsafeMutableBufferPointer<Float>
  ) {
    for i in 0..<counts.count { scores[i] = Float(counts[i]) }
  }

  /// Item indices from most to least popular (ties by index): the tie-break order for ranking.
  public var ranking: [Int32] {
    let counts = self.counts
    let order = (0..<counts.count).sorted { (a: Int, b: Int) -> Bool in
      counts[a] != counts[b] ? counts[a] > counts[b] : a < b
    }
    return order.map { Int32($0) }
  }

  /// The rank of each item in `ranking` (0 = most popular).
  public var rankOfItem: [Int32] {
    var rank = [Int32](repeating: 0, count: counts.count)
    for (position, item) in ranking.enumerated() { rank[Int(item)] = Int32(position) }
    return rank
  }
}
