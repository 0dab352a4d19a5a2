import Foundation
import Reporting

/// `traction demo` step for recommendations: trains on the bundled shop purchase log and writes
/// `reports/recommend/` (report.html, report.xml, metrics.json, an example `for` output and the
/// model file).
public enum ShopDemo {
  /// Columns of `datasets/shop/purchases.csv`.
  public static let columns = InteractionColumns(
    user: "customer_id", item: "product_id", weight: "quantity", time: "purchased_at")

  /// Runs the demo.
  /// - Parameters:
  ///   - datasets: folder holding `shop/purchases.csv` and `shop/catalogue.csv`.
  ///   - out: reports folder; `recommend/` is created inside it.
  ///   - log: progress lines.
  public static func run(datasets: URL, out: URL, log: (String) -> Void) throws {
    let shop = datasets.appendingPathComponent("shop")
    let purchases = shop.appendingPathComponent("purchases.csv")
    let catalogue = shop.appendingPathComponent("catalogue.csv")
    let interactions = try InteractionLog.load(from: purchases, columns: columns)
    var model = try Recommender.train(interactions, columns: columns)
    model.itemNames = try ItemCatalogue.names(
      from: catalogue, idColumn: "product_id", nameColumn: "name")
    let folder = out.appendingPathComponent("recommend")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try model.write(to: folder.appendingPathComponent("shop.model"))
    let chosenName = model.summary.chosenCandidate
    var rows = model.summary.validation
      .filter { ["popularity", "item-kNN", "embedding"].contains($0.model) }
      .map { RecommendationReport.Row(name: $0.model, summary: $0.summary) }
    if let best = model.summary.validation.first(where: { $0.model == chosenName }) {
      rows.append(.init(name: "Traction", summary: best.summary))
    }
    let built = RecommendationReport.build(
      model: model, rows: rows,
      evaluatedOn: "a validation split (each customer's latest 20% of purchases)",
      inputs: [purchases, catalogue], k: 10)
    try ReportWriter.write(built.report, to: folder, metrics: built.metrics)
    // Example batch output for the first 20 customers.
    var text = CSVOutput.line(["user", "rank", "item", "score", "source", "name"]) + "\n"
    for user in model.log.users.ids.prefix(20) + ["NEW-CUSTOMER"] {
      let (picks, source) = model.recommend(forUser: user, k: 5)
      for (rank, pick) in picks.enumerated() {
        text +=
          CSVOutput.line(
            [
              user, "\(rank + 1)", pick.item, String(format: "%.4f", pick.score), source.rawValue,
              pick.name ?? "",
            ], guardFormulas: [false, false, false, false, false, true]) + "\n"
      }
    }
    try ReportWriter.writeAtomically(text, to: folder.appendingPathComponent("recommendations.csv"))
    let ndcg = built.metrics["ndcg_at_10"].map { String(format: "%.3f", $0) } ?? "n/a"
    log(
      "recommend: \(interactions.rowCount) purchases, NDCG@10 \(ndcg) on validation -> \(folder.path)"
    )
  }
}
