import ArgumentParser
import Foundation
import Recommendation

/// Writes text to standard output or atomically to a file.
final class OutputSink {
  private let target: URL?
  private let temporary: URL?
  private let handle: UnsafeMutablePointer<FILE>

  init(path: String?) throws {
    if let path, path != "-" {
      let url = URL(fileURLWithPath: path)
      let tmp = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
      guard let file = fopen(tmp.path, "w") else {
        throw ValidationError("cannot write '\(path)': \(String(cString: strerror(errno)))")
      }
      target = url
      temporary = tmp
      handle = file
    } else {
      guard let file = fdopen(1, "w") else {
        throw ValidationError("cannot write to standard output")
      }
      target = nil
      temporary = nil
      handle = file
    }
  }

  func write(_ text: String) { fputs(text, handle) }

  /// Closes and moves the temporary file into place.
  func commit() throws {
    fflush(handle)
    guard let target, let temporary else { return }
    fclose(handle)
    if rename(temporary.path, target.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw ValidationError("cannot write '\(target.path)': \(reason)")
    }
  }

  /// Removes the temporary file after a failure.
  func discard() {
    guard let temporary else { return }
    fclose(handle)
    try? FileManager.default.removeItem(at: temporary)
  }
}

/// Opens `path` ("-" for standard input) as a list of ids for `column` (see `IDListReader`).
func openIDs(_ path: String, column: String, flag: String) throws -> IDListReader {
  try IDListReader(
    url: inputURL(path), column: column, displayPath: path == "-" ? "<stdin>" : path, flag: flag)
}

/// `traction recommend for`.
struct RecommendFor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "for",
    abstract: "Top-k items per user, streamed from a file or standard input.",
    discussion: """
      --users (and --exclude) is a one-column list of ids without a header, or a CSV whose \
      header names the model's user (item) column; it is read like every other CSV (quoting, \
      UTF-8, one error naming file, line and column). Output is CSV: \
      user,rank,item,score,source[,name]. source is 'personal', or 'popular' for users the \
      model does not know (they get the best-sellers).
      """)

  @Option(help: "Model file from `recommend train`.") var model: String
  @Option(help: "Users file, or - for standard input.") var users: String
  @Option(help: "Items per user.") var k: Int = 10
  @Option(help: "Output CSV, or - for standard output.") var out: String = "-"
  @Flag(help: "Also recommend items the user already interacted with.") var includeSeen = false
  @Option(help: "Item ids never to recommend (a one-column list, or a CSV naming the item column).")
  var exclude: String?

  func validate() throws {
    guard k > 0 else { throw ValidationError("--k must be at least 1") }
  }

  func run() throws {
    let recommender = try Recommender.read(from: URL(fileURLWithPath: model))
    var excludedIDs = try exclude.map {
      try openIDs($0, column: recommender.columns.item, flag: "--exclude")
    }
    let excluded = try excludedIDs?.readAll() ?? []
    var input = try openIDs(users, column: recommender.columns.user, flag: "--users")
    let sink = try OutputSink(path: out)
    let start = Date()
    let stats: Recommender.BatchStatistics
    do {
      stats = try recommender.recommendBatch(
        input: &input, k: k, includeSeen: includeSeen, excluded: excluded, output: sink.write)
      try sink.commit()
    } catch {
      sink.discard()
      throw error
    }
    let seconds = Date().timeIntervalSince(start)
    note(
      "\(stats.users) users in " + String(format: "%.3f s", seconds)
        + (stats.unknownUsers > 0
          ? "; \(stats.unknownUsers) unknown users got popular items (source=popular)" : ""))
  }
}

/// `traction recommend similar`.
struct RecommendSimilar: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "similar", abstract: "Items most similar to an item (customers also bought).")

  @Option(help: "Model file from `recommend train`.") var model: String
  @Option(help: "Item id.") var item: String
  @Option(help: "Number of similar items (at most the model's neighbour count).") var k: Int = 10

  func run() throws {
    let recommender = try Recommender.read(from: URL(fileURLWithPath: model))
    let picks = try recommender.similar(toItem: item, k: k)
    let withNames = !recommender.itemNames.isEmpty
    print(
      CSVOutput.line(["item", "rank", "similar_item", "similarity"] + (withNames ? ["name"] : [])))
    for (rank, pick) in picks.enumerated() {
      var fields = [item, "\(rank + 1)", pick.item, String(format: "%.6g", pick.score)]
      if withNames { fields.append(pick.name ?? "") }
      // Item ids and names come from user files: guard them against CSV injection.
      print(CSVOutput.line(fields, guardFormulas: fields.indices.map { $0 != 1 && $0 != 3 }))
    }
  }
}

/// `traction recommend update`.
struct RecommendUpdate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "update",
    abstract: "Fold new interactions (and new users and items) into a model without "
      + "retraining from scratch.")

  @Option(help: "Model file; rewritten atomically unless --out is given.") var model: String
  @Option(help: "New interactions CSV with the model's columns, or - for standard input.")
  var data: String
  @Option(help: "Write the updated model here instead of replacing --model.") var out: String?
  @Flag(help: "No progress lines on stderr.") var quiet = false

  func run() throws {
    let recommender = try Recommender.read(from: URL(fileURLWithPath: model))
    let newLog = try InteractionLog.load(
      from: inputURL(data), columns: recommender.columns,
      displayPath: data == "-" ? "<stdin>" : data)
    let start = Date()
    let (updated, pairs) = try recommender.updated(
      with: newLog, progress: quiet ? nil : { note($0) })
    try updated.write(to: URL(fileURLWithPath: out ?? model))
    print(
      "updated with \(newLog.rowCount) rows (\(pairs) user-item pairs); now "
        + "\(updated.log.users.count) users, \(updated.log.items.count) items; "
        + String(format: "%.3f s", Date().timeIntervalSince(start)))
  }
}

/// The recommendation step of `traction demo`.
enum RecommendDemoStep {
  static func run(datasets: String, out: String) throws {
    try ShopDemo.run(
      datasets: URL(fileURLWithPath: datasets), out: URL(fileURLWithPath: out), log: note)
  }
}

/// `traction recommend demo-data`: regenerates datasets/shop (hidden; for maintainers).
struct RecommendDemoData: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo-data",
    abstract: "Regenerate the seeded shop demo (catalogue.csv, purchases.csv).",
    shouldDisplay: false)

  @Option(help: "Folder to write into.") var out: String = "datasets/shop"

  func run() throws {
    try ShopDemoData.write(to: URL(fileURLWithPath: out))
    note("wrote \(out)/catalogue.csv and \(out)/purchases.csv")
  }
}
