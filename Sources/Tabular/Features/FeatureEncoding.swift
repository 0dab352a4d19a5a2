/// Hyper-parameters of the feature encoding; `fit` learns a `FeatureEncoder` from training rows.
///
/// Numeric columns are standardised with the training mean and (population) standard deviation,
/// missing values are imputed with the mean and flagged by an indicator column (only when the
/// training rows had missing values). Categorical columns with at most `hashingThreshold`
/// distinct training values are one-hot encoded over their `maxCategories` most frequent values
/// plus an "other" column that also receives values never seen in training; columns with more
/// distinct values are hashed (FNV-1a) into `hashBuckets` indicator columns. This mirrors
/// scikit-learn's `StandardScaler`, `MissingIndicator`, `OneHotEncoder(max_categories=,
/// handle_unknown="infrequent_if_exist")` and `FeatureHasher`.
///
/// ```swift
/// let schema = try SchemaInference.infer(train, overrides: SchemaOverrides(target: "churned"))
/// let encoder = try FeatureEncoding().fit(train, schema: schema)
/// let x = try encoder.transform(train.row(0))   // [Float], encoder.width long
/// ```
public struct FeatureEncoding: Codable, Sendable, Equatable {
  /// Most one-hot columns per categorical field, not counting "other".
  public var maxCategories: Int
  /// Categorical fields with more distinct training values than this are hashed.
  public var hashingThreshold: Int
  /// Indicator columns per hashed field.
  public var hashBuckets: Int
  /// Categories seen fewer times than this in training go to "other".
  public var minCategoryCount: Int

  /// Stores the hyper-parameters; validation happens in `fit`.
  public init(
    maxCategories: Int = 30, hashingThreshold: Int = 100, hashBuckets: Int = 32,
    minCategoryCount: Int = 1
  ) {
    self.maxCategories = maxCategories
    self.hashingThreshold = hashingThreshold
    self.hashBuckets = hashBuckets
    self.minCategoryCount = minCategoryCount
  }

  /// Learns the encoding of the schema's feature columns from training rows only.
  /// - Parameters:
  ///   - table: The data (training and possibly other rows).
  ///   - schema: Which columns are features and of what kind.
  ///   - rows: The training rows (all rows when nil).
  /// - Returns: The fitted encoder.
  /// - Throws: `TabularError.invalidValue` for a value that is not a finite number in a numeric
  ///   column (naming file, line and column), `TabularError.missingColumn` if a schema column
  ///   is absent, `TabularError.invalidArgument` for bad hyper-parameters.
  public func fit(_ table: DataTable, schema: Schema, rows: [Int]? = nil) throws -> FeatureEncoder {
    guard maxCategories >= 1, hashBuckets >= 1, hashingThreshold >= 1, minCategoryCount >= 1
    else {
      throw TabularError.invalidArgument(
        "feature encoding needs maxCategories, hashingThreshold, hashBuckets and "
          + "minCategoryCount of at least 1")
    }
    let rowIndices = rows ?? Array(0..<table.rowCount)
    var fields: [FeatureEncoder.Field] = []
    var offset = 0
    for column in schema.columns where column.isFeature {
      let index = try table.columnIndex(named: column.name)
      let values = table.columns[index]
      let transform: FeatureEncoder.Transform
      switch column.kind {
      case .numeric:
        transform = try fitNumeric(
          values, rows: rowIndices, name: column.name, format: column.numberFormat, table: table)
      case .categorical:
        transform = fitCategorical(values, rows: rowIndices)
      default:
        continue
      }
      let field = FeatureEncoder.Field(
        name: column.name, kind: column.kind, transform: transform, offset: offset,
        numberFormat: column.kind == .numeric ? column.numberFormat : nil)
      offset += field.width
      fields.append(field)
    }
    return FeatureEncoder(fields: fields, header: table.header, encoding: self)
  }

  private func fitNumeric(
    _ values: [String], rows: [Int], name: String, format: NumberFormat?, table: DataTable
  ) throws -> FeatureEncoder.Transform {
    var count = 0
    var missing = 0
    var mean = 0.0
    var m2 = 0.0
    for row in rows {
      let value = values[row]
      if MissingValues.isMissing(value) {
        missing += 1
        continue
      }
      let parsed: Double?
      if let format { parsed = format.parse(value) } else { parsed = NumberParsing.parse(value) }
      guard let x = parsed, x.isFinite else {
        throw FeatureEncoder.numericError(column: name, value: value, format: format)
          .located(path: table.source, line: table.lineNumbers[row])
      }
      // Welford's running mean and variance.
      count += 1
      let delta = x - mean
      mean += delta / Double(count)
      m2 += delta * (x - mean)
    }
    let variance = count > 0 ? m2 / Double(count) : 0
    let deviation = variance > 0 ? variance.squareRoot() : 1
    return .numeric(mean: mean, standardDeviation: deviation, missingIndicator: missing > 0)
  }

  private func fitCategorical(_ values: [String], rows: [Int]) -> FeatureEncoder.Transform {
    var counts: [String: Int] = [:]
    for row in rows {
      counts[FeatureEncoder.categoryKey(values[row]), default: 0] += 1
    }
    if counts.count > hashingThreshold { return .hashed(buckets: hashBuckets) }
    let ranked = counts.filter { $0.value >= minCategoryCount }
      .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    return .oneHot(categories: ranked.prefix(maxCategories).map(\.key))
  }
}
