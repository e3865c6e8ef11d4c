import Foundation
import RapportKit

extension RecordStore {
    /// Two deals per company spread over the default pipeline's stages, priced in the
    /// company's currency, each with the company's first person as decision maker or
    /// champion; an order for every won deal; every tenth company also a supplier we buy
    /// from; and, when the deals have an owner, a monthly quota per currency for this
    /// year. The board, reports and purchase histories then have something to show.
    func seedDemoSales(organizations: [String], countries: [String?], contacts: [String: String], seed: UInt64, actor: Actor) async throws -> Int {
        let pipeline = try await ensureDefaultPipeline(actor: actor)
        try await ensureDefaultLostReasons(actor: actor)
        let stages = try await self.stages(pipelineID: pipeline)
        guard !stages.isEmpty else { return 0 }
        let dealType = try await type(named: Deals.type.name), contactType = try await type(named: DealContacts.type.name)
        let orderType = try await type(named: Orders.type.name), quotaType = try await type(named: Quotas.type.name)
        let products = ["Annual licence", "Support renewal", "Onboarding package", "Expansion seats", "Pilot project"]
        var state = seed | 1
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        func money(_ amount: Int, _ currency: String) -> JSONValue {
            .object(JSONObject([("amount", .string(String(amount))), ("currency", .string(currency))]))
        }
        let year = Int(Timestamp.format(Date()).prefix(4)) ?? 2026
        var bodies: [JSONObject] = []
        var orders: [JSONObject] = []
        var orderPrices: [JSONValue] = []
        var currencies = Set<String>()
        for (i, org) in organizations.enumerated() {
            let (currency, unit): (String, Int) = switch countries[i] {
            case "KR": ("KRW", 1_000_000)
            case "JP": ("JPY", 100_000)
            default: ("USD", 1_000)
            }
            currencies.insert(currency)
            for k in 0..<2 {
                let stage = stages[next(stages.count)]
                var month = 12 + next(6) - 3
                let dealYear = year + (month > 12 ? 1 : 0)
                if month > 12 { month -= 12 }
                let amount = (5 + next(95)) * unit
                let close = String(format: "%04d-%02d-%02d", dealYear, month, 1 + next(28))
                bodies.append(JSONObject([
                    ("title", .string("\(products[(i + k) % products.count]) \(i + 1)")), ("organization_id", .string(org)),
                    ("pipeline_id", .string(pipeline)), ("stage_id", .string(stage.id)), ("amount", money(amount, currency)),
                    ("close_date", .string(close)), ("next_step", .string(stage.outcome == "open" ? "Follow up" : "")),
                ]))
                // Lost deals say why, so the lost-reasons report has something to show.
                if stage.outcome == "lost" { bodies[bodies.count - 1]["lost_reason"] = .string(LostReasons.defaults[(i + k) % 5].name) }
                if stage.outcome == "won" {
                    orders.append(JSONObject([
                        ("organization_id", .string(org)), ("direction", .string("sell")), ("ordered_on", .string(close)),
                        ("status", .string("fulfilled")), ("currency", .string(currency)),
                    ]))
                    orderPrices.append(money(amount, currency))
                }
            }
            if i % 10 == 9 {
                orders.append(JSONObject([
                    ("organization_id", .string(org)), ("direction", .string("buy")), ("ordered_on", .string(String(format: "%04d-%02d-15", year, 1 + next(11)))),
                    ("status", .string("fulfilled")), ("currency", .string(currency)),
                ]))
                orderPrices.append(money((1 + next(20)) * unit, currency))
            }
        }
        let dealIDs = try await bulkCreate(dealType, bodies: bodies, actor: actor)
        var people: [JSONObject] = []
        for (deal, body) in zip(dealIDs, bodies) {
            guard let org = body["organization_id"]?.stringValue, let person = contacts[org] else { continue }
            people.append(JSONObject([("deal_id", .string(deal)), ("person_id", .string(person)), ("role", .string(people.count % 2 == 0 ? "decision_maker" : "champion"))]))
        }
        _ = try await bulkCreate(contactType, bodies: people, actor: actor)
        // Each order has one line; its totals are that line's, as the order rules would set.
        let orderIDs = try await bulkCreate(orderType, bodies: orders, actor: actor)
        let lineBodies = zip(orderIDs, orderPrices).map { order, price in
            JSONObject([("order_id", .string(order)), ("description", .string("Demo order")), ("quantity", .number("1")), ("unit_price", price)])
        }
        _ = try await bulkCreate(try await type(named: OrderLines.type.name), bodies: lineBodies, actor: actor)
        try await db.transaction { s in
            try await s.execute("""
                UPDATE orders SET total_amount = (SELECT SUM(l.line_total_amount) FROM order_lines l WHERE l.order_id = orders.id AND l.deleted_at IS NULL),
                total_currency = currency WHERE total_amount IS NULL AND deleted_at IS NULL
                """)
            try await s.execute("UPDATE orders SET subtotal_amount = total_amount, subtotal_currency = currency, discount_amount = 0, discount_currency = currency, tax_amount = 0, tax_currency = currency WHERE subtotal_amount IS NULL AND total_amount IS NOT NULL")
        }
        if let owner = actor.userID {
            let monthly = ["KRW": 150_000_000, "JPY": 15_000_000, "USD": 150_000]
            let quotas = currencies.sorted().flatMap { currency in
                (1...12).map { m in
                    JSONObject([("month", .string(String(format: "%04d-%02d", year, m))), ("user_id", .string(owner)), ("amount", money(monthly[currency] ?? 0, currency))])
                }
            }
            _ = try await bulkCreate(quotaType, bodies: quotas, actor: actor)
        }
        return dealIDs.count
    }
}
