/// A dense Float32 tensor stored row-major and contiguous.
///
/// Most layers work on 2-D tensors `(rows, columns)` = `(batch, features)`.
///
/// ```swift
/// let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
/// x[1, 2]  // 6
/// let y = Tensor.matmul(x, x, transB: true)  // (2, 2)
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

  /// Creates a zero-filled tensor of the given shape.
  public init(zeros shape: [Int]) {
    self.init(shape: shape, repeating: 0)
  }

  /// An empty `(0, 0)` tensor, used as a placeholder for released caches.
  public static var empty: Tensor { Tensor(shape: [0, 0], data: []) }

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

  /// One row of a 2-D tensor as an array.
  public func row(_ index: Int) -> [Float] {
    let c = columns
    return Array(data[(index * c)..<((index + 1) * c)])
  }

  /// Changes the shape, keeping storage when the element count is unchanged and zero-filling
  /// otherwise. Layers use this to reuse output buffers from one batch to the next.
  public mutating func resize(to newShape: [Int]) {
    let newCount = newShape.reduce(1, *)
    if newCount != data.count {
      data = [Float](repeating: 0, count: newCount)
    }
    if newShape != shape { shape = newShape }
  }

  /// Sets every element to zero without reallocating.
  public mutating func zero() {
    data.withUnsafeMutableBufferPointer { p in
      guard let base = p.baseAddress else { return }
      base.update(repeating: 0, count: p.count)
    }
  }
}
