import Foundation

extension PMMLNeuralNetworkModel {
  /// Whether a raw cell counts as missing for `field` (empty, a missing token, or text in a
  /// continuous field), as in the exported PMML.
  public func isMissing(_ value: String?, field: PMMLField) -> Bool {
    guard let value, !value.isEmpty, !missingValueTokens.contains(value) else { return true }
    return field.isContinuous && Double(value) == nil
  }

  /// The network inputs for one raw row (column name → cell), computed exactly as the
  /// exported PMML's transformations do.
  /// - Complexity: O(features).
  public func features(row: [String: String]) -> [Double] {
    var byName: [String: PMMLField] = [:]
    for field in fields { byName[field.name] = field }
    return features.map { feature -> Double in
      let field = byName[feature.field] ?? .categorical(feature.field)
      let cell = row[feature.field]
      let missing = isMissing(cell, field: field)
      switch feature {
      case .standardized(let name, let mean, let sd):
        let x = missing ? replacement(for: name) : (cell.flatMap(Double.init) ?? 0)
        return (x - mean) / sd
      case .missingIndicator:
        return missing ? 1 : 0
      case .oneHot(_, let value):
        return !missing && cell == value ? 1 : 0
      case .otherCategory(_, let known):
        return missing || known.contains(cell ?? "") ? 0 : 1
      case .raw(let name):
        return missing ? replacement(for: name) : (cell.flatMap(Double.init) ?? 0)
      }
    }
  }

  /// Class probabilities for one raw row, in `target.classes` order (Double precision forward
  /// pass; the reference for PMML parity tests).
  public func probabilities(row: [String: String]) -> [Double] {
    var activations = features(row: row)
    for (l, layer) in layers.enumerated() {
      var next = [Double](repeating: 0, count: layer.biases.count)
      for k in next.indices {
        var sum = layer.biases[k]
        for (j, x) in activations.enumerated() { sum += layer.weights[k][j] * x }
        next[k] = Self.apply(layer.activation, sum)
      }
      if l == layers.count - 1, next.count > 1 {
        let peak = next.max() ?? 0
        let exps = next.map { exp($0 - peak) }
        let total = exps.reduce(0, +)
        next = exps.map { $0 / total }
      }
      activations = next
    }
    return activations.count == 1 ? [1 - activations[0], activations[0]] : activations
  }

  static func apply(_ activation: PMMLActivation, _ x: Double) -> Double {
    switch activation {
    case .rectifier: return max(0, x)
    case .logistic: return 1 / (1 + exp(-x))
    case .identity: return x
    case .tanh: return tanh(x)
    }
  }
}
