/// A lookup table mapping integer ids to learned vectors, with sparse gradients: a backward pass
/// touches only the rows of the ids in the batch (see ``Parameter/touchedRows``).
///
/// ```swift
/// var rng = SeededGenerator(seed: 7)
/// let items = Embedding(count: 50_000, dimension: 32, generator: &rng)
/// let vectors = items.forward(ids: [3, 17, 3])   // (3, 32)
/// items.backward(gradient)                       // rows 3 and 17 only
/// ```
public final class Embedding {
  /// `(count, dimension)` table; sparse.
  public let weight: Parameter
  private var ids: [Int32] = []
  private var output = Tensor.empty

  /// Number of rows.
  public var count: Int { weight.value.rows }
  /// Vector width.
  public var dimension: Int { weight.value.columns }

  /// Creates a table with entries drawn from `N(0, scale²)`; `scale` defaults to `1/√dimension`.
  public init(
    count: Int, dimension: Int, generator: inout some RandomNumberGenerator,
    scale: Float? = nil, name: String = "embedding"
  ) {
    weight = Parameter(
      name: name + ".weight",
      value: randomTable(count: count, dimension: dimension, scale: scale, &generator),
      isSparse: true)
  }

  /// Creates a table from given values `(count, dimension)`.
  public init(weight: Tensor, name: String = "embedding") {
    precondition(weight.shape.count == 2, "Embedding table must be 2-D")
    self.weight = Parameter(name: name + ".weight", value: weight, isSparse: true)
  }

  /// `[weight]`.
  public var parameters: [Parameter] { [weight] }

  /// Rows of the table for `ids`: (ids.count, dimension).
  /// - Precondition: every id is in `0..<count`.
  public func forward(ids: [Int32], training: Bool = true) -> Tensor {
    let d = dimension
    let rows = count
    output.resize(to: [ids.count, d])
    ids.withUnsafeBufferPointer { idp in
      weight.value.data.withUnsafeBufferPointer { ws in
        output.data.withUnsafeMutableBufferPointer { os in
          guard let w = ws.baseAddress, let o = os.baseAddress else { return }
          for (i, id) in idp.enumerated() {
            let r = Int(id)
            precondition(r >= 0 && r < rows, "embedding id \(r) outside 0..<\(rows)")
            (o + i * d).update(from: w + r * d, count: d)
          }
        }
      }
    }
    if training { self.ids = ids }
    return output
  }

  /// Adds row `i` of `outputGradient` (ids.count, dimension) into the gradient row of `ids[i]`.
  public func backward(_ outputGradient: Tensor) {
    let d = dimension
    precondition(
      outputGradient.rows == ids.count && outputGradient.columns == d,
      "Embedding.backward: gradient \(outputGradient.shape) does not match the last forward")
    let p = weight
    outputGradient.data.withUnsafeBufferPointer { gs in
      p.gradient.data.withUnsafeMutableBufferPointer { ws in
        guard let g = gs.baseAddress, let w = ws.baseAddress else { return }
        for (i, id) in ids.enumerated() {
          let r = Int(id)
          let dst = w + r * d
          let src = g + i * d
          for j in 0..<d { dst[j] += src[j] }
        }
      }
    }
    for id in ids { p.markTouched(Int(id)) }
    ids = []
  }
}

/// A `(count, dimension)` table of `N(0, scale²)` entries.
func randomTable(
  count: Int, dimension: Int, scale: Float?, _ generator: inout some RandomNumberGenerator
) -> Tensor {
  precondition(count > 0 && dimension > 0, "embedding sizes must be positive")
  let s = Double(scale ?? 1 / Float(dimension).squareRoot())
  var values = [Float](repeating: 0, count: count * dimension)
  for i in values.indices { values[i] = Float(gaussianSample(&generator) * s) }
  return Tensor(shape: [count, dimension], data: values)
}
