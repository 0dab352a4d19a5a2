/// The Traction release this build belongs to; written into model files and reports.
public enum TractionVersion {
  /// Semantic version of the tool and library.
  public static let string = "0.1.0"
}
