import Evaluation
import Foundation
import Reporting

/// Builds the `report.html` / `report.xml` content and `metrics.json` values of
/// `recommend train` (validation split) and `recommend evaluate` (a labelled test file).
public enum RecommendationReport {
  /// The report kind written to `report.xml` (and expected of a `--compare` file).
  public static let kind = "recommend"

  /// One compared model's metrics.
  public struct Row: Sendable {
    /// Model name ("popularity", "item-kNN", "Traction", ...).
    public var name: String
    /// Its metrics.
    public var summary: RankingSummaryCodable

    /// Creates a row.
    public init(name: String, summary: RankingSummaryCodable) {
      self.name = name
      self.summary = summary
    }
  }

  /// The report and the flat metrics of the model named "Traction" (or the last row).
  /// - Parameters:
  ///   - model: the trained model.
  ///   - rows: compared models; the one named "Traction" is the headline.
  ///   - evaluatedOn: plain-language description of the evaluation data.
  ///   - inputs: files to list under provenance.
  public static func build(
    model: Recommender, rows: [Row], evaluatedOn: String, inputs: [URL], k: Int
  ) -> (report: Report, metrics: [String: Double]) {
    let main = rows.first(where: { $0.name == "Traction" }) ?? rows.last
    let pop = rows.first(where: { $0.name == "popularity" })
    let knn = rows.first(where: { $0.name == "item-kNN" })
    var figures: [KeyFigure] = []
    var metrics: [String: Double] = [
      "rows": Double(model.log.rowCount), "fit_seconds": model.summary.fitSeconds,
    ]
    if let m = main?.summary {
      let named: [(String, String, Double, KeyPath<RankingSummaryCodable, Double>)] = [
        ("NDCG@\(k)", "ndcg", m.ndcg, \.ndcg), ("Recall@\(k)", "recall", m.recall, \.recall),
        ("Precision@\(k)", "precision", m.precision, \.precision),
        ("Hit rate@\(k)", "hit_rate", m.hitRate, \.hitRate),
        ("Catalogue coverage", "coverage", m.coverage, \.coverage),
      ]
      for (label, key, value, path) in named {
        var comparisons: [Reporting.Comparison] = []
        if let pop {
          comparisons.append(.init(label: "popularity", value: pop.summary[keyPath: path]))
        }
        if let knn {
          comparisons.append(.init(label: "item-kNN", value: knn.summary[keyPath: path]))
        }
        figures.append(
          KeyFigure(
            label: label, value: value, unit: .score, comparisons: comparisons,
            key: "\(key)_at_\(k)", higherIsBetter: true))
      }
      metrics["precision_at_\(k)"] = m.precision
      metrics["recall_at_\(k)"] = m.recall
      metrics["ndcg_at_\(k)"] = m.ndcg
      metrics["map_at_\(k)"] = m.meanAveragePrecision
      metrics["hit_rate_at_\(k)"] = m.hitRate
      metrics["coverage_at_\(k)"] = m.coverage
      metrics["popularity_bias_at_\(k)"] = m.popularityBias
    }
    let lift = main.flatMap { m in pop.map { m.summary.ndcg / max($0.summary.ndcg, 1e-12) } }
    let summary =
      "Top-\(k) product recommendations for \(model.log.users.count) customers over "
      + "\(model.log.items.count) items, checked on \(evaluatedOn). "
      + (lift.map {
        String(
          format: "The model ranks what customers actually chose next %.1f× better (NDCG) ", $0)
          + "than showing everyone the best-sellers"
      } ?? "")
      + (main.map {
        String(format: ", and it shows %.0f%% of the catalogue.", $0.summary.coverage * 100)
      } ?? ".")
    let sections = [
      qualitySection(rows: rows, k: k, evaluatedOn: evaluatedOn),
      longTailSection(model: model, k: k),
      examplesSection(model: model, k: min(k, 5)),
      trainingSection(model: model, k: k),
    ]
    let report = Report(
      title: "Product recommendations", summary: summary, kind: kind,
      keyFigures: figures, sections: sections, dataSummary: dataSummary(model),
      modelCard: modelCard(model, evaluatedOn: evaluatedOn),
      provenance: inputs.compactMap { try? InputFile.describing(fileAt: $0) },
      generatedAt: Date())
    return (report, metrics)
  }

