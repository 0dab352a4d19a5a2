import Foundation

/// A model card: what the model is for, what it learned from, how it was checked and configured,
/// and where it should not be trusted (after Mitchell et al., "Model Cards for Model Reporting",
/// FAT* 2019).
public struct ModelCard: Sendable, Equatable, Codable {
  /// Model family in plain words, e.g. "Neural network, 2 hidden layers (64, 32), ReLU".
  public var modelType: String
  /// The decision the model supports and who should use it.
  public var intendedUse: String
  /// Which data trained it (file, rows, period).
  public var trainingData: String
  /// Which data the reported numbers come from.
  public var evaluationData: String
  /// Exact configuration (hyper-parameters, seed, thresholds) as key/value pairs.
  public var configuration: [KeyValue]
  /// Known limitations and out-of-scope uses.
  public var limitations: [String]
  /// Date of training or evaluation, ISO 8601 (`2026-11-03`); callers fix it in snapshot tests.
  public var date: String
  /// Version of Traction that built the model.
  public var toolVersion: String

  /// Creates a model card; all fields default to empty.
  public init(
    modelType: String = "", intendedUse: String = "", trainingData: String = "",
    evaluationData: String = "", configuration: [KeyValue] = [], limitations: [String] = [],
    date: String = "", toolVersion: String = ""
  ) {
    self.modelType = modelType
    self.intendedUse = intendedUse
    self.trainingData = trainingData
    self.evaluationData = evaluationData
    self.configuration = configuration
    self.limitations = limitations
    self.date = date
    self.toolVersion = toolVersion
  }

  /// Whether nothing has been filled in (the card is then left out of the rendering).
  public var isEmpty: Bool {
    modelType.isEmpty && intendedUse.isEmpty && trainingData.isEmpty && evaluationData.isEmpty
      && configuration.isEmpty && limitations.isEmpty && date.isEmpty && toolVersion.isEmpty
  }

  /// Today's date as `yyyy-MM-dd` in UTC, for `date`.
  public static func today(_ now: Date = Date()) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: now)
  }
}

/// A short description of the data behind the report.
public struct DataSummary: Sendable, Equatable, Codable {
  /// Number of data rows used.
  public var rows: Int
  /// Number of input columns.
  public var columns: Int
  /// Further facts ("Target" → "churned", "Positive rate" → "26.5%").
  public var facts: [KeyValue]
  /// Per-column summaries.
  public var fields: [FieldSummary]

  /// Creates a data summary.
  public init(rows: Int = 0, columns: Int = 0, facts: [KeyValue] = [], fields: [FieldSummary] = [])
  {
    self.rows = rows
    self.columns = columns
    self.facts = facts
    self.fields = fields
  }
}

/// One input column in the data summary.
public struct FieldSummary: Sendable, Equatable, Codable {
  /// Column name as in the CSV header.
  public var name: String
  /// Inferred kind ("numeric", "categorical", "text", "identifier", …).
  public var kind: String
  /// Role in the model ("feature", "target", "id", "dropped").
  public var role: String
  /// Number of missing cells.
  public var missing: Int
  /// Number of distinct values, when counted.
  public var distinct: Int?

  /// Creates a field summary.
  public init(
    name: String, kind: String, role: String = "feature", missing: Int = 0, distinct: Int? = nil
  ) {
    self.name = name
    self.kind = kind
    self.role = role
    self.missing = missing
    self.distinct = distinct
  }
}

/// An input file recorded for provenance: name, size and SHA-256 digest.
public struct InputFile: Sendable, Equatable, Codable {
  /// File name as given on the command line (or its last path component).
  public var name: String
  /// Size in bytes.
  public var bytes: Int64
  /// Lower-case hexadecimal SHA-256 of the content.
  public var sha256: String
  /// What the file was used for ("training data", "model"), if stated.
  public var role: String?

  /// Creates a provenance entry from known values.
  public init(name: String, bytes: Int64, sha256: String, role: String? = nil) {
    self.name = name
    self.bytes = bytes
    self.sha256 = sha256
    self.role = role
  }

  /// Reads a file once, streaming, to record its size and SHA-256.
  /// - Parameters:
  ///   - url: The file.
  ///   - name: Name to show; defaults to the file's last path component.
  ///   - role: What the file was used for.
  /// - Throws: `ReportingError.unreadableFile` when the file cannot be opened or read.
  /// - Complexity: O(file size), constant memory (64 KiB chunks).
  public static func describing(fileAt url: URL, name: String? = nil, role: String? = nil) throws
    -> InputFile
  {
    let (digest, bytes) = try StreamingSHA256.hexDigest(fileAt: url)
    return InputFile(
      name: name ?? url.lastPathComponent, bytes: bytes, sha256: digest, role: role)
  }
}
