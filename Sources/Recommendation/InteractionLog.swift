/// The columns of an interactions file.
public struct InteractionColumns: Sendable, Codable, Equatable {
  /// Column holding the user id (any string).
  public var user: String
  /// Column holding the item id (any string).
  public var item: String
  /// Optional column with a positive weight (rating, quantity, amount); empty cells count as 1.
  public var weight: String?
  /// Optional column with a time: seconds since 1970 or an ISO 8601 date or date-time.
  public var time: String?

  /// Names the columns; `weight` and `time` are optional.
  public init(user: String, item: String, weight: String? = nil, time: String? = nil) {
    self.user = user
    self.item = item
    self.weight = weight
    self.time = time
  }
}

/// One raw interaction before aggregation.
public struct Interaction: Sendable, Equatable {
  /// External user id.
  public var user: String
  /// External item id.
  public var item: String
  /// Strength of the interaction (1 for a plain event).
  public var weight: Float
  /// Time in seconds, or nil when the log has no time column.
  public var time: Double?

  /// Creates an interaction.
  public init(user: String, item: String, weight: Float = 1, time: Double? = nil) {
    self.user = user
    self.item = item
    self.weight = weight
    self.time = time
  }
}

/// An implicit-feedback interaction log with one entry per (user, item) pair.
///
/// Duplicate pairs are aggregated: weights are summed, the latest time is kept and the number of
/// events is counted. Pairs whose summed weight is not positive (for example a purchase followed
/// by a return of the same quantity) are dropped. Without a time column the position of the
/// last event in the file stands in for time, so "latest" means "last in the file".
public struct InteractionLog: Sendable {
  /// User ids and their dense indices.
  public private(set) var users = IDMap()
  /// Item ids and their dense indices.
  public private(set) var items = IDMap()
  /// User index of each entry.
  public private(set) var userIndices: [Int32] = []
  /// Item index of each entry.
  public private(set) var itemIndices: [Int32] = []
  /// Summed weight of each entry.
  public private(set) var weights: [Float] = []
  /// Latest time of each entry (or the row number of its last event when `hasTime` is false).
  public private(set) var times: [Double] = []
  /// Number of raw events aggregated into each entry.
  public private(set) var eventCounts: [Int32] = []
  /// Whether the times are real times from a time column.
  public private(set) var hasTime: Bool
  /// Number of raw rows read.
  public private(set) var rowCount = 0
  private var entryOf: [UInt64: Int] = [:]

  /// An empty log; `hasTime` says whether appended interactions carry times.
  public init(hasTime: Bool) { self.hasTime = hasTime }

  /// An empty log whose id maps start as `users` and `items`, so indices of known ids are kept
  /// (used to merge new interactions into a trained model).
  public init(hasTime: Bool, users: IDMap, items: IDMap) {
    self.hasTime = hasTime
    self.users = users
    self.items = items
  }

  /// The entry index of a (user, item) pair, or nil.
  public func entry(user: Int32, item: Int32) -> Int? {
    entryOf[UInt64(UInt32(bitPattern: user)) << 32 | UInt64(UInt32(bitPattern: item))]
  }

  /// Restores a log from stored columns (model files); duplicate pairs are aggregated.
  public init(
    users: IDMap, items: IDMap, userIndices: [Int32], itemIndices: [Int32], weights: [Float],
    times: [Double], hasTime: Bool, rowCount: Int
  ) {
    self.init(hasTime: hasTime, users: users, items: items)
    for k in 0..<min(userIndices.count, itemIndices.count, weights.count, times.count) {
      append(
        Interaction(
          user: users[userIndices[k]], item: items[itemIndices[k]], weight: weights[k],
          time: times[k]),
        forceTime: true)
    }
    self.rowCount = rowCount
    finalize()
  }

  /// A log aggregated from raw interactions. The log has times when every interaction has one.
  public init(_ interactions: [Interaction]) {
    self.init(hasTime: !interactions.isEmpty && interactions.allSatisfy { $0.time != nil })
    for interaction in interactions { append(interaction) }
    finalize()
  }

  /// Number of distinct (user, item) entries.
  public var count: Int { userIndices.count }

  /// Adds one raw interaction, aggregating with an earlier one for the same pair.
  /// Call `finalize()` after the last append to drop non-positive entries.
  public mutating func append(_ interaction: Interaction) {
    append(interaction, forceTime: false)
  }

  /// Appends; with `forceTime` the interaction's time is used even when `hasTime` is false
  /// (restoring row-order pseudo-times).
  mutating func append(_ interaction: Interaction, forceTime: Bool) {
    let time =
      hasTime || forceTime ? (interaction.time ?? Double(rowCount)) : Double(rowCount)
    rowCount += 1
    let u = users.insert(interaction.user)
    let i = items.insert(interaction.item)
    let key = UInt64(UInt32(bitPattern: u)) << 32 | UInt64(UInt32(bitPattern: i))
    if let entry = entryOf[key] {
      weights[entry] += interaction.weight
      times[entry] = max(times[entry], time)
      eventCounts[entry] += 1
    } else {
      entryOf[key] = userIndices.count
      userIndices.append(u)
      itemIndices.append(i)
      weights.append(interaction.weight)
      times.append(time)
      eventCounts.append(1)
    }
  }

  /// Drops entries whose summed weight is not positive. Ids stay in the maps, so an item seen
  /// only in a returned purchase is still known (it simply has no positive interactions).
  public mutating func finalize() {
    guard weights.contains(where: { !($0 > 0) }) else { return }
    var keep: [Int] = []
    keep.reserveCapacity(count)
    for k in 0..<count where weights[k] > 0 { keep.append(k) }
    userIndices = keep.map { userIndices[$0] }
    itemIndices = keep.map { itemIndices[$0] }
    weights = keep.map { weights[$0] }
    times = keep.map { times[$0] }
    eventCounts = keep.map { eventCounts[$0] }
    entryOf.removeAll()
    for k in 0..<count {
      let key =
        UInt64(UInt32(bitPattern: userIndices[k])) << 32
        | UInt64(UInt32(bitPattern: itemIndices[k]))
      entryOf[key] = k
    }
  }

  /// The entries of this log as raw interactions with external ids (aggregated weights).
  public var interactions: [Interaction] {
    (0..<count).map { k in
      Interaction(
        user: users[userIndices[k]], item: items[itemIndices[k]], weight: weights[k],
        time: hasTime ? times[k] : nil)
    }
  }

  /// A log holding only the entries for which `include` returns true, with the same id maps.
  public func filtered(_ include: (Int) -> Bool) -> InteractionLog {
    var result = InteractionLog(hasTime: hasTime)
    result.users = users
    result.items = items
    result.rowCount = rowCount
    for k in 0..<count where include(k) {
      result.entryOf[
        UInt64(UInt32(bitPattern: userIndices[k])) << 32
          | UInt64(UInt32(bitPattern: itemIndices[k]))] = result.count
      result.userIndices.append(userIndices[k])
      result.itemIndices.append(itemIndices[k])
      result.weights.append(weights[k])
      result.times.append(times[k])
      result.eventCounts.append(eventCounts[k])
    }
    return result
  }

  /// Number of entries per item index (popularity by distinct users).
  public func itemCounts() -> [Int] {
    var counts = [Int](repeating: 0, count: items.count)
    for i in itemIndices { counts[Int(i)] += 1 }
    return counts
  }
}
