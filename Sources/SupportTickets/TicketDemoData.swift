import Foundation
import NeuralCore

/// A seeded generator of support tickets (English with about 20% Chinese) labelled with one of
/// eight intents, for demos and tests. Texts are built from templates with typos, greetings,
/// order numbers, amounts and e-mail addresses so that the tokenizer's rules matter.
public enum TicketDemoData {
  /// The intents and, for each, English and Chinese templates (`{n}` = number, `{m}` = amount).
  static let intents: [(String, [String], [String])] = [
    ("card_arrival", ["my card still hasn't arrived", "when will my new card arrive",
      "ordered a card {n} days ago and nothing yet", "where is my card, it's been a week",
      "has my replacement card been posted"], ["我的卡还没收到", "新卡什么时候到", "卡寄出了吗，已经等了{n}天"]),
    ("refund_request", ["i want a refund for order #{n}", "please refund the {m} you charged me",
      "how do i get my money back", "item arrived broken, requesting a refund",
      "refund still not received after {n} days"], ["我要退款，订单{n}", "请退还{m}", "商品坏了，申请退款"]),
    ("password_reset", ["i forgot my password", "reset link doesn't work",
      "locked out of my account after {n} attempts", "can't log in, password not accepted",
      "how do i change my password"], ["忘记密码了", "重置密码的链接打不开", "账户被锁，登录不了"]),
    ("billing_error", ["i was charged twice {m}", "wrong amount on my invoice, should be {m}",
      "unexpected fee of {m} on my bill", "my subscription was billed after i cancelled",
      "double charge on my card"], ["被重复扣款{m}", "账单金额不对", "取消订阅后还在扣费"]),
    ("delivery_delay", ["package {n} is late", "tracking hasn't updated in {n} days",
      "my order was supposed to arrive yesterday", "courier says delivered but nothing here",
      "delivery is delayed again"], ["快递{n}天没更新了", "订单还没送到", "显示已签收但没收到"]),
    ("cancel_subscription", ["please cancel my subscription", "how do i stop auto renewal",
      "i want to close my account", "cancel my plan effective today",
      "stop charging me, cancel everything"], ["请取消我的订阅", "怎么关闭自动续费", "我要注销账户"]),
    ("change_address", ["update my shipping address", "i moved, new address is {n} main street",
      "change delivery address for order {n}", "wrong address on my account",
      "can you ship to a different address"], ["修改收货地址", "我搬家了，地址要改", "订单{n}地址填错了"]),
    ("product_question", ["does this work with iphone {n}", "is the battery replaceable",
      "what size should i order", "is this compatible with my charger",
      "how long is the warranty"], ["这个支持苹果手机吗", "保修多久", "电池可以换吗"]),
  ]

  /// CSV text with `ticket_id,created_at,channel,text,intent`.
  public static func csv(rows: Int = 1600, seed: UInt64 = 20_240_601) -> String {
    var g = SeededGenerator(seed: seed)
    var lines = ["ticket_id,created_at,channel,text,intent"]
    let greetings = ["", "hi, ", "hello team, ", "urgent: ", "", "hey "]
    let endings = ["", " thanks", " please help", "!!", " asap", " :(", " 🙏", ""]
    let channels = ["email", "chat", "web form", "app"]
    for i in 0..<rows {
      let intent = intents[Int(g.next() % UInt64(intents.count))]
      let chinese = g.next() % 5 == 0
      // About 7% of tickets read like another intent (ambiguous or mis-filed), as in real queues.
      let source = g.next() % 14 == 0 ? intents[Int(g.next() % UInt64(intents.count))] : intent
      let pool = chinese ? source.2 : source.1
      var text = pool[Int(g.next() % UInt64(pool.count))]
      text = text.replacingOccurrences(of: "{n}", with: String(2 + g.next() % 98))
      text = text.replacingOccurrences(of: "{m}", with: chinese ? "\(10 + g.next() % 490)元"
        : "$\(10 + g.next() % 490).\(g.next() % 90 + 10)")
      if !chinese {
        text = greetings[Int(g.next() % UInt64(greetings.count))] + text
          + endings[Int(g.next() % UInt64(endings.count))]
        if g.next() % 10 == 0 { text += " my email is user\(g.next() % 900)@example.com" }
        if g.next() % 7 == 0, let r = text.range(of: "ou") { text.replaceSubrange(r, with: "uo") }
        if g.next() % 6 == 0 { text = text.prefix(1).uppercased() + text.dropFirst() }
      }
      let day = 1 + Int(g.next() % 28)
      let hour = Int(g.next() % 24)
      let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      lines.append(String(format: "T%05d,2024-03-%02d %02d:00,", i + 1, day, hour)
        + "\(channels[Int(g.next() % 4)]),\(quoted),\(intent.0)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
