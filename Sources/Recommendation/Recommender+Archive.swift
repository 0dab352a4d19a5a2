import Foundation
import NeuralCore

extension Recommender {
  /// Task string in the model-file header.
  public static let archiveTask = "recommend"

  /// JSON metadata stored in the model file.
  struct Metadata: Codable {
    var columns: InteractionColumns
    var configuration: RecommenderConfiguration
    var embeddingWeight: Float
    var popularityPenalty: Float?
    var hasEmbedding: Bool
    var summary: TrainingSummary
    var hasTime: Bool
    var rowCount: Int
    var users: [String]
    var items: [String]
    var itemNames: [String: String]
  }

  /// The model as a `ModelArchive`: metadata (columns, configuration, ids, training summary)
  /// as JSON; interactions, neighbour lists and embedding tables as tensors and blobs.
  public func archive() throws -> ModelArchive {
    var archive = ModelArchive(task: Self.archiveTask)
    try archive.setMetadata(
      Metadata(
        columns: columns, configuration: configuration, embeddingWeight: embeddingWeight,
        popularityPenalty: popularityPenalty, hasEmbedding: embedding != nil, summary: summary,
        hasTime: log.hasTime,
        rowCount: log.rowCount, users: log.users.ids, items: log.items.ids,
        itemNames: itemNames))
    archive.blobs["entries.user"] = Self.bytes(log.userIndices)
    archive.blobs["entries.item"] = Self.bytes(log.itemIndices)
    archive.blobs["entries.time"] = Self.bytes(log.times)
    archive.tensors["entries.weight"] = Tensor(shape: [log.count], data: log.weights)
    archive.blobs["knn.items"] = Self.bytes(neighbourhood.neighbourItems)
    archive.tensors["knn.similarity"] = Tensor(
      shape: [neighbourhood.itemCount, neighbourhood.configuration.neighbours],
      data: neighbourhood.similarities)
    if let embedding {
      archive.tensors["embedding.user"] = embedding.userFactors
      archive.tensors["embedding.item"] = embedding.itemFactors
      archive.tensors["embedding.item_bias"] = Tensor(
        shape: [embedding.itemBias.count], data: embedding.itemBias)
    }
    return archive
  }

  /// Writes the model file atomically (temporary file, then rename).
  public func write(to url: URL) throws {
    try archive().write(to: url)
  }

  /// Reads a model file written by `write(to:)`.
  /// - Throws: `NeuralCoreError.modelFile` for damaged or foreign files, and
  ///   `RecommendationError.invalidModel` when the parts do not fit together.
  public static func read(from url: URL) throws -> Recommender {
    let archive = try ModelArchive.read(from: url)
    let path = url.path
    guard archive.task == archiveTask else {
      throw RecommendationError.invalidModel(
        path: path,
        reason: "this is a '\(archive.task)' model, not a recommender; use `traction "
          + "\(archive.task)` or pass a model from `traction recommend train`")
    }
    let meta = try archive.decodeMetadata(Metadata.self, path: path)
    func blob(_ name: String) throws -> Data {
      guard let data = archive.blobs[name] else {
        throw RecommendationError.invalidModel(
          path: path, reason: "missing part '\(name)'; retrain")
      }
      return data
    }
    let userIndices: [Int32] = values(try blob("entries.user"))
    let itemIndices: [Int32] = values(try blob("entries.item"))
    let times: [Double] = values(try blob("entries.time"))
    let weights = try archive.tensor("entries.weight").data
    let users = IDMap(ids: meta.users)
    let items = IDMap(ids: meta.items)
    let n = userIndices.count
    guard itemIndices.count == n, times.count == n, weights.count == n,
      userIndices.allSatisfy({ $0 >= 0 && Int($0) < users.count }),
      itemIndices.allSatisfy({ $0 >= 0 && Int($0) < items.count })
    else {
      throw RecommendationError.invalidModel(
        path: path, reason: "interaction tables are inconsistent; the file is damaged — retrain")
    }
    let log = InteractionLog(
      users: users, items: items, userIndices: userIndices, itemIndices: itemIndices,
      weights: weights, times: times, hasTime: meta.hasTime, rowCount: meta.rowCount)
    let width = meta.configuration.neighbourhood.neighbours
    let knnItems: [Int32] = values(try blob("knn.items"))
    let knnSims = try archive.tensor("knn.similarity", shape: [items.count, width]).data
    guard knnItems.count == items.count * width,
      knnItems.allSatisfy({ $0 >= -1 && Int($0) < items.count })
    else {
      throw RecommendationError.invalidModel(
        path: path, reason: "neighbour lists are inconsistent; the file is damaged — retrain")
    }
    let knn = ItemNeighbourhood(
      configuration: meta.configuration.neighbourhood, itemCount: items.count,
      neighbourItems: knnItems, similarities: knnSims)
    var embedding: FittedEmbeddingModel?
    if meta.hasEmbedding {
      let d = meta.configuration.embedding.dimension
      let userFactors = try archive.tensor("embedding.user")
      let itemFactors = try archive.tensor("embedding.item", shape: [items.count, d])
      let bias = try archive.tensor("embedding.item_bias", shape: [items.count]).data
      guard userFactors.columns == d else {
        throw RecommendationError.invalidModel(
          path: path, reason: "embedding tables are inconsistent; the file is damaged — retrain")
      }
      embedding = FittedEmbeddingModel(
        configuration: meta.configuration.embedding, userFactors: userFactors,
        itemFactors: itemFactors, itemBias: bias)
    }
    return Recommender(
      columns: meta.columns, configuration: meta.configuration, log: log, neighbourhood: knn,
      embedding: embedding, embeddingWeight: meta.embeddingWeight,
      popularityPenalty: meta.popularityPenalty ?? 0, summary: meta.summary,
      itemNames: meta.itemNames)
  }

  /// Raw little-endian bytes of an array of fixed-width numbers.
  static func bytes<T: FixedWidthInteger>(_ values: [T]) -> Data {
    values.map { $0.littleEndian }.withUnsafeBytes { Data($0) }
  }

  /// Raw bytes of an array of doubles (IEEE 754, little-endian bit patterns).
  static func bytes(_ values: [Double]) -> Data {
    bytes(values.map { $0.bitPattern })
  }
}

/// Decodes little-endian fixed-width integers (a trailing partial element is ignored).
private func values<T: FixedWidthInteger>(_ data: Data) -> [T] {
  let size = MemoryLayout<T>.size
  let count = data.count / size
  var result = [T](repeating: 0, count: count)
  result.withUnsafeMutableBytes { target in
    data.withUnsafeBytes { source in
      target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<(count * size)]))
    }
  }
  return result.map { T(littleEndian: $0) }
}

/// Decodes doubles stored as little-endian bit patterns.
private func values(_ data: Data) -> [Double] {
  let bits: [UInt64] = values(data)
  return bits.map { Double(bitPattern: $0) }
}
