import Foundation
import NeuralCore
import TextProcessing

/// What a text model file stores besides tensors.
struct StoredTextModel: Codable {
  var configuration: TextClassifier
  var classes: [String]
  var documentCount: Int
  var featureCount: Int
}

extension FittedTextClassifier {
  /// A model file holding this classifier for `task`, with `domain` (JSON chosen by the domain
  /// module: column names, thresholds) stored alongside.
  public func archive(task: String, domain: Data) throws -> ModelArchive {
    let stored = StoredTextModel(
      configuration: configuration, classes: classes, documentCount: features.documentCount,
      featureCount: features.featureCount)
    // Sorted keys: Swift's dictionary order differs between runs, the file must not.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let metadata = try encoder.encode(stored)
    var keys = Data(count: features.keys.count * 8)
    keys.withUnsafeMutableBytes { raw in
      for (i, k) in features.keys.enumerated() {
        raw.storeBytes(of: k.littleEndian, toByteOffset: i * 8, as: UInt64.self)
      }
    }
    var tensors = ["idf": Tensor(shape: [features.featureCount], data: features.idf)]
    switch model {
    case .linear(let m):
      tensors["weights"] = Tensor(shape: [m.features, m.outputs], data: m.weights)
      tensors["bias"] = Tensor(shape: [m.outputs], data: m.bias)
    case .hidden(let m):
      tensors["embedding"] = Tensor(shape: [m.features, m.hidden], data: m.embedding)
      tensors["weights"] = Tensor(shape: [m.hidden, m.outputs], data: m.weights)
      tensors["bias"] = Tensor(shape: [m.outputs], data: m.bias)
    }
    return ModelArchive(
      task: task, metadata: metadata, tensors: tensors,
      blobs: ["feature_keys": keys, "domain": domain])
  }

  /// Rebuilds a classifier from a model file; `path` names the file in errors.
  /// - Returns: the classifier and the domain JSON stored with it.
  /// - Throws: ``TextClassificationError/modelFile(path:reason:)`` when a part is missing or
  ///   inconsistent.
  public static func load(from archive: ModelArchive, path: String) throws
    -> (FittedTextClassifier, Data)
  {
    func fail(_ reason: String) -> TextClassificationError {
      .modelFile(path: path, reason: reason + " — retrain the model with this version")
    }
    let stored: StoredTextModel
    do {
      stored = try JSONDecoder().decode(StoredTextModel.self, from: archive.metadata)
    } catch {
      throw fail("metadata is not a text model (\(error))")
    }
    let f = stored.featureCount
    let c = stored.classes.count
    let h = stored.configuration.hidden
    guard h >= 0, let weights = archive.tensors["weights"], weights.shape == [h > 0 ? h : f, c],
      h == 0 || archive.tensors["embedding"]?.shape == [f, h],
      let bias = archive.tensors["bias"], bias.shape == [c],
      let idf = archive.tensors["idf"], idf.shape == [f],
      let keyData = archive.blobs["feature_keys"], keyData.count == f * 8
    else {
      throw fail(
        "weights, bias, embedding, idf or feature keys are missing or have the wrong shape")
    }
    var keys = [UInt64](repeating: 0, count: f)
    keyData.withUnsafeBytes { raw in
      for i in 0..<f {
        keys[i] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
      }
    }
    for i in 1..<max(1, f) where keys[i - 1] >= keys[i] {
      throw fail("feature keys are not sorted")
    }
    let features = FittedTextVectorizer(
      vectorizer: stored.configuration.vectorizer, keys: keys, idf: idf.data,
      documentCount: stored.documentCount)
    let model: TextNetwork
    if h > 0, let embedding = archive.tensors["embedding"] {
      model = .hidden(
        HiddenLayerTextModel(
          features: f, hidden: h, outputs: c, embedding: embedding.data, weights: weights.data,
          bias: bias.data))
    } else {
      model = .linear(
        SparseLinearModel(features: f, outputs: c, weights: weights.data, bias: bias.data))
    }
    let fitted = FittedTextClassifier(
      configuration: stored.configuration, classes: stored.classes, features: features,
      model: model)
    return (fitted, archive.blobs["domain"] ?? Data("{}".utf8))
  }
}
