import Foundation
import Testing
import _TestSupport

/// Damaged model files through every command that takes `--model`: truncated, bit-flipped,
/// foreign, other-version, other-task, empty, missing and a folder. Each run exits with status 1
/// and one line naming the model file and the problem, and writes nothing.
@Suite(.serialized) struct HardeningModelFileTests {
  /// One way to damage a model file, given the good model's bytes and another task's model.
  struct Damage: Sendable, CustomStringConvertible {
    let name: String
    /// The file's bytes, or nil for no file at all; `other` is a valid model of another task.
    let make: @Sendable (_ good: Data, _ other: Data) -> Data?
    /// What the message must contain after the path.
    let message: String
    var description: String { name }
  }

  /// The good file with one byte changed: the one at `byte(count)`, to `value(old)`.
  static func changing(
    byte: @escaping @Sendable (Int) -> Int, to value: @escaping @Sendable (UInt8) -> UInt8,
    _ name: String, _ message: String
  ) -> Damage {
    Damage(
      name: name,
      make: { good, _ in
        var d = good
        let k = byte(d.count)
        d[k] = value(d[k])
        return d
      }, message: message)
  }

  static let damages: [Damage] = [
    Damage(
      name: "truncated-half", make: { good, _ in good.prefix(good.count / 2) },
      message: "file is truncated"),
    Damage(
      name: "truncated-header", make: { good, _ in good.prefix(10) },
      message: "file is truncated: 10 bytes, shorter than the"),
    Damage(name: "empty", make: { _, _ in Data() }, message: "file is truncated: 0 bytes"),
    changing(
      byte: { $0 / 2 }, to: { $0 ^ 0x10 }, "bit-flip", "checksum mismatch: the file is damaged"),
    changing(
      byte: { $0 - 1 }, to: { $0 ^ 1 }, "last-byte-flip", "checksum mismatch: the file is damaged"),
    changing(byte: { _ in 6 }, to: { _ in 2 }, "wrong-version", "format version 2"),
    Damage(
      name: "csv-file", make: { _, _ in Data("customer_id,churned\nC1,Yes\nC2,No\n".utf8) },
      message: "not a Traction model file"),
    Damage(
      name: "zip-file",
      make: { _, _ in Data([0x50, 0x4B, 3, 4] + [UInt8](repeating: 0, count: 60)) },
      message: "not a Traction model file"),
    Damage(name: "other-task", make: { _, other in other }, message: "model, not a"),
    Damage(name: "missing", make: { _, _ in nil }, message: "cannot be read"),
  ]

  /// A command reading a model of `kind`; it gets the model path and an output folder.
  struct Command: Sendable {
    let kind: String
    let arguments: @Sendable (_ model: String, _ out: String) -> [String]
  }

  static func fixture(_ path: String) -> String {
    TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/" + path).path
  }

  static let commands: [Command] =
    [
      Command(kind: "churn") { m, out in
        [
          "churn", "evaluate", "--model", m, "--data", fixture("risk/churn_train.csv"), "--report",
          out + "/report",
        ]
      },
      Command(kind: "churn") { m, out in
        [
          "churn", "score", "--model", m, "--data", fixture("risk/churn_score.csv"), "--out",
          out + "/s.csv",
        ]
      },
      Command(kind: "churn") { m, out in
        ["churn", "export", "--model", m, "--pmml", out + "/m.pmml"]
      },
    ]
    // Text tasks: evaluate and predict, each on its own fixture.
    + [("tickets", "text/tickets_small.csv"), ("sentiment", "text/reviews_small.csv")].flatMap {
      task, data in
      [
        Command(kind: task) { m, out in
          [task, "evaluate", "--model", m, "--data", fixture(data), "--report", out + "/report"]
        },
        Command(kind: task) { m, out in
          [task, "predict", "--model", m, "--data", fixture(data), "--out", out + "/p.csv"]
        },
      ]
    } + [
      Command(kind: "recommend") { m, out in
        [
          "recommend", "evaluate", "--model", m, "--test", fixture("recommend/purchases.csv"),
          "--report", out + "/report",
        ]
      },
      Command(kind: "recommend") { m, out in
        ["recommend", "for", "--model", m, "--users", "-", "--out", out + "/for.csv"]
      },
      Command(kind: "recommend") { m, _ in
        ["recommend", "similar", "--model", m, "--item", "P0001"]
      },
      Command(kind: "recommend") { m, out in
        [
          "recommend", "update", "--model", m, "--data", fixture("recommend/new.csv"), "--out",
          out + "/u.model",
        ]
      },
      Command(kind: "recommend") { m, _ in
        ["recommend", "update", "--model", m, "--data", fixture("recommend/new.csv")]
      },
    ]

  /// Good model bytes by kind (the models of the bad-CSV suite); `otherTask` names, for each
  /// kind, a valid model of another task.
  static let models = Result { () throws -> [String: Data] in
    let trained = try HardeningEveryCommandTests.trained.get()
    return try [
      "churn": trained.churn, "tickets": trained.tickets, "sentiment": trained.reviews,
      "recommend": trained.shop,
    ].mapValues { try Data(contentsOf: URL(fileURLWithPath: $0)) }
  }

  static let otherTask = [
    "churn": "tickets", "tickets": "sentiment", "sentiment": "recommend", "recommend": "churn",
  ]

  @Test(arguments: damages)
  func everyModelCommandRejectsTheDamage(_ damage: Damage) throws {
    let models = try Self.models.get()
    let dir = try TestSupport.temporaryDirectory()
    let out = dir.appendingPathComponent("out").path
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    for command in Self.commands {
      guard let good = models[command.kind], let other = models[Self.otherTask[command.kind] ?? ""]
      else { throw CocoaError(.fileNoSuchFile) }
      let path = dir.appendingPathComponent("\(command.kind) \(damage.name).traction").path
      let bytes = damage.make(good, other)
      if let bytes { try bytes.write(to: URL(fileURLWithPath: path)) }
      let arguments = command.arguments(path, out)
      let r = try runCLI(arguments, stdin: Array("C00001\n".utf8))
      let context = "\(arguments.prefix(2).joined(separator: " ")) \(damage.name)"
      #expect(!r.signalled, "\(context): crashed: \(r.stderr)")
      #expect(r.status == 1, "\(context): exit \(r.status)")
      #expect(r.stderr.contains(path), "\(context): \(r.stderr)")
      #expect(r.stderr.contains(damage.message), "\(context): \(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(context): \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(context): \(r.stdout)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "\(context)")
      // The damaged file itself is left as it was (update in place must not replace it).
      let after = try? Data(contentsOf: URL(fileURLWithPath: path))
      #expect(after == bytes, "\(context): the model file changed")
    }
  }

  /// A folder given as --model is an error naming it, not a crash.
  @Test func aFolderAsModelIsAnError() throws {
    let dir = try TestSupport.temporaryDirectory()
    let folder = dir.appendingPathComponent("model folder").path
    let out = dir.appendingPathComponent("out").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    for command in Self.commands {
      let r = try runCLI(command.arguments(folder, out), stdin: Array("C00001\n".utf8))
      let context = command.arguments(folder, out).prefix(2).joined(separator: " ")
      #expect(!r.signalled && r.status == 1, "\(context): \(r.status) \(r.stderr)")
      #expect(
        r.stderr.contains(folder) && r.stderr.contains("cannot be read"), "\(context): \(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(context): \(r.stderr)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "\(context)")
    }
  }
}