  static func format(_ x: Double) -> String { String(format: "%.4f", x) }

  static func qualitySection(rows: [Row], k: Int, evaluatedOn: String) -> Section {
    let table = Table(
      caption: "Ranking quality at \(k) on \(evaluatedOn)",
      columns: [
        "model", "precision@\(k)", "recall@\(k)", "NDCG@\(k)", "MAP@\(k)", "hit rate@\(k)",
        "coverage", "popularity bias", "users",
      ],
      rows: rows.map { r in
        let s = r.summary
        return [r.name]
          + [
            s.precision, s.recall, s.ndcg, s.meanAveragePrecision, s.hitRate,
            s.coverage, s.popularityBias,
          ].map(format) + ["\(s.users)"]
      }, sortable: true)
    return Section(
      title: "Quality compared with simple baselines",
      blocks: [
        .paragraph(
          "Each customer's most recent interactions were hidden; every item they had not "
            + "interacted with before was ranked, and the top \(k) compared with what they "
            + "actually chose. Popularity shows everyone the best-sellers; item-kNN recommends "
            + "items bought by the same customers as their recent items."),
        .table(table),
        .note(
          "Coverage is the share of the catalogue that appears in anyone's top \(k); popularity "
            + "bias is the share of recommendation slots taken by the 10% most popular items."),
      ])
  }

  /// Share of recommendation slots per popularity decile, for popularity and the model.
  static func longTailSection(model: Recommender, k: Int) -> Section {
    let ranking = model.popularity.ranking
    let n = max(1, ranking.count)
    var decileOf = [Int](repeating: 9, count: n)
    for (position, item) in ranking.enumerated() { decileOf[Int(item)] = min(9, position * 10 / n) }
    var modelShare = [Double](repeating: 0, count: 10)
    var interactionShare = [Double](repeating: 0, count: 10)
    let users = model.log.users.ids
    let step = max(1, users.count / 2000)
    var scratch: [Float] = []
    var slots = 0.0
    for u in stride(from: 0, to: users.count, by: step) {
      let picks = model.recommend(
        forUser: users[u], k: k, includeSeen: false, excludedMask: nil, scores: &scratch
      ).picks
      for p in picks {
        if let i = model.log.items.index(of: p.item) { modelShare[decileOf[Int(i)]] += 1 }
        slots += 1
      }
    }
    for i in model.log.itemIndices { interactionShare[decileOf[Int(i)]] += 1 }
    let total = Double(max(1, model.log.count))
    let categories = (1...10).map { $0 == 1 ? "top 10%" : "\(($0 - 1) * 10)–\($0 * 10)%" }
    let chart = BarChart(
      title: "Where recommendations come from, by item popularity",
      categories: categories,
      series: [
        .init(name: "share of interactions", values: interactionShare.map { $0 / total }),
        .init(name: "share of recommendations", values: modelShare.map { $0 / max(1, slots) }),
      ],
      valueLabel: "share", horizontal: false)
    return Section(
      title: "Long tail",
      blocks: [
        .paragraph(
          "Items are grouped into ten popularity bands (top 10% most-interacted first). A model "
            + "that only pushes best-sellers puts nearly every recommendation in the first band."),
        .chart(.bar(chart)),
      ])
  }

  static func examplesSection(model: Recommender, k: Int) -> Section {
    var rows: [[String]] = []
    var scratch: [Float] = []
    let display = { (id: String) in model.itemNames[id].map { "\($0) (\(id))" } ?? id }
    for u in 0..<min(5, model.log.users.count) {
      let user = model.log.users.ids[u]
      let history = model.matrix.history(of: u).items.suffix(3).map { display(model.log.items[$0]) }
      let picks = model.recommend(
        forUser: user, k: k, includeSeen: false, excludedMask: nil, scores: &scratch
      ).picks
      rows.append([
        user, history.joined(separator: "; "),
        picks.map { display($0.item) }.joined(separator: "; "),
      ])
    }
    return Section(
      title: "Example recommendations",
      blocks: [
        .table(
          Table(
            caption: "First customers in the file: their latest items and their top \(k)",
            columns: ["customer", "latest items", "recommended"], rows: rows))
      ])
  }

