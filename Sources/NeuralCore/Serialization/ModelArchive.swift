import Foundation

/// One model file: a versioned header, JSON metadata, named tensors and named binary blobs,
/// protected by a CRC-32 over everything.
///
/// Layout (little-endian):
/// ```
/// "TRACTN"  u16 format version  u64 payload length  payload  u32 CRC-32 of all preceding bytes
/// payload = str tool version, str task, bytes metadata,
///           u32 n, n × (str name, u32 rank, rank × u64 dims, f32 values),
///           u32 m, m × (str name, bytes data)
/// str = u32 length + UTF-8; bytes = u64 length + bytes
/// ```
/// Reading checks, in order, size, magic, version, length and checksum, and throws
/// ``NeuralCoreError/modelFile(path:reason:)`` naming the problem; it never traps on bad input.
///
/// ```swift
/// var archive = ModelArchive(task: "churn")
/// archive.add(model.parameters)
/// try archive.setMetadata(config)
/// try archive.write(to: url)
/// let loaded = try ModelArchive.read(from: url)
/// try loaded.load(into: model.parameters)
/// ```
public struct ModelArchive: Sendable, Equatable {
  /// The first six bytes of every Traction model file.
  public static let magic: [UInt8] = Array("TRACTN".utf8)
  /// The format version this build writes and reads.
  public static let currentFormatVersion: UInt16 = 1
  /// Bytes before the payload: magic, version, payload length.
  static let headerSize = 16

  /// Format version (``currentFormatVersion`` for archives made by this build).
  public var formatVersion: UInt16
  /// The Traction version that wrote the file.
  public var toolVersion: String
  /// What the model does, e.g. `"churn"`, `"tickets"`, `"recommend"`.
  public var task: String
  /// JSON describing options, column names and preprocessing.
  public var metadata: Data
  /// Named tensors (weights).
  public var tensors: [String: Tensor]
  /// Named binary blobs (vocabularies, encoders).
  public var blobs: [String: Data]

  /// Creates an archive for `task`.
  public init(
    task: String, metadata: Data = Data("{}".utf8), tensors: [String: Tensor] = [:],
    blobs: [String: Data] = [:], toolVersion: String = TractionVersion.string
  ) {
    self.formatVersion = Self.currentFormatVersion
    self.toolVersion = toolVersion
    self.task = task
    self.metadata = metadata
    self.tensors = tensors
    self.blobs = blobs
  }

  /// Stores each parameter's value under its name.
  public mutating func add(_ parameters: [Parameter]) {
    for p in parameters { tensors[p.name] = p.value }
  }

  /// Copies tensors into parameters of the same name and shape.
  /// - Throws: ``NeuralCoreError/missingTensor(name:expectedShape:)`` when one is absent or
  ///   shaped differently.
  public func load(into parameters: [Parameter]) throws {
    for p in parameters {
      p.value = try tensor(p.name, shape: p.value.shape)
    }
  }

  /// The tensor called `name`, checking its shape when `shape` is given.
  public func tensor(_ name: String, shape: [Int]? = nil) throws -> Tensor {
    guard let t = tensors[name], shape == nil || t.shape == shape else {
      throw NeuralCoreError.missingTensor(name: name, expectedShape: shape ?? [])
    }
    return t
  }

  /// Encodes `value` as the JSON metadata (sorted keys, so files are reproducible).
  public mutating func setMetadata<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    metadata = try encoder.encode(value)
  }

  /// Decodes the JSON metadata.
  /// - Throws: ``NeuralCoreError/modelFile(path:reason:)`` when it does not match `type`.
  public func decodeMetadata<T: Decodable>(_ type: T.Type, path: String = "<archive>") throws -> T {
    do {
      return try JSONDecoder().decode(type, from: metadata)
    } catch {
      throw NeuralCoreError.modelFile(
        path: path,
        reason: "metadata does not describe a \(task) model of this version (\(error)) — retrain it"
      )
    }
  }

  /// Writes the file atomically: to a temporary file in the same folder, then renamed.
  /// - Throws: ``NeuralCoreError/writeFailed(path:reason:)``.
  public func write(to url: URL) throws {
    let data = encoded()
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
    do {
      try data.write(to: tmp)
    } catch {
      throw NeuralCoreError.writeFailed(path: url.path, reason: "\(error.localizedDescription)")
    }
    if rename(tmp.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: tmp)
      throw NeuralCoreError.writeFailed(path: url.path, reason: reason)
    }
  }

  /// Reads and verifies a model file.
  /// - Throws: ``NeuralCoreError/modelFile(path:reason:)`` when the file is missing, truncated,
  ///   damaged, not a Traction model, or of another format version.
  public static func read(from url: URL) throws -> ModelArchive {
    let data: Data
    do {
      data = try Data(contentsOf: url, options: .mappedIfSafe)
    } catch {
      throw NeuralCoreError.modelFile(
        path: url.path, reason: "cannot be read (\(error.localizedDescription)) — check the path")
    }
    return try decode(data, path: url.path)
  }
}
