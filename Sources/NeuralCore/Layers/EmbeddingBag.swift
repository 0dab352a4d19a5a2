/// Pools the embeddings of a variable-length list of ids ("bag") into one vector per bag, by sum
/// or mean, optionally weighting each id — the input layer of fastText-style text models and of
/// recommenders. Gradients are sparse: only rows of ids in the batch are touched.
///
/// Mean pooling with per-id weights is the weighted average `Σ wᵢ eᵢ / Σ wᵢ`; a bag that is empty
/// (or whose weights sum to zero) gives a zero vector.
///
/// ```swift
/// let bag = EmbeddingBag(count: 1 << 20, dimension: 64, mode: .mean, generator: &rng)
/// let batch = EmbeddingBag.Batch(bags: [[1, 5, 9], [5], []])
/// let pooled = bag.forward(bags: batch)           // (3, 64)
/// ```
///
/// Reference: PyTorch `torch.nn.EmbeddingBag`; Joulin et al., "Bag of Tricks for Efficient Text
/// Classification" (2016).
public final class EmbeddingBag {
  /// How the vectors of one bag are combined.
  public enum Mode: String, Sendable, Codable, CaseIterable {
    /// Σ wᵢ eᵢ.
    case sum
    /// Σ wᵢ eᵢ / Σ wᵢ (plain average without weights).
    case mean
  }

  /// A batch of bags in compressed form: bag `b` holds `ids[offsets[b]..<offsets[b + 1]]`.
  public struct Batch: Sendable, Equatable {
    /// All ids, bag after bag.
    public var ids: [Int32]
    /// `bags + 1` non-decreasing offsets into `ids`, starting at 0 and ending at `ids.count`.
    public var offsets: [Int]
    /// Optional per-id weights, parallel to `ids`.
    public var weights: [Float]?

    /// Creates a batch from compressed arrays.
    /// - Precondition: offsets are valid and `weights` (if any) matches `ids`.
    public init(ids: [Int32], offsets: [Int], weights: [Float]? = nil) {
      precondition(offsets.first == 0 && offsets.last == ids.count, "offsets must span ids")
      precondition(weights == nil || weights?.count == ids.count, "weights must match ids")
      self.ids = ids
      self.offsets = offsets
      self.weights = weights
    }

    /// Creates a batch from one id list per bag (and optional matching weight lists).
    public init(bags: [[Int32]], weights: [[Float]]? = nil) {
      var offsets = [0]
      offsets.reserveCapacity(bags.count + 1)
      for b in bags { offsets.append(offsets[offsets.count - 1] + b.count) }
      self.init(ids: bags.flatMap { $0 }, offsets: offsets, weights: weights?.flatMap { $0 })
    }

    /// Number of bags.
    public var count: Int { offsets.count - 1 }
  }

  /// `(count, dimension)` table; sparse.
  public let weight: Parameter
  /// Pooling mode.
  public let mode: Mode

  private var batch = Batch(ids: [], offsets: [0])
  private var coefficients: [Float] = []  // parallel to batch.ids
  private var output = Tensor.empty

  /// Number of rows.
  public var count: Int { weight.value.rows }
  /// Vector width.
  public var dimension: Int { weight.value.columns }

  /// Creates a table with entries drawn from `N(0, scale²)`; `scale` defaults to `1/√dimension`.
  public init(
    count: Int, dimension: Int, mode: Mode, generator: inout some RandomNumberGenerator,
    scale: Float? = nil, name: String = "embeddingbag"
  ) {
    self.mode = mode
    weight = Parameter(
      name: name + ".weight",
      value: randomTable(count: count, dimension: dimension, scale: scale, &generator),
      isSparse: true)
  }

  /// Creates a layer from a given table `(count, dimension)`.
  public init(weight: Tensor, mode: Mode, name: String = "embeddingbag") {
    precondition(weight.shape.count == 2, "EmbeddingBag table must be 2-D")
    self.mode = mode
    self.weight = Parameter(name: name + ".weight", value: weight, isSparse: true)
  }

  /// `[weight]`.
  public var parameters: [Parameter] { [weight] }

  /// Pooled vectors: (bags.count, dimension).
  /// - Precondition: every id is in `0..<count`.
  public func forward(bags: Batch, training: Bool = true) -> Tensor {
    let d = dimension
    let rows = count
    let n = bags.count
    output.resize(to: [n, d])
    var coef = coefficients
    coefficients = []
    coef.removeAll(keepingCapacity: true)
    coef.reserveCapacity(bags.ids.count)
    for b in 0..<n {
      let range = bags.offsets[b]..<bags.offsets[b + 1]
      var total: Float = 0
      if let w = bags.weights {
        for i in range { total += w[i] }
      } else {
        total = Float(range.count)
      }
      let divisor: Float = mode == .mean ? (total != 0 ? 1 / total : 0) : 1
      for i in range { coef.append((bags.weights?[i] ?? 1) * divisor) }
    }
    bags.ids.withUnsafeBufferPointer { idp in
      coef.withUnsafeBufferPointer { cs in
        weight.value.data.withUnsafeBufferPointer { ws in
          output.data.withUnsafeMutableBufferPointer { os in
            guard let w = ws.baseAddress, let o = os.baseAddress else { return }
            for b in 0..<n {
              let dst = o + b * d
              dst.update(repeating: 0, count: d)
              for i in bags.offsets[b]..<bags.offsets[b + 1] {
                let r = Int(idp[i])
                precondition(r >= 0 && r < rows, "embedding id \(r) outside 0..<\(rows)")
                let c = cs[i]
                let src = w + r * d
                for j in 0..<d { dst[j] += c * src[j] }
              }
            }
          }
        }
      }
    }
    coefficients = coef
    if training { batch = bags }
    return output
  }

  /// Scatters `outputGradient` (bags, dimension) into the gradient rows of the last batch's ids.
  public func backward(_ outputGradient: Tensor) {
    let d = dimension
    let n = batch.count
    precondition(
      outputGradient.rows == n && outputGradient.columns == d,
      "EmbeddingBag.backward: gradient \(outputGradient.shape) does not match the last forward")
    let p = weight
    let offsets = batch.offsets
    batch.ids.withUnsafeBufferPointer { idp in
      coefficients.withUnsafeBufferPointer { cs in
        outputGradient.data.withUnsafeBufferPointer { gs in
          p.gradient.data.withUnsafeMutableBufferPointer { ws in
            guard let g = gs.baseAddress, let w = ws.baseAddress else { return }
            for b in 0..<n {
              let src = g + b * d
              for i in offsets[b]..<offsets[b + 1] {
                let c = cs[i]
                let dst = w + Int(idp[i]) * d
                for j in 0..<d { dst[j] += c * src[j] }
              }
            }
          }
        }
      }
    }
    for id in batch.ids { p.markTouched(Int(id)) }
    batch = Batch(ids: [], offsets: [0])
  }
}
