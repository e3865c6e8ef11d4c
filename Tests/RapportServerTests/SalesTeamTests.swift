import Foundation
import RapportKit
import RapportStore
import Testing

/// Quotas and the forecast measured against them, through the API.
@Suite struct QuotaTests {
    @Test(arguments: Backend.available)
    func forecastAgainstQuotaPerRepAndTeam(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let team = try await api.call(.post, "/api/v1/teams", json: #"{"name":"Seoul"}"#).object().string("id") ?? ""
            let ana = try await api.user("ana.quota@example.com", role: "sales", teams: [team])
            let bo = try await api.user("bo.quota@example.com", role: "sales", teams: [team])
            func deal(_ token: String, _ stageName: String, _ amount: String, _ close: String) async throws {
                let r = try await api.call(.post, "/api/v1/deals", json: """
                    {"title":"\(stageName) \(amount)","pipeline_id":"\(pipeline)","stage_id":"\(stage[stageName]!)","amount":{"amount":"\(amount)","currency":"KRW"},"close_date":"\(close)"}
                    """, token: token)
                #expect(r.status == .created, "\(r.body)")
            }
            try await deal(ana.token, "Proposal", "10000000", "2026-11-10")
            try await deal(ana.token, "Lead", "3333335", "2026-11-30")
            try await deal(bo.token, "Negotiation", "4000000", "2026-11-15")
            try await deal(bo.token, "Won", "6000000", "2026-11-20")
            try await deal(bo.token, "Proposal", "1000000", "2026-12-01")
            #expect(try await api.call(.post, "/api/v1/quotas", json: #"{"month":"2026-11","user_id":"\#(ana.id)","amount":{"amount":"20000000","currency":"KRW"}}"#).status == .created)
            #expect(try await api.call(.post, "/api/v1/quotas", json: #"{"month":"2026-11","team_id":"\#(team)","amount":{"amount":"30000000","currency":"KRW"}}"#).status == .created)
            // One quota per rep or team, month and currency; another currency is another quota.
            #expect(try await api.call(.post, "/api/v1/quotas", json: #"{"month":"2026-11","user_id":"\#(ana.id)","amount":{"amount":"1","currency":"KRW"}}"#).status == .conflict)
            #expect(try await api.call(.post, "/api/v1/quotas", json: #"{"month":"2026-11","user_id":"\#(ana.id)","amount":{"amount":"15000.00","currency":"USD"}}"#).status == .created)
            // Reps read quotas but do not set them; a quota is for one rep or one team.
            #expect(try await api.call(.get, "/api/v1/quotas", token: ana.token).status == .ok)
            #expect(try await api.call(.post, "/api/v1/quotas", json: #"{"month":"2026-11","user_id":"\#(ana.id)","amount":{"amount":"1","currency":"KRW"}}"#, token: ana.token).status == .forbidden)
            let both = try await api.call(.post, "/api/v1/quotas", json: #"{"month":"2026-11","user_id":"\#(ana.id)","team_id":"\#(team)","amount":{"amount":"1","currency":"KRW"}}"#)
            #expect(both.status == .unprocessableContent)
            #expect(try both.errorFields() == ["team_id"])
            #expect(try await api.call(.post, "/api/v1/quotas", json: #"{"month":"11/2026","user_id":"\#(ana.id)","amount":{"amount":"1","currency":"KRW"}}"#).status == .unprocessableContent)
            #expect(try await api.call(.post, "/api/v1/quotas", json: #"{"month":"2026-11","team_id":"\#(RecordID.make())","amount":{"amount":"1","currency":"KRW"}}"#).status == .unprocessableContent)

            func rows(_ query: String, token: String? = nil) async throws -> [JSONObject] {
                let reply = try await api.call(.get, "/api/v1/reports/quota?" + query, token: token)
                #expect(reply.status == .ok, "\(reply.body)")
                return try reply.object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            }
            let byOwner = try await rows("from=2026-11&to=2026-11")
            let anaRow = byOwner.first { $0.string("user_id") == ana.id }
            // 10,000,000 × 50% + 3,333,335 × 10% (333,333.5 → 333,334) = 5,333,334.
            #expect(anaRow?["weighted"]?.objectValue?.string("amount") == "5333334")
            #expect(anaRow?["won"]?.objectValue?.string("amount") == "0")
            #expect(anaRow?["quota"]?.objectValue?.string("amount") == "20000000")
            #expect(anaRow?["attainment"]?.numberLiteral == "0.0000")
            let boRow = byOwner.first { $0.string("user_id") == bo.id }
            #expect(boRow?["weighted"]?.objectValue?.string("amount") == "3000000" && boRow?["won"]?.objectValue?.string("amount") == "6000000")
            #expect(boRow?["quota"]?.isNull == true && boRow?["attainment"]?.isNull == true)
            let byTeam = try await rows("from=2026-11&to=2026-12&by=team")
            let november = byTeam.first { $0.string("team_id") == team && $0.string("month") == "2026-11" }
            #expect(november?["weighted"]?.objectValue?.string("amount") == "8333334")
            #expect(november?["won"]?.objectValue?.string("amount") == "6000000")
            #expect(november?["attainment"]?.numberLiteral == "0.2000")
            // (6,000,000 + 8,333,334) ÷ 30,000,000 = 0.47777…
            #expect(november?["projected"]?.numberLiteral == "0.4778")
            #expect(byTeam.first { $0.string("month") == "2026-12" }?["weighted"]?.objectValue?.string("amount") == "500000")
            // A rep sees the figures of the deals they may see: their own.
            let own = try await rows("from=2026-11&to=2026-11", token: ana.token)
            #expect(Set(own.compactMap { $0.string("user_id") }) == [ana.id] && own.count == 2)
            // Bad parameters are a 400 that names them.
            for bad in ["from=2026-13", "by=region", "from=2026-12&to=2026-01", "from=2020-01&to=2026-12", "month=2026-11"] {
                let reply = try await api.call(.get, "/api/v1/reports/quota?" + bad)
                #expect(reply.status == .badRequest, "\(bad)")
            }
            // The reports page draws it.
            var browser = try await WorkspacePageTests.signedIn(api)
            let page = try await browser.request(.get, "/reports?by=team")
            #expect(page.status == .ok && page.body.contains("Forecast against quota") && page.body.contains("Seoul"))
        }
    }
}

/// The people on a deal and their roles; orders and contracts name the buyer.
@Suite struct DealContactTests {
    @Test(arguments: Backend.available)
    func contactsHaveRolesAndFollowTheDealsOwner(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let ana = try await api.user("ana.contacts@example.com", role: "sales")
            let bo = try await api.user("bo.contacts@example.com", role: "sales")
            let person = try await api.call(.post, "/api/v1/people", json: #"{"given_name":"Minji","family_name":"Kim"}"#, token: ana.token).object().string("id") ?? ""
            let other = try await api.call(.post, "/api/v1/people", json: #"{"given_name":"Taro","family_name":"Sato"}"#, token: ana.token).object().string("id") ?? ""
            let deal = try await api.call(.post, "/api/v1/deals", json: #"{"title":"Kim seats","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#, token: ana.token).object().string("id") ?? ""
            let influencer = try await api.call(.post, "/api/v1/deal_contacts", json: #"{"deal_id":"\#(deal)","person_id":"\#(other)","role":"influencer"}"#, token: ana.token)
            #expect(influencer.status == .created)
            let signer = try await api.call(.post, "/api/v1/deal_contacts", json: #"{"deal_id":"\#(deal)","person_id":"\#(person)","role":"decision_maker"}"#, token: ana.token)
            #expect(try signer.object().string("owner_id") == ana.id)
            #expect(try await api.call(.post, "/api/v1/deal_contacts", json: #"{"deal_id":"\#(deal)","person_id":"\#(person)","role":"boss"}"#, token: ana.token).status == .unprocessableContent)
            // Another rep sees neither the deal nor who is on it.
            #expect(try await api.call(.post, "/api/v1/deal_contacts", json: #"{"deal_id":"\#(deal)","person_id":"\#(person)","role":"user"}"#, token: bo.token).status == .unprocessableContent)
            #expect(!(try await api.call(.get, "/api/v1/deal_contacts", token: bo.token).body.contains(deal)))
            // Handing the deal over hands its contacts over.
            #expect(try await api.call(.patch, "/api/v1/deals/\(deal)", json: #"{"owner_id":"\#(bo.id)"}"#).status == .ok)
            let contacts = try await api.call(.get, "/api/v1/deal_contacts?filter[deal_id]=\(deal)", token: bo.token).object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(contacts.count == 2 && contacts.allSatisfy { $0.string("owner_id") == bo.id })
            // The deal's page lists its contacts with their roles, and offers to add one.
            var browser = try await WorkspacePageTests.signedIn(api)
            let page = try await browser.request(.get, "/deals/\(deal)")
            #expect(page.body.contains("Minji") && page.body.contains("Decision maker") && page.body.contains("/deal_contacts/new?deal_id=\(deal)"))
            // A contact opens the person; the contact record itself is one "Edit" away.
            let signerID = try signer.object().string("id") ?? ""
            #expect(page.body.contains(#"href="/people/\#(person)""#) && page.body.contains(#"href="/deal_contacts/\#(signerID)""#))
            let form = try await browser.request(.get, "/deal_contacts/new?deal_id=\(deal)")
            #expect(form.body.contains(#"value="Kim seats""#) && form.body.contains(#"name="deal_id._id" value="\#(deal)""#))
            // Accepting a quote names the decision maker on the order and the contract.
            let seat = try await api.create("products", #"{"name":"Seat","sku":"SEAT-C","billing_period":"monthly"}"#)
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"KRW","status":"sent"}"#)
            _ = try await api.create("quote_lines", #"{"quote_id":"\#(quote.string("id") ?? "")","product_id":"\#(seat.string("id") ?? "")","quantity":2,"unit_price":{"amount":"50000","currency":"KRW"}}"#)
            #expect(try await api.call(.patch, "/api/v1/quotes/\(quote.string("id") ?? "")", json: #"{"status":"accepted"}"#).status == .ok)
            let order = try await api.call(.get, "/api/v1/orders?filter[deal_id]=\(deal)").object()["data"]?.arrayValue?.first?.objectValue
            #expect(order?.string("person_id") == person && order?.string("direction") == "sell")
            let contract = try await api.call(.get, "/api/v1/contracts?filter[deal_id]=\(deal)").object()["data"]?.arrayValue?.first?.objectValue
            #expect(contract?.string("person_id") == person)
            // The printed quote is addressed to them too.
            let printed = try await browser.request(.get, "/quotes/\(quote.string("id") ?? "")/print")
            #expect(printed.body.contains("Minji") && !printed.body.contains("Taro"))
            // The person's purchase history shows it.
            let history = try await api.call(.get, "/api/v1/people/\(person)/purchases").object()
            #expect(history["revenue"]?.objectValue?["orders"]?.numberLiteral == "1")
            #expect(history["revenue"]?.objectValue?["totals"]?.arrayValue?.first?.objectValue?.string("amount") == "100000")
            #expect(history["open_contracts"]?.arrayValue?.count == 1)
            // A won deal closes the day it was won.
            let won = try await api.call(.get, "/api/v1/deals/\(deal)").object()
            #expect(won.string("status") == "won" && won.string("close_date") == String(Timestamp.format(Date()).prefix(10)))
        }
    }
}

/// Lifetime revenue, last purchase and supplier spend from orders.
@Suite struct PurchaseHistoryAPITests {
    @Test(arguments: Backend.available)
    func revenueAndSpendAreSummedPerCurrency(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"Hanbit Foods"}"#).string("id") ?? ""
            // An order's total comes from its lines.
            func order(_ direction: String, _ status: String, _ amount: String, _ currency: String, _ day: String) async throws -> JSONObject {
                let order = try await api.create("orders", #"{"organization_id":"\#(org)","direction":"\#(direction)","status":"\#(status)","currency":"\#(currency)","ordered_on":"\#(day)"}"#)
                _ = try await api.create("order_lines", #"{"order_id":"\#(order.string("id") ?? "")","quantity":1,"unit_price":{"amount":"\#(amount)","currency":"\#(currency)"}}"#)
                return order
            }
            let first = try await order("sell", "fulfilled", "1500000", "KRW", "2026-03-02")
            #expect(first.string("number")?.hasPrefix("O-") == true)
            _ = try await order("sell", "open", "250000", "KRW", "2026-10-11")
            _ = try await order("sell", "cancelled", "9999999", "KRW", "2026-11-01")
            _ = try await order("sell", "fulfilled", "120.50", "USD", "2026-06-30")
            let purchase = try await order("buy", "fulfilled", "80000", "JPY", "2026-09-30")
            #expect(purchase.string("number")?.hasPrefix("P-") == true)
            // Left out, the direction is a sale.
            #expect(try await api.create("orders", #"{"organization_id":"\#(org)","status":"open","currency":"KRW","ordered_on":"2026-01-05"}"#).string("direction") == "sell")
            let history = try await api.call(.get, "/api/v1/organizations/\(org)/purchases").object()
            let revenue = history["revenue"]?.objectValue
            #expect(revenue?["orders"]?.numberLiteral == "4" && revenue?.string("last_order_on") == "2026-10-11")
            let totals = revenue?["totals"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(totals.map { $0.string("currency") ?? "" } == ["KRW", "USD"])
            #expect(totals.map { $0.string("amount") ?? "" } == ["1750000", "120.50"])
            let spend = history["spend"]?.objectValue
            #expect(spend?["orders"]?.numberLiteral == "1" && spend?["totals"]?.arrayValue?.first?.objectValue?.string("amount") == "80000")
            #expect(try await api.call(.get, "/api/v1/deals/\(org)/purchases").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/organizations/\(RecordID.make())/purchases").status == .notFound)
            var browser = try await WorkspacePageTests.signedIn(api)
            let page = try await browser.request(.get, "/organizations/\(org)")
            #expect(page.body.contains("Lifetime revenue") && page.body.contains("₩1,750,000") && page.body.contains("$120.50") && page.body.contains("Spend with this supplier"))
            let home = try await browser.request(.get, "/")
            _ = try await browser.request(.post, "/settings/language", form: [("_csrf", PageClient.csrf(home.body) ?? ""), ("language", "ko")])
            let korean = try await browser.request(.get, "/organizations/\(org)")
            #expect(korean.body.contains("누적 매출") && !korean.body.contains("Lifetime revenue"))
        }
    }
}

/// Quote versions, expiry and numbers that are never handed out twice.
@Suite struct QuoteVersionTests {
    @Test(arguments: Backend.available)
    func versionsKeepTheNumberAndReplaceTheOld(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Versioned","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"USD","status":"sent","valid_until":"2099-12-31"}"#)
            let qid = quote.string("id") ?? ""
            #expect(quote["revision"]?.numberLiteral == "1")
            _ = try await api.create("quote_lines", #"{"quote_id":"\#(qid)","description":"Plan","quantity":3,"unit_price":{"amount":"19.99","currency":"USD"},"tax_percent":8.875}"#)
            let revised = try await api.call(.post, "/api/v1/quotes/\(qid)/revise")
            #expect(revised.status == .created)
            let v2 = try revised.object()
            #expect(v2.string("number") == quote.string("number") && v2["revision"]?.numberLiteral == "2" && v2.string("status") == "draft")
            #expect(v2["total"]?.objectValue?.string("amount") == "65.29")
            let lines = try await api.call(.get, "/api/v1/quote_lines?filter[quote_id]=\(v2.string("id") ?? "")").object()["data"]?.arrayValue ?? []
            #expect(lines.count == 1)
            #expect(try await api.call(.get, "/api/v1/quotes/\(qid)").object().string("status") == "superseded")
            // The replaced version can be neither accepted nor revised again.
            let stale = try await api.call(.patch, "/api/v1/quotes/\(qid)", json: #"{"status":"accepted"}"#)
            #expect(stale.status == .unprocessableContent)
            #expect(try stale.errorFields() == ["status"])
            #expect(try await api.call(.post, "/api/v1/quotes/\(qid)/revise").status == .unprocessableContent)
            #expect(try await api.call(.post, "/api/v1/deals/\(deal)/revise").status == .notFound)
            // The printed second version says so.
            var browser = try await WorkspacePageTests.signedIn(api)
            #expect(try await browser.request(.get, "/quotes/\(v2.string("id") ?? "")/print").body.contains("<dt>Version</dt><dd class=\"num\">2</dd>"))
            let page = try await browser.request(.get, "/quotes/\(v2.string("id") ?? "")").body
            #expect(page.contains("/revise") && page.contains("Version 2"))
            // A superseded version offers no new version of itself; other types have no print page.
            #expect(try await !browser.request(.get, "/quotes/\(qid)").body.contains("/revise"))
            #expect(try await browser.request(.get, "/deals/\(deal)/print").status == .notFound)
        }
    }

    @Test(arguments: Backend.available)
    func pastTheirDateQuotesExpire(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Late","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let old = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"JPY","status":"sent","valid_until":"2026-01-31"}"#).string("id") ?? ""
            _ = try await api.create("quote_lines", #"{"quote_id":"\#(old)","quantity":1,"unit_price":{"amount":"5000","currency":"JPY"}}"#)
            let current = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"JPY","status":"sent","valid_until":"2099-01-31"}"#).string("id") ?? ""
            let accepted = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"JPY","status":"rejected","valid_until":"2026-01-31"}"#).string("id") ?? ""
            // Accepting after the validity date is refused, before the sweep has run.
            let late = try await api.call(.patch, "/api/v1/quotes/\(old)", json: #"{"status":"accepted"}"#)
            #expect(late.status == .unprocessableContent)
            #expect(try late.errorFields() == ["status"])
            let store = RecordStore(db: api.db)
            #expect(try await store.expireQuotes(today: "2026-02-01") == 1)
            #expect(try await api.call(.get, "/api/v1/quotes/\(old)").object().string("status") == "expired")
            #expect(try await api.call(.get, "/api/v1/quotes/\(current)").object().string("status") == "sent")
            #expect(try await api.call(.get, "/api/v1/quotes/\(accepted)").object().string("status") == "rejected")
            #expect(try await store.expireQuotes(today: "2026-02-01") == 0)
            // The expiry is in the audit trail, by the system.
            let audit = try await api.call(.get, "/api/v1/audit?record_id=\(old)&action=update").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(audit.contains { $0["changes"]?.objectValue?["status"] != nil })
            // A new version of an expired quote is an offer again, with no past date.
            let again = try await api.call(.post, "/api/v1/quotes/\(old)/revise").object()
            #expect(again.string("status") == "draft" && again["valid_until"]?.isNull != false)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentQuotesGetDistinctNumbers(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Busy","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)"}"#).string("id") ?? ""
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        try await api.call(.post, "/api/v1/quotes", json: #"{"deal_id":"\#(deal)","currency":"EUR","status":"draft"}"#).object().string("number") ?? ""
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(numbers.count == 16 && Set(numbers).count == 16)
            let year = String(Timestamp.format(Date()).prefix(4))
            #expect(Set(numbers) == Set((1...16).map { "Q-\(year)-" + String(format: "%04d", $0) }))
        }
    }
}

/// A product line takes its price from the product's price list in the quote's currency.
@Suite struct PriceListLineTests {
    @Test(arguments: Backend.available)
    func productLinesArePricedFromTheList(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Priced","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let seat = try await api.create("products", #"{"name":"Seat licence","sku":"SEAT-P","billing_period":"yearly"}"#).string("id") ?? ""
            _ = try await api.create("product_prices", #"{"product_id":"\#(seat)","unit_price":{"amount":"110000","currency":"KRW"},"valid_from":"2025-01-01"}"#)
            _ = try await api.create("product_prices", #"{"product_id":"\#(seat)","unit_price":{"amount":"120000","currency":"KRW"},"valid_from":"2026-01-01"}"#)
            _ = try await api.create("product_prices", #"{"product_id":"\#(seat)","unit_price":{"amount":"150000","currency":"KRW"},"valid_from":"2099-01-01"}"#)
            let krw = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"KRW","status":"draft"}"#).string("id") ?? ""
            // The latest price already valid, the product's name, and the line's total.
            let line = try await api.create("quote_lines", #"{"quote_id":"\#(krw)","product_id":"\#(seat)","quantity":2}"#)
            #expect(line["unit_price"]?.objectValue?.string("amount") == "120000" && line.string("description") == "Seat licence")
            #expect(line["line_total"]?.objectValue?.string("amount") == "240000")
            #expect(try await api.call(.get, "/api/v1/quotes/\(krw)").object()["total"]?.objectValue?.string("amount") == "240000")
            // A price typed in wins over the list.
            let typed = try await api.create("quote_lines", #"{"quote_id":"\#(krw)","product_id":"\#(seat)","quantity":1,"unit_price":{"amount":"99000","currency":"KRW"}}"#)
            #expect(typed["unit_price"]?.objectValue?.string("amount") == "99000")
            // No price in the quote's currency, or a free-text line without a price: a 422 on unit_price.
            let usd = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"USD","status":"draft"}"#).string("id") ?? ""
            for body in [#"{"quote_id":"\#(usd)","product_id":"\#(seat)","quantity":1}"#, #"{"quote_id":"\#(usd)","description":"Consulting","quantity":1}"#] {
                let reply = try await api.call(.post, "/api/v1/quote_lines", json: body)
                #expect(reply.status == .unprocessableContent)
                #expect(try reply.errorFields() == ["unit_price"])
            }
            #expect(try await api.call(.get, "/api/v1/quote_lines?filter[quote_id]=\(usd)").object()["data"]?.arrayValue?.isEmpty == true)
        }
    }
}

/// Built-in number fields sort, filter and page as numbers, not as their text.
@Suite struct NumberFieldListTests {
    @Test(arguments: Backend.available)
    func numbersSortAndFilterAsNumbers(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, _) = try await DealTests.stages(api)
            func probabilities(_ query: String) async throws -> [String] {
                let reply = try await api.call(.get, "/api/v1/pipeline_stages?filter[pipeline_id]=\(pipeline)&" + query)
                #expect(reply.status == .ok, "\(reply.body)")
                return try reply.object()["data"]?.arrayValue?.compactMap { $0.objectValue?["probability"]?.numberLiteral } ?? []
            }
            // As text, "100" would sort before "25" and fail "≥ 50".
            #expect(try await probabilities("sort=probability") == ["0", "10", "25", "50", "75", "100"])
            #expect(try await probabilities("sort=-probability") == ["100", "75", "50", "25", "10", "0"])
            #expect(try await probabilities("sort=probability&filter[probability][gte]=50") == ["50", "75", "100"])
            // Paged two at a time, the cursor carries the number.
            var seen: [String] = []
            var cursor: String?
            repeat {
                let reply = try await api.call(.get, "/api/v1/pipeline_stages?filter[pipeline_id]=\(pipeline)&sort=probability&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")).object()
                seen += reply["data"]?.arrayValue?.compactMap { $0.objectValue?["probability"]?.numberLiteral } ?? []
                cursor = reply["next_cursor"]?.stringValue
            } while cursor != nil && seen.count < 10
            #expect(seen == ["0", "10", "25", "50", "75", "100"])
        }
    }
}
