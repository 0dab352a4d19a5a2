import Foundation

/// A chart, drawn as inline SVG in HTML and stored as data in XML.
///
/// Every chart carries a text alternative (`textAlternative`); when left empty the renderers
/// generate one from the data.
public enum Chart: Sendable, Equatable, Codable {
  /// Lines over a numeric x axis: ROC, PR, calibration, training curves, lift.
  case line(LineChart)
  /// Bars per category: importance, per-class F1, top items.
  case bar(BarChart)
  /// Binned distributions, overlaid per series: score distributions per class.
  case histogram(Histogram)
  /// A matrix of values coloured by size: the confusion matrix.
  case heatmap(HeatMap)

  /// The chart's title.
  public var title: String {
    switch self {
    case .line(let c): return c.title
    case .bar(let c): return c.title
    case .histogram(let c): return c.title
    case .heatmap(let c): return c.title
    }
  }
}

/// A line chart with one or more series over a numeric x axis.
public struct LineChart: Sendable, Equatable, Codable {
  /// Chart title.
  public var title: String
  /// Label of the x axis.
  public var xLabel: String
  /// Label of the y axis.
  public var yLabel: String
  /// The lines.
  public var series: [Series]
  /// Fixed x range; `nil` fits the data.
  public var xRange: ClosedRange<Double>?
  /// Fixed y range; `nil` fits the data (including 0).
  public var yRange: ClosedRange<Double>?
  /// Text alternative for screen readers; generated from the data when empty.
  public var textAlternative: String

  /// Creates a line chart.
  public init(
    title: String, xLabel: String, yLabel: String, series: [Series],
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
    textAlternative: String = ""
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.xRange = xRange
    self.yRange = yRange
    self.textAlternative = textAlternative
  }

  /// One line of a line chart.
  public struct Series: Sendable, Equatable, Codable {
    /// Legend name.
    public var name: String
    /// X coordinates (same count as `y`).
    public var x: [Double]
    /// Y coordinates.
    public var y: [Double]
    /// Line style.
    public var style: Style

    /// Creates a series; `x` and `y` are truncated to the shorter of the two.
    public init(name: String, x: [Double], y: [Double], style: Style = .solid) {
      let n = min(x.count, y.count)
      self.name = name
      self.x = Array(x.prefix(n))
      self.y = Array(y.prefix(n))
      self.style = style
    }

    /// How a line is drawn.
    public enum Style: String, Sendable, Equatable, Codable {
      /// A solid coloured line.
      case solid
      /// A dashed coloured line.
      case dashed
      /// A thin grey dashed reference (chance diagonal, perfect calibration).
      case reference
      /// Coloured markers joined by a line (few points, e.g. calibration bins, lift deciles).
      case markers
    }
  }
}

/// A bar chart: one bar per category and series, horizontal by default (long labels fit).
public struct BarChart: Sendable, Equatable, Codable {
  /// Chart title.
  public var title: String
  /// Category labels, one per bar group.
  public var categories: [String]
  /// Value series; each has one value per category.
  public var series: [Series]
  /// Label of the value axis.
  public var valueLabel: String
  /// Horizontal bars (categories on the y axis) when `true`.
  public var horizontal: Bool
  /// Text alternative; generated when empty.
  public var textAlternative: String

  /// Creates a bar chart.
  public init(
    title: String, categories: [String], series: [Series], valueLabel: String,
    horizontal: Bool = true, textAlternative: String = ""
  ) {
    self.title = title
    self.categories = categories
    self.series = series
    self.valueLabel = valueLabel
    self.horizontal = horizontal
    self.textAlternative = textAlternative
  }

  /// Creates a single-series bar chart.
  public init(
    title: String, categories: [String], values: [Double], valueLabel: String,
    horizontal: Bool = true, textAlternative: String = ""
  ) {
    self.init(
      title: title, categories: categories, series: [Series(name: valueLabel, values: values)],
      valueLabel: valueLabel, horizontal: horizontal, textAlternative: textAlternative)
  }

  /// One series of bars.
  public struct Series: Sendable, Equatable, Codable {
    /// Legend name.
    public var name: String
    /// One value per category.
    public var values: [Double]

