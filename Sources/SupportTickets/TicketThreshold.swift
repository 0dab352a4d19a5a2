/// The trade-off between routing tickets automatically and routing them correctly.
public struct AutomationCurve: Sendable, Equatable {
  /// One operating point.
  public struct Point: Sendable, Equatable {
    /// Minimum top-intent probability for automatic routing.
    public var threshold: Double
    /// Share of tickets routed automatically.
    public var automationRate: Double
    /// Share of automatically routed tickets whose intent is right.
    public var accuracy: Double
  }

  /// Points from the strictest threshold (few tickets automated) to the loosest (all).
  public var points: [Point]

  /// Builds the curve from the top-intent confidence of each ticket and whether it was right.
  public init(confidence: [Double], correct: [Bool]) {
    let order = confidence.indices.sorted { confidence[$0] > confidence[$1] }
    var points: [Point] = []
    var right = 0
    for (k, i) in order.enumerated() {
      if correct[i] { right += 1 }
      // One point per distinct confidence value (ties are routed together).
      if k + 1 < order.count && confidence[order[k + 1]] == confidence[i] { continue }
      points.append(Point(
        threshold: confidence[i], automationRate: Double(k + 1) / Double(order.count),
        accuracy: Double(right) / Double(k + 1)))
    }
    self.points = points
  }

  /// The loosest threshold whose automated tickets reach `targetPrecision` (the most
  /// automation at that precision), or `nil` when no threshold reaches it.
  public func threshold(forPrecision targetPrecision: Double) -> Point? {
    points.last { $0.accuracy >= targetPrecision }
  }
}
