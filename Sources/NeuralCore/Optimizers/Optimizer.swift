import Foundation

/// Updates parameters from their accumulated gradients.
///
/// `step` applies one update to every parameter and then zeroes the gradients. Sparse parameters
/// (embedding tables) are updated lazily: only their ``Parameter/touchedRows`` change, and the
/// optimizer state of other rows is left as it was (as in PyTorch's `SparseAdam`).
public protocol Optimizer {
  /// Step size; may be changed between steps (see ``LearningRateSchedule``).
  var learningRate: Float { get set }
  /// Applies one update from the current gradients, then zeroes them.
  mutating func step(_ parameters: [Parameter])
}

/// Calls `body(start, end)` for the element ranges to update: all of a dense parameter (split
/// over cores when large), or one range per touched row of a sparse one.
@inline(__always)
func forEachUpdateRange(_ p: Parameter, _ body: @Sendable (Int, Int) -> Void) {
  if p.isSparse {
    let width = p.value.columns
    for r in p.touchedRows { body(r * width, (r + 1) * width) }
  } else {
    let count = p.value.count
    Parallel.forEachChunk(
      count: count, chunks: Parallel.chunkCount(for: count, minimumPerChunk: 1 << 17)
    ) { range in body(range.lowerBound, range.upperBound) }
  }
}

/// Per-parameter optimizer state (moment buffers), keyed by parameter identity.
struct SlotStore: Sendable {
  private var slots: [ObjectIdentifier: [Float]] = [:]

  /// Removes and returns the buffer for `p` (zero-filled when new or resized), so that the
  /// caller can mutate it without a copy; put it back with ``put(_:for:)``.
  mutating func take(_ p: Parameter) -> [Float] {
    let key = ObjectIdentifier(p)
    if let buffer = slots.removeValue(forKey: key), buffer.count == p.value.count { return buffer }
    return [Float](repeating: 0, count: p.value.count)
  }

  /// Stores the buffer for `p`.
  mutating func put(_ buffer: [Float], for p: Parameter) {
    slots[ObjectIdentifier(p)] = buffer
  }
}

/// Rescales all gradients so that their global L2 norm is at most `maxNorm`
/// (Pascanu et al., 2013; PyTorch's `clip_grad_norm_`). Sparse parameters contribute only
/// their touched rows.
/// - Returns: the global norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
  var sumSquares: Double = 0
  for p in parameters {
    p.gradient.data.withUnsafeBufferPointer { g in
      if p.isSparse {
        let w = p.value.columns
        for r in p.touchedRows {
          var s: Float = 0
          for i in (r * w)..<((r + 1) * w) { s += g[i] * g[i] }
          sumSquares += Double(s)
        }
      } else {
        var s: Float = 0
        for x in g { s += x * x }
        sumSquares += Double(s)
      }
    }
  }
  let norm = Float(sumSquares.squareRoot())
  guard norm > maxNorm, norm.isFinite, norm > 0 else { return norm }
  let scale = maxNorm / norm
  for p in parameters {
    p.gradient.data.withUnsafeMutableBufferPointer { g in
      if p.isSparse {
        let w = p.value.columns
        for r in p.touchedRows {
          for i in (r * w)..<((r + 1) * w) { g[i] *= scale }
        }
      } else {
        for i in g.indices { g[i] *= scale }
      }
    }
  }
  return norm
}

/// A learning rate that depends on the step: optional linear warm-up, then constant, cosine or
/// linear decay to `minimumRate` at `totalSteps`.
///
/// ```swift
/// let schedule = LearningRateSchedule.cosine(baseRate: 1e-3, warmupSteps: 100)
/// optimizer.learningRate = schedule.rate(at: step, totalSteps: 10_000)
/// ```
public struct LearningRateSchedule: Sendable, Equatable, Codable {
  /// Shape of the decay after warm-up.
  public enum Decay: String, Sendable, Equatable, Codable {
    /// Stay at the base rate.
    case constant
    /// Half-cosine from the base rate to the minimum (Loshchilov and Hutter, 2017).
    case cosine
    /// Straight line from the base rate to the minimum.
    case linear
  }

  /// Rate after warm-up.
  public var baseRate: Float
  /// Steps of linear ramp from `baseRate / warmupSteps` to `baseRate`.
  public var warmupSteps: Int
  /// Decay shape.
  public var decay: Decay
  /// Rate reached at the last step.
  public var minimumRate: Float

  /// Creates a schedule.
  public init(
    baseRate: Float, warmupSteps: Int = 0, decay: Decay = .constant, minimumRate: Float = 0
  ) {
    self.baseRate = baseRate
    self.warmupSteps = max(0, warmupSteps)
    self.decay = decay
    self.minimumRate = minimumRate
  }

  /// A constant rate, with optional warm-up.
  public static func constant(_ rate: Float, warmupSteps: Int = 0) -> LearningRateSchedule {
    LearningRateSchedule(baseRate: rate, warmupSteps: warmupSteps, decay: .constant)
  }

  /// Warm-up then cosine decay.
  public static func cosine(baseRate: Float, warmupSteps: Int = 0, minimumRate: Float = 0)
    -> LearningRateSchedule
  {
    LearningRateSchedule(
      baseRate: baseRate, warmupSteps: warmupSteps, decay: .cosine, minimumRate: minimumRate)
  }

  /// Warm-up then linear decay.
  public static func linear(baseRate: Float, warmupSteps: Int = 0, minimumRate: Float = 0)
    -> LearningRateSchedule
  {
    LearningRateSchedule(
      baseRate: baseRate, warmupSteps: warmupSteps, decay: .linear, minimumRate: minimumRate)
  }

  /// The rate for 0-based `step` of `totalSteps`.
  public func rate(at step: Int, totalSteps: Int) -> Float {
    if step < warmupSteps {
      return baseRate * Float(step + 1) / Float(warmupSteps)
    }
    let span = max(1, totalSteps - warmupSteps - 1)
    let progress = min(1, max(0, Double(step - warmupSteps) / Double(span)))
    let base = Double(baseRate)
    let low = Double(minimumRate)
    switch decay {
    case .constant:
      return baseRate
    case .cosine:
      return Float(low + (base - low) * 0.5 * (1 + cos(Double.pi * progress)))
    case .linear:
      return Float(base + (low - base) * progress)
    }
  }
}
