/// A unary elementwise function, as a type so that generic loops specialise and inline it.
protocol UnaryOp: SendableMetatype {
  static func apply(_ x: Float) -> Float
}

/// A binary elementwise function `(a, b) -> Float`.
protocol BinaryOp: SendableMetatype {
  static func apply(_ a: Float, _ b: Float) -> Float
}

/// Shared machinery for parameter-free elementwise layers: buffer reuse and splitting big
/// tensors over both cores.
enum Elementwise {
  /// Writes `Op.apply(x[i])` into `out` (resized to `x`'s shape), in parallel chunks when the
  /// tensor is big enough for that to pay.
  static func map<Op: UnaryOp>(_ x: Tensor, into out: inout Tensor, _ op: Op.Type) {
    out.resize(to: x.shape)
    let count = x.count
    x.data.withUnsafeBufferPointer { xs in
      out.data.withUnsafeMutableBufferPointer { os in
        guard let xb = xs.baseAddress, let ob = os.baseAddress else { return }
        let src = SendableConstPointer(base: xb)
        let dst = SendablePointer(base: ob)
        Parallel.forEachChunk(count: count, chunks: Parallel.chunkCount(for: count)) { range in
          for i in range { dst.base[i] = Op.apply(src.base[i]) }
        }
      }
    }
  }

  /// Writes `Op.apply(a[i], b[i])` into `out` (resized to `a`'s shape).
  static func zip<Op: BinaryOp>(_ a: Tensor, _ b: Tensor, into out: inout Tensor, _ op: Op.Type) {
    precondition(a.count == b.count, "elementwise shapes differ: \(a.shape) vs \(b.shape)")
    out.resize(to: a.shape)
    let count = a.count
    a.data.withUnsafeBufferPointer { asb in
      b.data.withUnsafeBufferPointer { bsb in
        out.data.withUnsafeMutableBufferPointer { os in
          guard let ab = asb.baseAddress, let bb = bsb.baseAddress, let ob = os.baseAddress else {
            return
          }
          let pa = SendableConstPointer(base: ab)
          let pb = SendableConstPointer(base: bb)
          let dst = SendablePointer(base: ob)
          Parallel.forEachChunk(count: count, chunks: Parallel.chunkCount(for: count)) { range in
            for i in range { dst.base[i] = Op.apply(pa.base[i], pb.base[i]) }
          }
        }
      }
    }
  }
}
