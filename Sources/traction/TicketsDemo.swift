import Foundation
import Sentiment
import SupportTickets

/// The text part of `traction demo`: writes the seeded ticket and review tables into the
/// datasets folder, then trains a ticket router and a sentiment model with reports.
enum TextDemo {
  static func run(datasets: String, out: String) throws {
    let tickets = URL(fileURLWithPath: datasets).appendingPathComponent("tickets/tickets.csv")
    let reviews = URL(fileURLWithPath: datasets).appendingPathComponent("reviews/reviews.csv")
    for (url, text) in [(tickets, TicketDemoData.csv()), (reviews, ReviewDemoData.csv())] {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      if (try? String(contentsOf: url, encoding: .utf8)) != text {
        try Data(text.utf8).write(to: url, options: .atomic)
      }
    }
    let models = URL(fileURLWithPath: out).appendingPathComponent("models")
    try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
    let t = try TicketRouting.train(.init(
      dataPath: tickets.path, textColumn: "text", labelColumn: "intent", idColumn: "ticket_id",
      modelPath: models.appendingPathComponent("tickets.traction").path,
      reportDirectory: out + "/tickets"))
    print("demo: " + t.message)
    let s = try SentimentAnalysis.train(.init(
      dataPath: reviews.path, textColumn: "text", labelColumn: "sentiment", idColumn: "review_id",
      groupColumn: "product", timeColumn: "date",
      modelPath: models.appendingPathComponent("sentiment.traction").path,
      reportDirectory: out + "/sentiment"))
    print("demo: " + s.message)
  }
}
