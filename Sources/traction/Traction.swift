import ArgumentParser
import NeuralCore

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
}
