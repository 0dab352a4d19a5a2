/// A user's interactions in time order (oldest first), as item indices and weights.
public struct UserHistory: Sendable, Equatable {
  /// Item indices, oldest first.
  public var items: [Int32]
  /// Aggregated weight of each item.
  public var weights: [Float]

  /// Creates a history; `weights` defaults to 1 per item.
  public init(items: [Int32], weights: [Float]? = nil) {
    self.items = items
    self.weights = weights ?? [Float](repeating: 1, count: items.count)
  }

  /// An empty history (a user the model has never seen).
  public static let empty = UserHistory(items: [])
}

/// Compressed sparse rows of a log: per user the items in time order, and per item its users.
///
/// Complexity: building is O(entries log entries) for the time sort.
public struct UserItemMatrix: Sendable {
  /// Number of user rows.
  public let userCount: Int
  /// Number of item columns.
  public let itemCount: Int
  /// Row `u` spans `itemsByUser[rowStart[u]..<rowStart[u + 1]]`.
  public let rowStart: [Int]
  /// Item indices per user, oldest first.
  public let itemsByUser: [Int32]
  /// Weights aligned with `itemsByUser`.
  public let weightsByUser: [Float]
  /// Column `i` spans `usersByItem[columnStart[i]..<columnStart[i + 1]]`.
  public let columnStart: [Int]
  /// User indices per item, in increasing order.
  public let usersByItem: [Int32]

  /// Builds the matrix of `log`; counts may be larger than the log's maps (for models that
  /// know more users or items than this log mentions).
  public init(_ log: InteractionLog, userCount: Int? = nil, itemCount: Int? = nil) {
    let users = max(userCount ?? 0, log.users.count)
    let items = max(itemCount ?? 0, log.items.count)
    self.userCount = users
    self.itemCount = items
    // Entries sorted by (user, time, entry order): stable and deterministic.
    let order = (0..<log.count).sorted { a, b in
      let ua = log.userIndices[a]
      let ub = log.userIndices[b]
      if ua != ub { return ua < ub }
      if log.times[a] != log.times[b] { return log.times[a] < log.times[b] }
      return a < b
    }
    var rowStart = [Int](repeating: 0, count: users + 1)
    for u in log.userIndices { rowStart[Int(u) + 1] += 1 }
    for u in 0..<users { rowStart[u + 1] += rowStart[u] }
    self.rowStart = rowStart
    self.itemsByUser = order.map { log.itemIndices[$0] }
    self.weightsByUser = order.map { log.weights[$0] }
    var columnStart = [Int](repeating: 0, count: items + 1)
    for i in log.itemIndices { columnStart[Int(i) + 1] += 1 }
    for i in 0..<items { columnStart[i + 1] += columnStart[i] }
    var fill = columnStart
    var usersByItem = [Int32](repeating: 0, count: log.count)
    for u in 0..<users {
      for k in rowStart[u]..<rowStart[u + 1] {
        let i = Int(itemsByUser[k])
        usersByItem[fill[i]] = Int32(u)
        fill[i] += 1
      }
    }
    self.columnStart = columnStart
    self.usersByItem = usersByItem
  }

  /// Number of stored entries.
  public var entryCount: Int { itemsByUser.count }

  /// The history of user `u` (empty for an index past the matrix).
  public func history(of u: Int) -> UserHistory {
    guard u >= 0 && u < userCount else { return .empty }
    let range = rowStart[u]..<rowStart[u + 1]
    return UserHistory(items: Array(itemsByUser[range]), weights: Array(weightsByUser[range]))
  }

  /// Number of users who interacted with each item.
  public var itemPopularity: [Int] {
    (0..<itemCount).map { columnStart[$0 + 1] - columnStart[$0] }
  }
}
