import ArgumentParser
import NeuralCore

#if canImport(Glibc)
  import Glibc
#endif

/// `traction`: business analytics from CSV files on one neural core.
@main
struct Traction: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "traction",
    abstract: "Churn, fraud and credit-risk scoring, ticket routing, sentiment and recommendations from CSV files.",
    version: TractionVersion.string,
    subcommands: [
      Demo.self, Recommend.self, RiskCommand<ChurnMarker>.self, RiskCommand<FraudMarker>.self,
      RiskCommand<CreditMarker>.self, Tickets.self, SentimentCommand.self,
    ]
  )

  /// Entry point: ignores SIGXFSZ first, so that exceeding a file-size limit (`ulimit -f`) makes
  /// the write fail with "File too large" (reported, temporary file removed) instead of killing
  /// the process silently with a half-written temporary file left behind.
  static func main() {
    #if canImport(Glibc)
      signal(SIGXFSZ, SIG_IGN)
    #endif
    main(nil)
  }
}
