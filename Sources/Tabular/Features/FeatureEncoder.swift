/// A fitted feature encoding: turns a row of raw CSV strings into a `[Float]` feature vector.
///
/// Created by `FeatureEncoding.fit(_:schema:rows:)`; `Codable`, so it is stored in model files.
/// Output columns are laid out field by field (see `fields`, `featureNames`, `sourceField`):
/// - numeric: `(x - mean) / std`, then `name=missing` (1 when missing) if training had gaps;
/// - one-hot: one column per kept category `name=value`, then `name=(other)`;
/// - hashed: `hashBuckets` columns `name#k`.
public struct FeatureEncoder: Codable, Sendable, Equatable {
  /// How one field is encoded.
  public enum Transform: Codable, Sendable, Equatable {
    /// Standardised number; missing values are imputed with the mean (encoded as 0).
    case numeric(mean: Double, standardDeviation: Double, missingIndicator: Bool)
    /// One-hot over kept categories followed by one "other" column (rare and unseen values).
    /// Missing values are the category `(missing)`.
    case oneHot(categories: [String])
    /// FNV-1a hash of the value modulo `buckets`, one-hot.
    case hashed(buckets: Int)
  }

  /// One source field and where its encoding lands in the output vector.
  public struct Field: Codable, Sendable, Equatable {
    /// Source column name.
    public var name: String
    /// Source column kind (`.numeric` or `.categorical`).
    public var kind: ColumnKind
    /// How the value is encoded.
    public var transform: Transform
    /// First output column of this field.
    public var offset: Int
    /// How a numeric field's values are written when they are not plain decimals.
    public var numberFormat: NumberFormat? = nil

    /// Number of output columns of this field.
    public var width: Int {
      switch transform {
      case .numeric(_, _, let indicator): return indicator ? 2 : 1
      case .oneHot(let categories): return categories.count + 1
      case .hashed(let buckets): return buckets
      }
    }

    /// Output column names of this field.
    public var outputNames: [String] {
      switch transform {
      case .numeric(_, _, let indicator): return indicator ? [name, name + "=missing"] : [name]
      case .oneHot(let categories): return categories.map { name + "=" + $0 } + [name + "=(other)"]
      case .hashed(let buckets): return (0..<buckets).map { name + "#\($0)" }
      }
    }
  }

  /// Which columns of an input row feed which field (see `bind(header:)`).
  public struct Binding: Sendable, Equatable {
    /// For each field, its column index in the input rows.
    public let columnIndices: [Int]
  }

  /// Encoded fields in output order.
  public let fields: [Field]
  /// The header of the training data (the layout `transform(_:)` assumes by default).
  public let header: [String]
  /// The hyper-parameters the encoder was fitted with.
  public let encoding: FeatureEncoding
  /// Length of an encoded row.
  public let width: Int
  /// Name of every output column.
  public let featureNames: [String]
  /// For every output column, the index into `fields` of the field it comes from.
  public let sourceField: [Int]
  /// The binding to the training header.
  public let trainingBinding: Binding
  let categoryIndex: [[String: Int]]
  /// The fields flattened into plain arrays for the per-row hot loop.
  let plan: EncodingPlan

  private enum CodingKeys: String, CodingKey {
    case fields, header, encoding
  }

  init(fields: [Field], header: [String], encoding: FeatureEncoding) {
    self.fields = fields
    self.header = header
    self.encoding = encoding
    width = fields.reduce(0) { $0 + $1.width }
    featureNames = fields.flatMap(\.outputNames)
    sourceField = fields.indices.flatMap { [Int](repeating: $0, count: fields[$0].width) }
    categoryIndex = fields.map { field in
      guard case .oneHot(let categories) = field.transform else { return [:] }
      return Dictionary(
        categories.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
    plan = EncodingPlan(fields)
    let position = Dictionary(
      header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    trainingBinding = Binding(columnIndices: fields.map { position[$0.name] ?? 0 })
  }

  /// Decodes an encoder stored by `encode(to:)`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      fields: try container.decode([Field].self, forKey: .fields),
      header: try container.decode([String].self, forKey: .header),
      encoding: try container.decode(FeatureEncoding.self, forKey: .encoding))
  }

  /// Encodes the fitted fields, training header and hyper-parameters.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(fields, forKey: .fields)
    try container.encode(header, forKey: .header)
    try container.encode(encoding, forKey: .encoding)
  }

  /// Names of the source columns the encoder reads, in field order.
  public var fieldNames: [String] { fields.map(\.name) }

  /// The source column name of output column `column` (for reason codes and PMML).
  public func sourceFieldName(ofOutput column: Int) -> String { fields[sourceField[column]].name }

  /// The output columns of the field named `name`, or nil if it is not a feature.
  public func outputRange(ofField name: String) -> Range<Int>? {
    fields.first { $0.name == name }.map { $0.offset..<($0.offset + $0.width) }
  }

  /// Locates the encoder's fields in another header (for scoring files laid out differently).
  /// - Throws: `TabularError.missingColumn` naming the first absent field.
  public func bind(header other: [String]) throws -> Binding {
    let position = Dictionary(
      other.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    return Binding(
      columnIndices: try fields.map { field in
        guard let index = position[field.name] else {
          throw TabularError.missingColumn(name: field.name, available: other)
        }
        return index
      })
  }

  /// The key a categorical value is counted under: missing tokens become `(missing)`.
  static func categoryKey(_ value: String) -> String {
    MissingValues.isMissing(value) ? "(missing)" : value
  }

  static func numericError(column: String, value: String, format: NumberFormat? = nil)
    -> TabularError
  {
    let written = format.map { ", written like \($0)" } ?? ""
    return .invalidValue(
      path: nil, line: nil, column: column, value: value,
      reason: "is not a finite number (the column is numeric\(written)) — fix it, or leave the "
        + "field empty to mark it missing")
  }

  /// Parses a numeric field's value: plain decimals, or under the field's `NumberFormat`.
  @inline(__always)
  static func number(_ bytes: UnsafeBufferPointer<UInt8>, format: NumberFormat?) -> Double? {
    guard let format else { return NumberParsing.parse(bytes) }
    return format.parse(bytes: bytes)
  }
}

/// `FeatureEncoder.fields` as flat arrays of plain values, so encoding a row copies no field
/// descriptions (their strings and arrays would cost a retain and release each).
struct EncodingPlan: Sendable, Equatable {
  /// 0 numeric, 1 one-hot, 2 hashed.
  var kinds: [UInt8] = []
  var offsets: [Int] = []
  var means: [Double] = []
  var deviations: [Double] = []
  var indicators: [Bool] = []
  /// Categories kept (one-hot) or buckets (hashed).
  var sizes: [Int] = []
  /// Number formats of numeric fields (nil: plain decimals).
  var formats: [NumberFormat?] = []

  init(_ fields: [FeatureEncoder.Field]) {
    for field in fields {
      offsets.append(field.offset)
      formats.append(field.numberFormat)
      switch field.transform {
      case .numeric(let mean, let deviation, let indicator):
        kinds.append(0)
        means.append(mean)
        deviations.append(deviation)
        indicators.append(indicator)
        sizes.append(0)
      case .oneHot(let categories):
        kinds.append(1)
        means.append(0)
        deviations.append(1)
        indicators.append(false)
        sizes.append(categories.count)
      case .hashed(let buckets):
        kinds.append(2)
        means.append(0)
        deviations.append(1)
        indicators.append(false)
        sizes.append(buckets)
      }
    }
  }
}