  static func trainingSection(model: Recommender, k: Int) -> Section {
    let s = model.summary
    var blocks: [Block] = []
    if !s.lossCurve.isEmpty {
      let chart = LineChart(
        title: "Embedding model training loss (BPR, validation fit)", xLabel: "epoch",
        yLabel: "mean loss",
        series: [
          .init(
            name: "training loss", x: s.lossCurve.indices.map { Double($0 + 1) }, y: s.lossCurve)
        ])
      blocks.append(.chart(.line(chart)))
    }
    if !s.validation.isEmpty {
      blocks.append(
        .table(
          Table(
            caption: "Candidates on the validation split (each user's latest "
              + "\(Int(model.configuration.validationFraction * 100))% of training interactions)",
            columns: ["candidate", "NDCG@\(k)", "recall@\(k)", "coverage"],
            rows: s.validation.map {
              [
                $0.model, format($0.summary.ndcg), format($0.summary.recall),
                format($0.summary.coverage),
              ]
            })))
    }
    blocks.append(
      .paragraph(
        "Chosen candidate: \(s.chosenCandidate) (the widest catalogue coverage among candidates "
          + "within \(Int(model.configuration.coverageTolerance * 100))% of the best validation "
          + "NDCG). "
          + (s.fitSeconds.isFinite
            ? "Final fit on all interactions took "
              + String(format: "%.3f s; the whole training run %.3f s.", s.fitSeconds, s.totalSeconds)
            : "Training times are not stored in the model file (see the train run's metrics.json).")))
    if let note = s.note { blocks.append(.note(note)) }
    return Section(title: "Training", blocks: blocks)
  }

  static func dataSummary(_ model: Recommender) -> DataSummary {
    let log = model.log
    let density = Double(log.count) / Double(max(1, log.users.count * log.items.count))
    var facts = [
      KeyValue("users", "\(log.users.count)"), KeyValue("items", "\(log.items.count)"),
      KeyValue("distinct user-item pairs", "\(log.count)"),
      KeyValue("density", String(format: "%.4f%%", density * 100)),
      KeyValue("time column", model.columns.time ?? "none (file order stands in for time)"),
    ]
    if let w = model.columns.weight { facts.append(KeyValue("weight column", w)) }
    return DataSummary(rows: log.rowCount, columns: 2, facts: facts)
  }

  static func modelCard(_ model: Recommender, evaluatedOn: String) -> ModelCard {
    let c = model.configuration
    let e = c.embedding
    return ModelCard(
      modelType: "item-kNN (cosine, recency-weighted) blended with BPR/WARP embeddings",
      intendedUse: "Ranking products to show each customer; similar-item lists.",
      trainingData: "\(model.log.rowCount) interaction rows",
      evaluationData: evaluatedOn,
      configuration: [
        KeyValue("user column", model.columns.user), KeyValue("item column", model.columns.item),
        KeyValue("neighbours", "\(c.neighbourhood.neighbours)"),
        KeyValue("neighbourhood rule", c.neighbourhood.direction.rawValue),
        KeyValue("recency decay", "\(c.neighbourhood.recencyDecay)"),
        KeyValue("embedding dimension", "\(e.dimension)"), KeyValue("epochs", "\(e.epochs)"),
        KeyValue("learning rate (Adam, lazy)", "\(e.learningRate)"), KeyValue("L2", "\(e.l2)"),
        KeyValue("negatives per positive", "\(e.negatives) (\(e.negativeSampling.rawValue))"),
        KeyValue("batch size", "\(e.batchSize)"), KeyValue("seed", "\(e.seed)"),
        KeyValue("blend weight candidates", c.blendWeights.map { "\($0)" }.joined(separator: ", ")),
        KeyValue("chosen blend weight", "\(model.embeddingWeight)"),
        KeyValue(
          "popularity penalty candidates",
          c.popularityPenalties.map { "\($0)" }.joined(separator: ", ")),
        KeyValue("chosen popularity penalty", "\(model.popularityPenalty)"),
        KeyValue("coverage tolerance", "\(c.coverageTolerance)"),
      ],
      limitations: [
        "Customers with no history get best-sellers (marked 'popular').",
        "Items never interacted with cannot be recommended until `recommend update` sees them.",
      ],
      date: ModelCard.today(), toolVersion: "")
  }
}
