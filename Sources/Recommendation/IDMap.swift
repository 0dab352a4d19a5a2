/// A two-way map between external string ids and dense indices `0..<count`, in order of first
/// appearance.
public struct IDMap: Sendable, Equatable, Codable {
  /// External ids by index.
  public private(set) var ids: [String] = []
  private var index: [String: Int32] = [:]

  /// An empty map.
  public init() {}

  /// A map over `ids` (which must be distinct) in the given order.
  public init(ids: [String]) {
    for id in ids { _ = insert(id) }
  }

  /// Number of ids.
  public var count: Int { ids.count }

  /// The index of `id`, or nil when it is unknown.
  public func index(of id: String) -> Int32? { index[id] }

  /// The index of `id`, adding it when new.
  @discardableResult
  public mutating func insert(_ id: String) -> Int32 {
    if let existing = index[id] { return existing }
    let next = Int32(ids.count)
    ids.append(id)
    index[id] = next
    return next
  }

  /// The external id at `index`.
  public subscript(index: Int32) -> String { ids[Int(index)] }

  private enum CodingKeys: String, CodingKey { case ids }

  /// Decodes from the list of ids alone.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(ids: try container.decode([String].self, forKey: .ids))
  }

  /// Encodes the list of ids alone.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(ids, forKey: .ids)
  }
}