    /// Creates a series.
    public init(name: String, values: [Double]) {
      self.name = name
      self.values = values
    }
  }
}

/// Overlaid histograms sharing bin edges (e.g. predicted scores of positives vs negatives).
public struct Histogram: Sendable, Equatable, Codable {
  /// Chart title.
  public var title: String
  /// Label of the x axis.
  public var xLabel: String
  /// Label of the y axis ("Share of rows" when `normalized`, else "Rows").
  public var yLabel: String
  /// Bin edges, ascending; `binEdges.count == counts.count + 1` for every series.
  public var binEdges: [Double]
  /// Counts (or shares) per bin, per series.
  public var series: [Series]
  /// Text alternative; generated when empty.
  public var textAlternative: String

  /// Creates a histogram from already binned counts.
  public init(
    title: String, xLabel: String, yLabel: String, binEdges: [Double], series: [Series],
    textAlternative: String = ""
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.binEdges = binEdges
    self.series = series
    self.textAlternative = textAlternative
  }

  /// Bins raw values into `bins` equal-width bins over `range` (default: the data's range).
  /// - Parameters:
  ///   - values: Named groups of raw values, one series each (e.g. `[("churned", s1), …]`).
  ///   - normalized: Divide each series by its count so groups of different sizes compare.
  ///   - Complexity: O(total values + bins × series).
  public init(
    title: String, xLabel: String, values: [(name: String, values: [Double])], bins: Int = 20,
    range: ClosedRange<Double>? = nil, normalized: Bool = true, textAlternative: String = ""
  ) {
    let finite = values.flatMap { $0.values.filter(\.isFinite) }
    let low = range?.lowerBound ?? finite.min() ?? 0
    var high = range?.upperBound ?? finite.max() ?? 1
    if high <= low { high = low + 1 }
    let binCount = max(1, bins)
    let width = (high - low) / Double(binCount)
    let edges = (0...binCount).map { low + Double($0) * width }
    let series = values.map { group -> Series in
      var counts = [Double](repeating: 0, count: binCount)
      var total = 0.0
      for v in group.values where v.isFinite && v >= low && v <= high {
        counts[min(binCount - 1, Int((v - low) / width))] += 1
        total += 1
      }
      if normalized, total > 0 { counts = counts.map { $0 / total } }
      return Series(name: group.name, counts: counts)
    }
    self.init(
      title: title, xLabel: xLabel, yLabel: normalized ? "Share of rows" : "Rows",
      binEdges: edges, series: series, textAlternative: textAlternative)
  }

  /// One group's bin counts.
  public struct Series: Sendable, Equatable, Codable {
    /// Legend name.
    public var name: String
    /// One count (or share) per bin.
    public var counts: [Double]

    /// Creates a series.
    public init(name: String, counts: [Double]) {
      self.name = name
      self.counts = counts
    }
  }
}

/// A heat map (confusion matrix): rows are actual classes, columns predicted classes.
public struct HeatMap: Sendable, Equatable, Codable {
  /// Chart title.
  public var title: String
  /// Row labels (actual classes).
  public var rowLabels: [String]
  /// Column labels (predicted classes).
  public var columnLabels: [String]
  /// Values, `values[row][column]`.
  public var values: [[Double]]
  /// Axis title for rows.
  public var rowAxisLabel: String
  /// Axis title for columns.
  public var columnAxisLabel: String
  /// Colour each cell by its share of the row (recall view) instead of the global maximum.
  public var colorByRowShare: Bool
  /// Text alternative; generated when empty.
  public var textAlternative: String

  /// Creates a heat map.
  public init(
    title: String, rowLabels: [String], columnLabels: [String], values: [[Double]],
    rowAxisLabel: String = "Actual", columnAxisLabel: String = "Predicted",
    colorByRowShare: Bool = true, textAlternative: String = ""
  ) {
    self.title = title
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.values = values
    self.rowAxisLabel = rowAxisLabel
    self.columnAxisLabel = columnAxisLabel
    self.colorByRowShare = colorByRowShare
    self.textAlternative = textAlternative
  }
}
