import Foundation
import Testing
import _TestSupport

@testable import Reporting

@Suite struct SupportTests {
  /// FIPS 180-4 / NIST example vectors.
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ])
  func sha256KnownVectors(input: String, digest: String) {
    #expect(StreamingSHA256.hexDigest(Array(input.utf8)) == digest)
  }

  @Test(arguments: [1, 3, 55, 63, 64, 65, 127, 1000])
  func sha256ChunkingDoesNotMatter(chunk: Int) {
    let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    var hash = StreamingSHA256()
    var start = 0
    while start < message.count {
      let end = min(message.count, start + chunk)
      hash.update(message[start..<end].lazy.map { $0 })  // a non-contiguous collection
      start = end
    }
    #expect(hash.finalize() == StreamingSHA256.hexDigest(message))
  }

  @Test func sha256MillionAsInChunksAndFromFile() throws {
    var hash = StreamingSHA256()
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { hash.update(chunk) }
    let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    #expect(hash.finalize() == expected)
    let dir = try TestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("a.csv")
    try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: url)
    let file = try InputFile.describing(fileAt: url, role: "training data")
    #expect(
      file == InputFile(name: "a.csv", bytes: 1_000_000, sha256: expected, role: "training data"))
    #expect(throws: ReportingError.self) {
      try InputFile.describing(fileAt: dir.appendingPathComponent("missing.csv"))
    }
  }

  @Test func numberFormatting() {
    #expect(ReportFormat.value(0.2534, unit: .percent) == "25.3%")
    #expect(ReportFormat.value(1_234_567, unit: .count) == "1,234,567")
    #expect(ReportFormat.value(0.87251, unit: .score) == "0.873")
    #expect(ReportFormat.value(-12_300, unit: .currency("EUR")) == "EUR -12,300")
    #expect(ReportFormat.value(4.25, unit: .custom("tickets/h")) == "4.25 tickets/h")
    #expect(ReportFormat.value(.nan, unit: .score) == "n/a")
    #expect(ReportFormat.delta(0.021, unit: .percent) == "+2.1 pp")
    #expect(ReportFormat.delta(-3, unit: .count) == "−3")
    #expect(ReportFormat.plain(-0.0001) == "0")
    #expect(ReportFormat.xmlNumber(0.1) == "0.1")
    #expect(ReportFormat.xmlNumber(3) == "3")
    #expect(ReportFormat.xmlNumber(-.infinity) == "-INF")
    for unit: KeyFigure.Unit in [
      .none, .count, .percent, .score, .seconds, .currency("USD"), .custom("x:y"),
    ] {
      #expect(ReportFormat.unit(fromToken: ReportFormat.unitToken(unit)) == unit)
    }
  }

  @Test func niceTicks() {
    #expect(Ticks.nice(0, 1).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(Ticks.nice(0, 97).ticks == [0, 20, 40, 60, 80, 100])
    #expect(Ticks.nice(-0.05, 0.31).range == -0.1...0.4)
    #expect(Ticks.label(0.30000000000000004, step: 0.1) == "0.3")
    #expect(Ticks.nice(5, 5).ticks.count >= 2)
  }

  @Test func histogramBinsValues() {
    let h = Histogram(
      title: "h", xLabel: "x", values: [(name: "a", values: [0, 0.1, 0.5, 1, 2, .nan])],
      bins: 2, range: 0...1, normalized: false)
    #expect(h.binEdges == [0, 0.5, 1])
    #expect(h.series[0].counts == [2, 2])
    #expect(h.yLabel == "Rows")
  }
}
