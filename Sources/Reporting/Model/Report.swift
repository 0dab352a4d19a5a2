import Foundation

/// A business report: the document every pipeline fills and `ReportWriter` turns into
/// `report.html` (for people) and `report.xml` (for other systems).
///
/// ```swift
/// var report = Report(title: "Churn risk — March", summary: "Call the 120 customers …")
/// report.keyFigures.append(KeyFigure(label: "ROC AUC", value: 0.87, unit: .score, key: "roc_auc"))
/// report.sections.append(Section(title: "Quality", blocks: [.chart(.line(roc))]))
/// try ReportWriter.write(report, to: URL(fileURLWithPath: "reports/churn"))
/// ```
public struct Report: Sendable, Equatable, Codable {
  /// Headline of the report.
  public var title: String
  /// Plain-language summary of the decision the report supports (two or three sentences).
  public var summary: String
  /// Short tag of the report kind (`churn`, `fraud`, `credit`, `tickets`, …); used by the index.
  public var kind: String
  /// Headline numbers shown as cards at the top.
  public var keyFigures: [KeyFigure]
  /// The body, in order.
  public var sections: [Section]
  /// What data the numbers come from.
  public var dataSummary: DataSummary
  /// Model card: intended use, data, configuration, limitations.
  public var modelCard: ModelCard
  /// Input files with sizes and SHA-256 digests.
  public var provenance: [InputFile]
  /// When the report was generated; `nil` in snapshot mode (no timestamp is rendered).
  public var generatedAt: Date?

  /// Creates a report; every part but the title and summary may be filled in later.
  public init(
    title: String, summary: String, kind: String = "report", keyFigures: [KeyFigure] = [],
    sections: [Section] = [], dataSummary: DataSummary = DataSummary(),
    modelCard: ModelCard = ModelCard(), provenance: [InputFile] = [], generatedAt: Date? = nil
  ) {
    self.title = title
    self.summary = summary
    self.kind = kind
    self.keyFigures = keyFigures
    self.sections = sections
    self.dataSummary = dataSummary
    self.modelCard = modelCard
    self.provenance = provenance
    self.generatedAt = generatedAt
  }

  /// The same report without a timestamp, so that renderings are byte-for-byte reproducible.
  public func snapshot() -> Report {
    var copy = self
    copy.generatedAt = nil
    return copy
  }
}

/// A headline number with its unit and optional comparisons (vs baseline, vs previous run).
public struct KeyFigure: Sendable, Equatable, Codable {
  /// Human label, e.g. "Customers at risk".
  public var label: String
  /// The value, in the unit's natural scale (a `.percent` is a fraction: 0.25 shows as 25.0%).
  public var value: Double
  /// How the value is formatted.
  public var unit: Unit
  /// Stable machine key (`roc_auc`, `expected_savings`); `--compare` matches figures by it.
  public var key: String?
  /// Whether a larger value is good (`true`), bad (`false`) or neither (`nil`); colours deltas.
  public var higherIsBetter: Bool?
  /// Reference values the figure is compared with, shown as deltas.
  public var comparisons: [Comparison]

  /// The first comparison (most figures have at most one); setting replaces all of them.
  public var comparison: Comparison? {
    get { comparisons.first }
    set { comparisons = newValue.map { [$0] } ?? [] }
  }

  /// Creates a key figure.
  /// - Parameters:
  ///   - label: Human label.
  ///   - value: Value in the unit's natural scale.
  ///   - unit: Formatting unit.
  ///   - comparison: One reference value (vs baseline); more can go in `comparisons`.
  ///   - comparisons: Further reference values.
  ///   - key: Stable machine key used by `--compare`; defaults to none (matched by label).
  ///   - higherIsBetter: Direction used to colour deltas.
  public init(
    label: String, value: Double, unit: Unit = .none, comparison: Comparison? = nil,
    comparisons: [Comparison] = [], key: String? = nil, higherIsBetter: Bool? = nil
  ) {
    self.label = label
    self.value = value
    self.unit = unit
    self.comparisons = (comparison.map { [$0] } ?? []) + comparisons
    self.key = key
    self.higherIsBetter = higherIsBetter
  }

  /// Units a key figure can carry; each decides the number format.
  public enum Unit: Sendable, Equatable, Codable {
    /// A plain number, formatted with up to 3 decimals.
    case none
    /// A whole count, grouped by thousands ("12,345").
    case count
    /// A fraction shown as a percentage with one decimal (0.253 → "25.3%").
    case percent
    /// A score in [0, 1] such as AUC, shown with three decimals.
    case score
    /// Money in the given currency code, no decimals ("EUR 12,300").
    case currency(String)
    /// A duration in seconds.
    case seconds
    /// Any other unit, appended after the number ("4.2 tickets/hour").
    case custom(String)
  }
}

/// A reference value for a key figure, e.g. the baseline model or the previous run.
public struct Comparison: Sendable, Equatable, Codable {
  /// What the reference is, e.g. "baseline" or "previous run".
  public var label: String
  /// The reference value, in the figure's unit.
  public var value: Double

  /// Creates a comparison.
  public init(label: String, value: Double) {
    self.label = label
    self.value = value
  }
}

/// A titled part of the report body.
public struct Section: Sendable, Equatable, Codable {
  /// Section heading.
  public var title: String
  /// Content blocks, rendered in order.
  public var blocks: [Block]

  /// Creates a section.
  public init(title: String, blocks: [Block] = []) {
    self.title = title
    self.blocks = blocks
  }
}

/// One piece of section content.
public enum Block: Sendable, Equatable, Codable {
  /// A paragraph of plain text.
  case paragraph(String)
  /// A data table.
  case table(Table)
  /// A chart drawn as inline SVG.
  case chart(Chart)
  /// A highlighted remark (caveat, recommendation).
  case note(String)
}

/// A table of text cells; numeric-looking cells are right-aligned and sort numerically.
public struct Table: Sendable, Equatable, Codable {
  /// Optional caption shown above the table.
  public var caption: String?
  /// Column headings.
  public var columns: [String]
  /// Rows of cells; short rows are padded with empty cells.
  public var rows: [[String]]
  /// Whether column headers sort the rows when clicked (a tiny inline script, no network).
  public var sortable: Bool

  /// Creates a table.
  public init(caption: String? = nil, columns: [String], rows: [[String]], sortable: Bool = false) {
    self.caption = caption
    self.columns = columns
    self.rows = rows
    self.sortable = sortable
  }
}

/// A label and a value, used for facts, configuration entries and similar lists.
public struct KeyValue: Sendable, Equatable, Codable {
  /// The label or key.
  public var key: String
  /// The value, already formatted.
  public var value: String

  /// Creates an entry.
  public init(_ key: String, _ value: String) {
    self.key = key
    self.value = value
  }
}
