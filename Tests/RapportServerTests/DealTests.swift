import Foundation
import RapportKit
import RapportStore
import Testing

/// Deals through the engine: the stage must belong to the pipeline, the status follows
/// the stage, and every stage change is kept.
@Suite struct DealTests {
    static func stages(_ api: API) async throws -> (pipeline: String, stages: [String: String]) {
        let store = RecordStore(db: api.db)
        let pipeline = try await store.ensureDefaultPipeline()
        #expect(try await store.ensureDefaultPipeline() == pipeline)
        let stages = try await store.stages(pipelineID: pipeline)
        #expect(stages.map(\.name) == ["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"])
        #expect(stages.map(\.probability) == [10, 25, 50, 75, 100, 0])
        return (pipeline, Dictionary(uniqueKeysWithValues: stages.map { ($0.name, $0.id) }))
    }

    @Test(arguments: Backend.available)
    func stageChangesAreKeptAndStatusFollows(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await Self.stages(api)
            let org = try await api.create("organizations", #"{"name":"Sakura Trading"}"#)
            let deal = try await api.create("deals", """
                {"title":"Sakura renewal","organization_id":"\(org.string("id") ?? "")","pipeline_id":"\(pipeline)","stage_id":"\(stage["Proposal"]!)","amount":{"amount":"1200000","currency":"JPY"},"close_date":"2026-12-20"}
                """)
            let id = deal.string("id") ?? ""
            #expect(deal.string("status") == "open")
            var moved = try await api.call(.patch, "/api/v1/deals/\(id)", json: #"{"stage_id":"\#(stage["Negotiation"]!)"}"#)
            #expect(moved.status == .ok)
            moved = try await api.call(.patch, "/api/v1/deals/\(id)", json: #"{"stage_id":"\#(stage["Won"]!)"}"#)
            #expect(try moved.object().string("status") == "won")
            let history = try await RecordStore(db: api.db).stageHistory(dealID: id, actor: .system)
            #expect(history.map(\.to) == [stage["Proposal"]!, stage["Negotiation"]!, stage["Won"]!])
            #expect(history.map(\.from) == [nil, stage["Proposal"]!, stage["Negotiation"]!])
            #expect(history.last?.flag == "won_without_accepted_quote")
            #expect(history.first?.flag == nil)
            // Clients cannot set the status, and a stage from another pipeline is refused.
            #expect(try await api.call(.patch, "/api/v1/deals/\(id)", json: #"{"status":"lost"}"#).status == .unprocessableContent)
            let other = try await api.create("pipelines", #"{"name":"Partners"}"#)
            // A new pipeline comes with the usual stages, ready for deals.
            let partnerStages = try await RecordStore(db: api.db).stages(pipelineID: other.string("id") ?? "")
            #expect(partnerStages.map(\.name) == ["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"])
            let foreign = try await api.create("pipeline_stages", #"{"name":"Intro","pipeline_id":"\#(other.string("id") ?? "")","position":0,"probability":10,"outcome":"open"}"#)
            let wrong = try await api.call(.patch, "/api/v1/deals/\(id)", json: #"{"stage_id":"\#(foreign.string("id") ?? "")"}"#)
            #expect(wrong.status == .unprocessableContent)
            #expect(try wrong.errorFields() == ["stage_id"])
            #expect(try await RecordStore(db: api.db).stageHistory(dealID: id, actor: .system).count == 3)
        }
    }

    @Test(arguments: Backend.available)
    func salesRepsReadButDoNotChangePipelines(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await Self.stages(api)
            let rep = try await api.user("deal.rep@example.com", role: "sales")
            #expect(try await api.call(.get, "/api/v1/pipeline_stages?filter[pipeline_id]=\(pipeline)", token: rep.token).status == .ok)
            #expect(try await api.call(.post, "/api/v1/pipelines", json: #"{"name":"Mine"}"#, token: rep.token).status == .forbidden)
            let created = try await api.call(.post, "/api/v1/deals", json: #"{"title":"Rep deal","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)"}"#, token: rep.token)
            #expect(created.status == .created)
            let totals = try await RecordStore(db: api.db).stageTotals(Deals.type, query: ListQuery(), actor: .system)
            #expect(totals[stage["Lead"]!]?.count == 1)
        }
    }
}

@Suite struct BoardPageTests {
    /// The board shows each stage's count and total in the reader's language, and moving
    /// a card with its form (what dragging submits) changes the stage and keeps history.
    @Test(arguments: Backend.available)
    func boardShowsStagesAndMovesCards(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let a = try await api.create("deals", #"{"title":"Hanbit expansion","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)","amount":{"amount":"33333000","currency":"KRW"}}"#)
            _ = try await api.create("deals", #"{"title":"Seoul pilot","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)","amount":{"amount":"1000000","currency":"KRW"},"close_date":"2026-11-30"}"#)
            var browser = try await WorkspacePageTests.signedIn(api)
            // A thirty-day month filters to its last day (it used to ask for the 31st and fall
            // back to the unfiltered board).
            let november = try await browser.request(.get, "/deals/board?month=2026-11")
            #expect(november.status == .ok && november.body.contains("Seoul pilot") && !november.body.contains("Hanbit expansion"))
            let february = try await browser.request(.get, "/deals/board?month=2026-02")
            #expect(february.status == .ok && !february.body.contains("Seoul pilot") && !february.body.contains("Hanbit expansion"))
            let home = try await browser.request(.get, "/")
            let csrf = PageClient.csrf(home.body) ?? ""
            _ = try await browser.request(.post, "/settings/language", form: [("_csrf", csrf), ("language", "ko")])
            let board = try await browser.request(.get, "/deals/board")
            #expect(board.status == .ok)
            #expect(board.body.contains("제안") && board.body.contains("₩34,333,000") && board.body.contains("Hanbit expansion"))
            #expect(board.body.contains(#"data-drop-stage="\#(stage["Negotiation"]!)""#))
            let moved = try await browser.request(.post, "/deals/\(a.string("id") ?? "")/move", form: [("_csrf", csrf), ("stage_id", stage["Negotiation"]!), ("back", "/deals/board")])
            #expect(moved.status == .seeOther && moved.headers[.location] == "/deals/board")
            let history = try await RecordStore(db: api.db).stageHistory(dealID: a.string("id") ?? "", actor: .system)
            #expect(history.map(\.to) == [stage["Proposal"]!, stage["Negotiation"]!])
            let dealPage = try await browser.request(.get, "/deals/\(a.string("id") ?? "")")
            #expect(dealPage.body.contains("단계 이력") && dealPage.body.contains("제안 → <strong>협상</strong>"))
            // The stage among the deal's details reads in Korean too, as on the board.
            #expect(dealPage.body.contains(">협상</a>") && !dealPage.body.contains(">Negotiation</a>"))
            let api2 = try await api.call(.get, "/api/v1/deals/\(a.string("id") ?? "")/stages").object()["data"]?.arrayValue ?? []
            #expect(api2.count == 2)
            let after = try await browser.request(.get, "/deals/board")
            #expect(after.body.contains("₩1,000,000") && after.body.contains("₩33,333,000"))
            // Without its token the move is refused.
            #expect(try await browser.request(.post, "/deals/\(a.string("id") ?? "")/move", form: [("stage_id", stage["Won"]!)]).status == .forbidden)
        }
    }
}

@Suite struct ReportTests {
    /// The forecast is the sum of amount × stage probability per month; the funnel and
    /// win rate follow the stage history.
    @Test(arguments: Backend.available)
    func forecastFunnelAndSummary(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            func deal(_ title: String, _ stageName: String, _ amount: String, _ currency: String, _ close: String) async throws -> String {
                try await api.create("deals", #"{"title":"\#(title)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage[stageName]!)","amount":{"amount":"\#(amount)","currency":"\#(currency)"},"close_date":"\#(close)"}"#).string("id") ?? ""
            }
            _ = try await deal("A", "Lead", "1000.00", "USD", "2026-12-10")        // 10% → 100.00
            _ = try await deal("B", "Proposal", "333.33", "USD", "2026-12-20")     // 50% → 166.665 → 166.67
            _ = try await deal("C", "Negotiation", "3333333", "KRW", "2026-12-05") // 75% → 2,499,999.75 → 2,500,000
            let won = try await deal("D", "Proposal", "500.00", "USD", "2026-11-30")
            let lost = try await deal("E", "Proposal", "200.00", "USD", "2026-11-30")
            _ = try await api.call(.patch, "/api/v1/deals/\(won)", json: #"{"stage_id":"\#(stage["Negotiation"]!)"}"#)
            _ = try await api.call(.patch, "/api/v1/deals/\(won)", json: #"{"stage_id":"\#(stage["Won"]!)"}"#)
            _ = try await api.call(.patch, "/api/v1/deals/\(lost)", json: #"{"stage_id":"\#(stage["Lost"]!)","lost_reason":"Price"}"#)

            let forecast = try await api.call(.get, "/api/v1/reports/forecast").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            let december = forecast.filter { $0.string("month") == "2026-12" }
            let usd = december.first { $0.string("currency") == "USD" }
            #expect(usd?["weighted"]?.objectValue?.string("amount") == "266.67")
            #expect(usd?["pipeline"]?.objectValue?.string("amount") == "1333.33")
            #expect(december.first { $0.string("currency") == "KRW" }?["weighted"]?.objectValue?.string("amount") == "2500000")

            let funnel = try await api.call(.get, "/api/v1/reports/funnel").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(funnel.map { $0.string("stage") } == ["Lead", "Qualified", "Proposal", "Negotiation", "Won"])
            #expect(funnel.map { $0["reached"]?.numberLiteral } == ["5", "4", "4", "2", "1"])

            let summary = try await api.call(.get, "/api/v1/reports/summary").object()
            #expect(summary["won"]?.numberLiteral == "1" && summary["lost"]?.numberLiteral == "1" && summary["open"]?.numberLiteral == "3")
            #expect(summary["win_rate"]?.numberLiteral == "0.5000")
            #expect(summary["lost_reasons"]?.arrayValue?.first?.objectValue?.string("reason") == "Price")
            #expect(summary["average_won_deal"]?.arrayValue?.first?.objectValue?["average"]?.objectValue?.string("amount") == "500.00")
            // Won ten days after it was created: velocity in dollars counts the two open
            // dollar deals, 2 × $500.00 × 50% ÷ 10 days = $50.00 a day; nothing won in KRW,
            // so no velocity in KRW.
            try await api.db.transaction { s in
                try await s.execute("UPDATE deals SET created_at = '2026-11-20T00:00:00.000Z' WHERE id = \(won)")
                try await s.execute("UPDATE deal_stage_history SET at = '2026-11-30T00:00:00.000Z' WHERE deal_id = \(won)")
            }
            let timed = try await api.call(.get, "/api/v1/reports/summary").object()
            #expect(timed["median_cycle_days"]?.numberLiteral == "10.0")
            let velocity = timed["velocity_per_day"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(velocity.count == 1 && velocity.first?.string("currency") == "USD" && velocity.first?["amount"]?.objectValue?.string("amount") == "50.00")
            #expect(try await api.call(.get, "/api/v1/reports/forecast?pipeline=nope").status == .notFound)
            var browser = try await WorkspacePageTests.signedIn(api)
            let page = try await browser.request(.get, "/reports")
            #expect(page.status == .ok && page.body.contains("<svg") && page.body.contains("US$266.67") == false && page.body.contains("$266.67"))
            #expect(page.body.contains("50% (1 / 1)"))
            #expect(try await api.call(.get, "/api/v1/reports/forecast?color=red").status == .badRequest)
        }
    }
}

@Suite struct ProductTests {
    /// Products have unique SKUs and prices per currency in their currency's minor units;
    /// sales reps read the price lists but do not change them.
    @Test(arguments: Backend.available)
    func productsAndPriceLists(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let product = try await api.create("products", #"{"name":"Rapport Cloud seat","sku":"RC-SEAT","billing_period":"monthly","active":true}"#)
            let id = product.string("id") ?? ""
            #expect(try await api.call(.post, "/api/v1/products", json: #"{"name":"Copy","sku":"rc-seat","billing_period":"one_time"}"#).status == .conflict)
            let won = try await api.create("product_prices", #"{"product_id":"\#(id)","unit_price":{"amount":"33333","currency":"KRW"}}"#)
            #expect(won["unit_price"]?.objectValue?.string("amount") == "33333")
            let cents = try await api.call(.post, "/api/v1/product_prices", json: #"{"product_id":"\#(id)","unit_price":{"amount":"19.999","currency":"USD"}}"#)
            #expect(cents.status == .unprocessableContent)
            let rep = try await api.user("price.reader@example.com", role: "sales")
            #expect(try await api.call(.get, "/api/v1/product_prices?filter[product_id]=\(id)", token: rep.token).status == .ok)
            #expect(try await api.call(.patch, "/api/v1/products/\(id)", json: #"{"active":false}"#, token: rep.token).status == .forbidden)
        }
    }
}

@Suite struct QuoteTests {
    /// Quote totals follow the documented rounding rule through the API, lines must match
    /// the quote's currency, and accepting a quote wins its deal without a flag.
    @Test(arguments: Backend.available)
    func quotesTotalAndWinDeals(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Hanbit order","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#)
            let dealID = deal.string("id") ?? ""
            let quote = try await api.create("quotes", #"{"deal_id":"\#(dealID)","currency":"KRW","status":"draft","valid_until":"2026-12-31"}"#)
            let qid = quote.string("id") ?? ""
            #expect(quote.string("number")?.hasPrefix("Q-") == true)
            // Accepting needs a line.
            #expect(try await api.call(.patch, "/api/v1/quotes/\(qid)", json: #"{"status":"accepted"}"#).status == .unprocessableContent)
            let line = try await api.create("quote_lines", #"{"quote_id":"\#(qid)","description":"Seats","quantity":3,"unit_price":{"amount":"33333","currency":"KRW"},"discount_percent":10,"tax_percent":10}"#)
            #expect(line["line_total"]?.objectValue?.string("amount") == "98999")
            var totals = try await api.call(.get, "/api/v1/quotes/\(qid)").object()
            #expect(totals["subtotal"]?.objectValue?.string("amount") == "99999")
            #expect(totals["discount"]?.objectValue?.string("amount") == "10000")
            #expect(totals["tax"]?.objectValue?.string("amount") == "9000")
            #expect(totals["total"]?.objectValue?.string("amount") == "98999")
            // Lines are priced in the quote's currency; totals are not writable.
            let wrong = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(qid)","quantity":1,"unit_price":{"amount":"1.00","currency":"USD"}}"#)
            #expect(wrong.status == .unprocessableContent)
            #expect(try wrong.errorFields() == ["unit_price"])
            #expect(try await api.call(.patch, "/api/v1/quotes/\(qid)", json: #"{"total":{"amount":"1","currency":"KRW"}}"#).status == .unprocessableContent)
            // A second line, then removing it, moves the totals both ways.
            let extra = try await api.create("quote_lines", #"{"quote_id":"\#(qid)","quantity":1,"unit_price":{"amount":"1000","currency":"KRW"}}"#)
            totals = try await api.call(.get, "/api/v1/quotes/\(qid)").object()
            #expect(totals["total"]?.objectValue?.string("amount") == "99999")
            #expect(try await api.call(.delete, "/api/v1/quote_lines/\(extra.string("id") ?? "")").status == .noContent)
            totals = try await api.call(.get, "/api/v1/quotes/\(qid)").object()
            #expect(totals["total"]?.objectValue?.string("amount") == "98999")
            // Accepting wins the deal; the move is recorded without a flag.
            #expect(try await api.call(.patch, "/api/v1/quotes/\(qid)", json: #"{"status":"accepted"}"#).status == .ok)
            let won = try await api.call(.get, "/api/v1/deals/\(dealID)").object()
            #expect(won.string("status") == "won" && won.string("stage_id") == stage["Won"])
            let history = try await RecordStore(db: api.db).stageHistory(dealID: dealID, actor: .system)
            #expect(history.last?.to == stage["Won"] && history.last?.flag == nil)

            // The dollar case: $19.99 × 3 at 8.875% tax is $65.29.
            let usd = try await api.create("quotes", #"{"deal_id":"\#(dealID)","currency":"USD","status":"draft"}"#)
            _ = try await api.create("quote_lines", #"{"quote_id":"\#(usd.string("id") ?? "")","quantity":3,"unit_price":{"amount":"19.99","currency":"USD"},"tax_percent":8.875}"#)
            let usdTotals = try await api.call(.get, "/api/v1/quotes/\(usd.string("id") ?? "")").object()
            #expect(usdTotals["tax"]?.objectValue?.string("amount") == "5.32" && usdTotals["total"]?.objectValue?.string("amount") == "65.29")
            #expect(usdTotals.string("number") != quote.string("number"))
            // The printable quote speaks the customer's language.
            _ = try await api.call(.patch, "/api/v1/quotes/\(qid)", json: #"{"language":"ja"}"#)
            var browser = try await WorkspacePageTests.signedIn(api)
            let printed = try await browser.request(.get, "/quotes/\(qid)/print")
            #expect(printed.status == .ok && printed.body.contains(#"<html lang="ja">"#) && printed.body.contains("₩98,999") && printed.body.contains("小計"))
            #expect(try await browser.request(.get, "/quotes/\(qid)").body.contains("/quotes/\(qid)/print"))
            #expect(try await browser.request(.get, "/deals/\(dealID)/print").status == .notFound)
        }
    }
}

@Suite struct AcceptQuoteTests {
    /// Accepting a quote places an order with its lines and opens a contract for the
    /// recurring products; both show on the customer's page.
    @Test(arguments: Backend.available)
    func acceptingPlacesOrderAndContract(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let org = try await api.create("organizations", #"{"name":"Mirae Bio"}"#)
            let orgID = org.string("id") ?? ""
            let deal = try await api.create("deals", #"{"title":"Mirae seats","organization_id":"\#(orgID)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Negotiation"]!)"}"#)
            let seat = try await api.create("products", #"{"name":"Seat","sku":"SEAT-1","billing_period":"yearly"}"#)
            let setup = try await api.create("products", #"{"name":"Onboarding","sku":"ONB-1","billing_period":"one_time"}"#)
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal.string("id") ?? "")","currency":"KRW","status":"sent"}"#)
            let qid = quote.string("id") ?? ""
            _ = try await api.create("quote_lines", #"{"quote_id":"\#(qid)","product_id":"\#(seat.string("id") ?? "")","description":"Seats","quantity":10,"unit_price":{"amount":"120000","currency":"KRW"}}"#)
            let onboarding = try await api.create("quote_lines", #"{"quote_id":"\#(qid)","product_id":"\#(setup.string("id") ?? "")","description":"Onboarding","quantity":1,"unit_price":{"amount":"500000","currency":"KRW"}}"#)
            #expect(try await api.call(.patch, "/api/v1/quotes/\(qid)", json: #"{"status":"accepted"}"#).status == .ok)
            // The accepted quote's lines are final: adding, changing or removing one is a 422
            // that changes nothing.
            let lineID = onboarding.string("id") ?? ""
            let added = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(qid)","quantity":1,"unit_price":{"amount":"1","currency":"KRW"}}"#)
            #expect(added.status == .unprocessableContent)
            #expect(try added.errorFields() == ["quote_id"])
            #expect(try await api.call(.patch, "/api/v1/quote_lines/\(lineID)", json: #"{"quantity":2}"#).status == .unprocessableContent)
            #expect(try await api.call(.delete, "/api/v1/quote_lines/\(lineID)").status == .unprocessableContent)
            let kept = try await api.call(.get, "/api/v1/quotes/\(qid)").object()
            #expect(kept["total"]?.objectValue?.string("amount") == "1700000")
            #expect(try await api.call(.get, "/api/v1/quote_lines/\(lineID)").object()["quantity"]?.numberLiteral == "1")
            let orders = try await api.call(.get, "/api/v1/orders?filter[organization_id]=\(orgID)").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(orders.count == 1)
            #expect(orders.first?["total"]?.objectValue?.string("amount") == "1700000")
            let orderID = orders.first?.string("id") ?? ""
            let lines = try await api.call(.get, "/api/v1/order_lines?filter[order_id]=\(orderID)").object()["data"]?.arrayValue ?? []
            #expect(lines.count == 2)
            let contracts = try await api.call(.get, "/api/v1/contracts?filter[organization_id]=\(orgID)").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(contracts.count == 1)
            #expect(contracts.first?["value"]?.objectValue?.string("amount") == "1200000")
            #expect(contracts.first?.string("billing_period") == "yearly" && contracts.first?.string("status") == "active")
            // The deal is won at what was sold.
            let won = try await api.call(.get, "/api/v1/deals/\(deal.string("id") ?? "")").object()
            #expect(won.string("status") == "won" && won["amount"]?.objectValue?.string("amount") == "1700000" && won["amount"]?.objectValue?.string("currency") == "KRW")
            var browser = try await WorkspacePageTests.signedIn(api)
            let page = try await browser.request(.get, "/organizations/\(orgID)")
            #expect(page.body.contains("O-") && page.body.contains("Mirae seats"))
        }
    }
}

@Suite struct QuoteVisibilityTests {
    /// Quote lines are owned, so another rep can read neither the quote nor its prices.
    @Test(arguments: Backend.available)
    func linesFollowTheirOwnersVisibility(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let a = try await api.user("quote.a@example.com", role: "sales")
            let b = try await api.user("quote.b@example.com", role: "sales")
            let deal = try await api.call(.post, "/api/v1/deals", json: #"{"title":"A's deal","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)"}"#, token: a.token)
            let quote = try await api.call(.post, "/api/v1/quotes", json: #"{"deal_id":"\#(try deal.object().string("id") ?? "")","currency":"USD","status":"draft"}"#, token: a.token)
            let qid = try quote.object().string("id") ?? ""
            let line = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(qid)","description":"Secret price","quantity":1,"unit_price":{"amount":"999.00","currency":"USD"}}"#, token: a.token)
            #expect(line.status == .created)
            #expect(try await api.call(.get, "/api/v1/quotes/\(qid)", token: b.token).status == .notFound)
            #expect(!(try await api.call(.get, "/api/v1/quote_lines", token: b.token).body.contains("Secret price")))
            #expect(try await api.call(.get, "/api/v1/quote_lines", token: a.token).body.contains("Secret price"))
        }
    }
}

@Suite struct ContractReminderTests {
    /// An active contract keeps one open task for its owner, due before the notice
    /// deadline; it moves with the dates and is closed when the contract ends.
    @Test(arguments: Backend.available)
    func renewalRemindersFollowTheContract(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let owner = try await api.user("renewals@example.com", role: "manager")
            _ = try await api.call(.patch, "/api/v1/users/\(owner.id)", json: #"{"language":"ko"}"#)
            let contract = try await api.call(.post, "/api/v1/contracts", json: #"{"title":"Cloud seats","direction":"sell","start_date":"2026-07-01","renewal_date":"2027-06-30","notice_days":30,"status":"active"}"#, token: owner.token)
            #expect(contract.status == .created, "\(contract.body)")
            let id = try contract.object().string("id") ?? ""
            func tasks() async throws -> [JSONObject] {
                try await api.call(.get, "/api/v1/activities?filter[kind]=task&filter[links]=\(id)").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            }
            var open = try await tasks()
            #expect(open.count == 1)
            // 2027-06-30 less 30 days' notice less 14 days' reminder.
            #expect(open.first?.string("due_at")?.hasPrefix("2027-05-17") == true)
            #expect(open.first?.string("subject") == "갱신 여부 결정: Cloud seats")
            #expect(open.first?.string("owner_id") == owner.id)
            _ = try await api.call(.patch, "/api/v1/contracts/\(id)", json: #"{"renewal_date":"2027-12-31","reminder_days":7}"#, token: owner.token)
            open = try await tasks()
            #expect(open.count == 1 && open.first?.string("due_at")?.hasPrefix("2027-11-24") == true)
            _ = try await api.call(.patch, "/api/v1/contracts/\(id)", json: #"{"status":"ended"}"#, token: owner.token)
            #expect(try await tasks().first?.string("completed_at") != nil)
            // Deleting an active contract closes its reminder too.
            let other = try await api.call(.post, "/api/v1/contracts", json: #"{"title":"Storage","direction":"buy","start_date":"2026-07-01","renewal_date":"2027-06-30","status":"active"}"#, token: owner.token).object().string("id") ?? ""
            let reminder = try await api.call(.get, "/api/v1/activities?filter[kind]=task&filter[links]=\(other)").object()["data"]?.arrayValue?.first?.objectValue
            #expect(reminder?.string("completed_at") == nil)
            #expect(try await api.call(.delete, "/api/v1/contracts/\(other)", token: owner.token).status == .noContent)
            let closed = try await api.call(.get, "/api/v1/activities/\(reminder?.string("id") ?? "")").object()
            #expect(closed.string("completed_at") != nil)
        }
    }
}
