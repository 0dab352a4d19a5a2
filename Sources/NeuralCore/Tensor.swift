/// A dense Float32 tensor stored row-major and contiguous.
///
/// ```swift
/// let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
/// x[1, 2]  // 6
/// ```
public struct Tensor: Sendable, Equatable {
  /// Extent of each dimension, outermost first.
  public var shape: [Int]
  /// Elements in row-major order; `data.count == shape.reduce(1, *)`.
  public var data: [Float]

  /// Creates a tensor from a shape and matching row-major data.
  /// - Precondition: `data.count` equals the product of `shape`.
  public init(shape: [Int], data: [Float]) {
    precondition(data.count == shape.reduce(1, *), "data count \(data.count) != shape \(shape)")
    self.shape = shape
    self.data = data
  }

  /// Creates a tensor filled with `value`.
  public init(shape: [Int], repeating value: Float = 0) {
    self.shape = shape
    self.data = [Float](repeating: value, count: shape.reduce(1, *))
  }

  /// Number of elements.
  public var count: Int { data.count }
  /// Rows of a 2-D tensor (the first dimension).
  public var rows: Int { shape.first ?? 1 }
  /// Columns of a 2-D tensor (the product of all but the first dimension).
  public var columns: Int { shape.count <= 1 ? (shape.first ?? 1) : shape.dropFirst().reduce(1, *) }

  /// Element of a 2-D tensor.
  public subscript(row: Int, column: Int) -> Float {
    get { data[row * columns + column] }
    set { data[row * columns + column] = newValue }
  }
}
