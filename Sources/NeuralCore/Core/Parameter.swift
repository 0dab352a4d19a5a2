/// A trainable tensor together with its gradient.
///
/// Layers own their parameters and list them in ``Layer/parameters``; `backward` accumulates
/// into ``gradient``; an ``Optimizer`` applies the update and zeroes the gradient.
///
/// Sparse parameters (embedding tables) keep a full-size gradient tensor but only the rows named
/// in ``touchedRows`` may be nonzero, so optimizers and clipping visit just those rows.
public final class Parameter {
  /// A stable name, used as the key in model files (`"dense0.weight"`).
  public let name: String
  /// The current value.
  public var value: Tensor
  /// dLoss/dValue accumulated since the last optimizer step; same shape as ``value``.
  public var gradient: Tensor
  /// Whether gradients are row-sparse (embedding tables).
  public var isSparse: Bool
  /// Rows with a nonzero gradient since the last step, in first-touch order (sparse only).
  public var touchedRows: [Int]
  /// `touchedMask[row]` is true when `row` is in ``touchedRows``; sized lazily.
  private var touchedMask: [Bool]

  /// Creates a parameter with a zero gradient.
  /// - Parameters:
  ///   - name: key used in model files.
  ///   - value: initial value.
  ///   - isSparse: row-sparse gradients (the first dimension indexes rows).
  public init(name: String, value: Tensor, isSparse: Bool = false) {
    self.name = name
    self.value = value
    self.gradient = Tensor(zeros: value.shape)
    self.isSparse = isSparse
    self.touchedRows = []
    self.touchedMask = []
  }

  /// Number of rows (the first dimension) of the value.
  public var rowCount: Int { value.rows }

  /// Records that `row` received a gradient (idempotent).
  @inline(__always)
  public func markTouched(_ row: Int) {
    if touchedMask.count != value.rows {
      touchedMask = [Bool](repeating: false, count: value.rows)
      for r in touchedRows { touchedMask[r] = true }
    }
    if !touchedMask[row] {
      touchedMask[row] = true
      touchedRows.append(row)
    }
  }

  /// Sets the gradient to zero: the touched rows of a sparse parameter, everything otherwise.
  public func zeroGradient() {
    if isSparse {
      let width = value.columns
      gradient.data.withUnsafeMutableBufferPointer { g in
        guard let base = g.baseAddress else { return }
        for r in touchedRows {
          (base + r * width).update(repeating: 0, count: width)
          touchedMask[r] = false
        }
      }
      touchedRows.removeAll(keepingCapacity: true)
    } else {
      gradient.zero()
    }
  }
}

/// A copy of parameter values, for restoring the best weights after early stopping.
public struct ParameterSnapshot: Sendable, Equatable {
  /// Values in the order of the parameters they were taken from.
  public var values: [Tensor]

  /// Copies the current values of `parameters`.
  public init(_ parameters: [Parameter]) {
    values = parameters.map(\.value)
  }

  /// Writes the saved values back into `parameters` (the same list, in the same order).
  /// - Precondition: `parameters` matches the snapshot in count and shapes.
  public func restore(to parameters: [Parameter]) {
    precondition(parameters.count == values.count, "snapshot holds \(values.count) parameters")
    for (p, v) in zip(parameters, values) {
      precondition(p.value.shape == v.shape, "snapshot shape \(v.shape) != \(p.value.shape)")
      p.value = v
    }
  }
}
