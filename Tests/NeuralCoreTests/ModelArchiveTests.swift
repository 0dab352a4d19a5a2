import Foundation
import Testing
import _TestSupport

@testable import NeuralCore

@Suite struct ModelArchiveTests {
  struct Config: Codable, Equatable {
    var hidden: Int
    var columns: [String]
  }

  func makeModel(seed: UInt64) -> (Sequential, EmbeddingBag) {
    var rng = SeededGenerator(seed: seed)
    let model = Sequential([
      Dense(inputs: 3, outputs: 5, generator: &rng, name: "d0"), ReLU(),
      LayerNorm(features: 5, name: "ln"), Dense(inputs: 5, outputs: 2, generator: &rng, name: "d1"),
    ])
    let bag = EmbeddingBag(count: 20, dimension: 3, mode: .sum, generator: &rng, name: "bag")
    return (model, bag)
  }

  func sampleArchive() throws -> ModelArchive {
    let (model, bag) = makeModel(seed: 1)
    var archive = ModelArchive(task: "test")
    archive.add(model.parameters + bag.parameters)
    archive.blobs["vocabulary"] = Data("alpha\nbeta".utf8)
    try archive.setMetadata(Config(hidden: 5, columns: ["a", "b"]))
    return archive
  }

  func expectModelFileError(_ data: Data, containing fragment: String) {
    do {
      _ = try ModelArchive.decode(data, path: "m.traction")
      Issue.record("decoding succeeded; expected an error mentioning '\(fragment)'")
    } catch let NeuralCoreError.modelFile(path, reason) {
      #expect(path == "m.traction")
      #expect(reason.contains(fragment), "\(reason)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func saveLoadGivesIdenticalPredictions() throws {
    let dir = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("model.traction")
    let (model, bag) = makeModel(seed: 1)
    var archive = ModelArchive(task: "test")
    archive.add(model.parameters + bag.parameters)
    try archive.setMetadata(Config(hidden: 5, columns: ["a", "b"]))
    try archive.write(to: url)
    // No temporary files are left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.traction"])

    let loaded = try ModelArchive.read(from: url)
    #expect(loaded == archive)
    #expect(loaded.task == "test" && loaded.formatVersion == ModelArchive.currentFormatVersion)
    #expect(try loaded.decodeMetadata(Config.self) == Config(hidden: 5, columns: ["a", "b"]))
    let (fresh, freshBag) = makeModel(seed: 99)
    let x = GradientCheck.randomTensor([4, 3], seed: 3)
    let batch = EmbeddingBag.Batch(bags: [[1, 2], [19]])
    #expect(fresh(x) != model(x))
    try loaded.load(into: fresh.parameters + freshBag.parameters)
    #expect(fresh(x) == model(x))
    #expect(freshBag.forward(bags: batch) == bag.forward(bags: batch))
  }

  @Test func loadRejectsMissingOrMisshapenTensors() throws {
    let archive = try sampleArchive()
    var rng = SeededGenerator(seed: 1)
    let other = Dense(inputs: 4, outputs: 5, generator: &rng, name: "d0")
    #expect(throws: NeuralCoreError.missingTensor(name: "d0.weight", expectedShape: [4, 5])) {
      try archive.load(into: other.parameters)
    }
  }

  @Test func truncatedFilesGiveTheTruncationError() throws {
    let data = try sampleArchive().encoded()
    for length in [0, 5, 10, 19, 20, 100, data.count / 2, data.count - 1] {
      expectModelFileError(data.prefix(length), containing: "truncated")
    }
  }

  @Test func bitFlipsGiveTheChecksumError() throws {
    let data = try sampleArchive().encoded()
    for position in [16, 40, data.count / 2, data.count - 10, data.count - 1] {
      var damaged = data
      damaged[position] ^= 0x10
      expectModelFileError(damaged, containing: "checksum mismatch")
    }
  }

  @Test func everySingleByteCorruptionIsRejectedWithoutCrashing() throws {
    let data = try sampleArchive().encoded()
    for position in 0..<data.count {
      var damaged = data
      damaged[position] ^= 0xA5
      #expect(throws: NeuralCoreError.self) { _ = try ModelArchive.decode(damaged, path: "x") }
    }
  }

  @Test func wrongVersionAndForeignFilesAreNamed() throws {
    var data = try sampleArchive().encoded()
    data[6] = 2
    expectModelFileError(data, containing: "format version 2")
    expectModelFileError(Data("id,churned\n1,0\n2,1\n".utf8), containing: "not a Traction model")
    expectModelFileError(Data("PK".utf8), containing: "not a Traction model")
    expectModelFileError(Data("TRAC".utf8), containing: "truncated")
    var extended = try sampleArchive().encoded()
    extended.append(0)
    expectModelFileError(extended, containing: "damaged")
  }

  @Test func missingFileIsAReadError() {
    let url = URL(fileURLWithPath: "/nonexistent/dir/model.traction")
    #expect {
      _ = try ModelArchive.read(from: url)
    } throws: { error in
      guard case NeuralCoreError.modelFile(let path, let reason) = error else { return false }
      return path == url.path && reason.contains("cannot be read")
    }
  }

  @Test func crc32CheckValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(
      CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
  }
}
