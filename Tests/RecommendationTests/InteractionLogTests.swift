import Foundation
import Testing

@testable import Recommendation

private let columns = InteractionColumns(user: "user", item: "item", weight: "qty", time: "ts")

@Test func duplicatesAreAggregated() throws {
  let csv = "user,item,qty,ts\nu1,a,2,10\nu1,a,3,30\nu1,b,1,20\nu2,a,1,5\n"
  let log = try InteractionLog.parse(csv: csv, columns: columns)
  #expect(log.count == 3)
  #expect(log.rowCount == 4)
  #expect(log.weights[0] == 5)
  #expect(log.times[0] == 30)
  #expect(log.eventCounts[0] == 2)
  #expect(log.users.ids == ["u1", "u2"])
  #expect(log.items.ids == ["a", "b"])
}

@Test func quotedIdsWithCommasQuotesAndUnicode() throws {
  let csv =
    "\u{FEFF}user;item\r\n\"Smith, J.\";\"12\"\" screen\"\r\nZoë;茶杯\r\n\"multi\nline\";x\r\n"
  let log = try InteractionLog.parse(
    csv: csv, columns: InteractionColumns(user: "user", item: "item"))
  #expect(log.users.ids == ["Smith, J.", "Zoë", "multi\nline"])
  #expect(log.items.ids == ["12\" screen", "茶杯", "x"])
  #expect(!log.hasTime)
}

@Test func returnsCancelPurchases() throws {
  let csv = "user,item,qty,ts\nu1,a,2,1\nu1,a,-2,2\nu1,b,1,3\n"
  let log = try InteractionLog.parse(csv: csv, columns: columns)
  #expect(log.count == 1)
  #expect(log.items[log.itemIndices[0]] == "b")
}

@Test func emptyWeightCountsAsOne() throws {
  let log = try InteractionLog.parse(csv: "user,item,qty,ts\nu1,a,,1\n", columns: columns)
  #expect(log.weights == [1])
}

@Test func badInputGivesClearMessages() {
  func message(_ csv: String, _ c: InteractionColumns = columns) -> String {
    do {
      _ = try InteractionLog.parse(csv: csv, columns: c, path: "log.csv")
      return "no error"
    } catch {
      return String(describing: error)
    }
  }
  #expect(message("").contains("empty"))
  #expect(message("user,item,qty,ts\n").contains("no interaction rows"))
  #expect(
    message("user,item,qty,ts\nu1,a,lots,1\n").contains("log.csv:2: column 'qty' value 'lots'"))
  #expect(message("user,item,qty,ts\nu1,a,1,yesterday\n").contains("ISO 8601"))
  #expect(message("user,item,qty,ts\n,a,1,1\n").contains("empty id"))
  #expect(
    message("user,product\nu1,a\n")
      .contains("column 'item' not found; available: user, product — check --item"))
  #expect(message("user,item,qty,ts\nu1,\"a,1,1\n").contains("log.csv:2: column 2: unterminated quoted field"))
  #expect(message("user,item,qty,ts\nu1,a,0,1\n").contains("positive weight"))
}

@Test func timesParseAsSecondsOrISO8601() {
  #expect(InteractionLog.parseTime("874965478") == 874_965_478)
  #expect(InteractionLog.parseTime("1970-01-02") == 86_400)
  #expect(InteractionLog.parseTime("2024-03-31T14:05:00Z") == 1_711_893_900)
  #expect(InteractionLog.parseTime("2024-03-31 16:05:00+02:00") == 1_711_893_900)
  #expect(InteractionLog.parseTime("2024-03-31T14:05") == 1_711_893_900)
  #expect(InteractionLog.parseTime("2024-13-01") == nil)
  #expect(InteractionLog.parseTime("soon") == nil)
}

@Test func timeSplitHoldsOutEachUsersLatestFifth() throws {
  // u1 has 5 events (1 held out), u2 has 6 (2 held out: 6 - floor(4.8)), u3 has 1 (kept).
  var rows: [Interaction] = []
  for t in [5, 1, 4, 2, 3] { rows.append(Interaction(user: "u1", item: "i\(t)", time: Double(t))) }
  for t in 1...6 { rows.append(Interaction(user: "u2", item: "i\(t)", time: Double(t))) }
  rows.append(Interaction(user: "u3", item: "i1", time: 9))
  let log = InteractionLog(rows)
  let (train, test) = TimeSplit.split(log)
  #expect(train.count == 4 + 4 + 1)
  let held = test.interactions.map { "\($0.user):\($0.item)" }.sorted()
  #expect(held == ["u1:i5", "u2:i5", "u2:i6"])
}

@Test func matrixOrdersHistoriesByTime() {
  let log = InteractionLog([
    Interaction(user: "u", item: "late", time: 9), Interaction(user: "u", item: "early", time: 1),
    Interaction(user: "v", item: "early", time: 3),
  ])
  let m = UserItemMatrix(log)
  #expect(m.history(of: 0).items.map { log.items[$0] } == ["early", "late"])
  #expect(m.itemPopularity == [1, 2])
  #expect(m.history(of: 7) == .empty)
}
