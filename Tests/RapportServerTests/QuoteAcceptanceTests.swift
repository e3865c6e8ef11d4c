import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// A deal is won by one quote: one accepted quote, one order; accepted and superseded
/// quotes are final; lapsed offers stay lapsed; quote currencies are ISO codes.
@Suite struct QuoteAcceptanceTests {
    /// A quote with one line of `amount` in `currency`, in `status`.
    static func quote(_ api: API, deal: String, amount: String = "1000", currency: String = "KRW", status: String = "sent", extra: String = "") async throws -> String {
        let id = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"\#(currency)","status":"\#(status)"\#(extra)}"#).string("id") ?? ""
        _ = try await api.create("quote_lines", #"{"quote_id":"\#(id)","description":"Seats","quantity":1,"unit_price":{"amount":"\#(amount)","currency":"\#(currency.uppercased())"}}"#)
        return id
    }

    static func count(_ api: API, _ type: String, deal: String) async throws -> Int {
        try await api.call(.get, "/api/v1/\(type)?filter[deal_id]=\(deal)").object()["data"]?.arrayValue?.count ?? -1
    }

    /// A second quote of a won deal cannot be accepted (it used to overwrite the won
    /// amount and place a second order); accepted and superseded quotes are final, so a
    /// quote sent back to draft cannot be accepted again, and an accepted one stays.
    @Test(arguments: Backend.available)
    func aDealIsWonByOneQuote(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"One order","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let first = try await Self.quote(api, deal: deal, amount: "1000")
            let second = try await Self.quote(api, deal: deal, amount: "9999")
            #expect(try await api.call(.patch, "/api/v1/quotes/\(first)", json: #"{"status":"accepted"}"#).status == .ok)
            let again = try await api.call(.patch, "/api/v1/quotes/\(second)", json: #"{"status":"accepted"}"#)
            #expect(again.status == .conflict, "\(again.body)")
            #expect(try await api.call(.get, "/api/v1/quotes/\(second)").object().string("status") == "sent")
            #expect(try await api.call(.get, "/api/v1/deals/\(deal)").object()["amount"]?.objectValue?.string("amount") == "1000")
            // Back to draft and accepted again would place a second order: refused, unchanged.
            let back = try await api.call(.patch, "/api/v1/quotes/\(first)", json: #"{"status":"draft"}"#)
            #expect(try back.status == .unprocessableContent && (back.errorFields()) == ["status"])
            #expect(try await api.call(.patch, "/api/v1/quotes/\(first)", json: #"{"valid_until":"2099-01-01"}"#).status == .unprocessableContent)
            #expect(try await api.call(.get, "/api/v1/quotes/\(first)").object().string("status") == "accepted")
            // How it is printed may still change.
            #expect(try await api.call(.patch, "/api/v1/quotes/\(first)", json: #"{"language":"ko"}"#).status == .ok)
            // An accepted quote is the record of what was sold: not deleted.
            #expect(try await api.call(.delete, "/api/v1/quotes/\(first)").status == .unprocessableContent)
            #expect(try await api.call(.get, "/api/v1/quotes/\(first)").status == .ok)
            #expect(try await Self.count(api, "orders", deal: deal) == 1)
            // A superseded version set back to sent cannot be accepted either.
            let other = try await api.create("deals", #"{"title":"Versions","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let v1 = try await Self.quote(api, deal: other)
            #expect(try await api.call(.post, "/api/v1/quotes/\(v1)/revise").status == .created)
            #expect(try await api.call(.patch, "/api/v1/quotes/\(v1)", json: #"{"status":"sent"}"#).status == .unprocessableContent)
            #expect(try await api.call(.patch, "/api/v1/quotes/\(v1)", json: #"{"status":"accepted"}"#).status == .unprocessableContent)
            #expect(try await api.call(.get, "/api/v1/quotes/\(v1)").object().string("status") == "superseded")
            #expect(try await Self.count(api, "orders", deal: other) == 0)
        }
    }

    /// Several quotes of one deal accepted at the same moment: exactly one wins, the
    /// others are refused, and one order is placed.
    @Test(arguments: Backend.available)
    func racingAcceptancesHaveOneWinner(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Race","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            var quotes: [String] = []
            for i in 1...6 { quotes.append(try await Self.quote(api, deal: deal, amount: "\(i * 1000)")) }
            let statuses = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
                for q in quotes + quotes.prefix(2) {
                    group.addTask { (q, try await api.call(.patch, "/api/v1/quotes/\(q)", json: #"{"status":"accepted"}"#).status) }
                }
                return try await group.reduce(into: [(String, HTTPResponse.Status)]()) { $0.append($1) }
            }
            // The same quote accepted twice is one acceptance (the second finds it done).
            let winners = Set(statuses.filter { $0.1 == .ok }.map(\.0))
            #expect(winners.count == 1)
            #expect(statuses.allSatisfy { $0.1 == .ok || $0.1 == .conflict || $0.1 == .unprocessableContent }, "\(statuses)")
            var accepted: [String] = []
            for q in quotes where try await api.call(.get, "/api/v1/quotes/\(q)").object().string("status") == "accepted" { accepted.append(q) }
            #expect(accepted == Array(winners))
            #expect(try await Self.count(api, "orders", deal: deal) == 1)
            let won = try await api.call(.get, "/api/v1/deals/\(deal)").object()
            let winner = try await api.call(.get, "/api/v1/quotes/\(accepted.first ?? "")").object()
            #expect(won.string("status") == "won" && won["amount"] == winner["total"])
        }
    }

    /// An offer past its date is not revived by moving the date in the accepting write.
    @Test(arguments: Backend.available)
    func lapsedOffersAreNotAcceptedByMovingTheirDate(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Lapsed","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let late = try await Self.quote(api, deal: deal, extra: #","valid_until":"2020-01-31""#)
            let moved = try await api.call(.patch, "/api/v1/quotes/\(late)", json: #"{"status":"accepted","valid_until":"2099-12-31"}"#)
            #expect(try moved.status == .unprocessableContent && (moved.errorFields()) == ["status"])
            #expect(try await RecordStore(db: api.db).expireQuotes() == 1)
            let expired = try await api.call(.patch, "/api/v1/quotes/\(late)", json: #"{"status":"accepted","valid_until":"2099-12-31"}"#)
            #expect(try expired.status == .unprocessableContent && (expired.errorFields()) == ["status"])
            let now = try await api.call(.get, "/api/v1/quotes/\(late)").object()
            #expect(now.string("status") == "expired" && now.string("valid_until") == "2020-01-31")
            #expect(try await Self.count(api, "orders", deal: deal) == 0)
        }
    }

    /// A deal marked won by hand is flagged; accepting its quote afterwards settles it.
    @Test(arguments: Backend.available)
    func laterAcceptanceClearsTheWonWithoutQuoteFlag(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Early win","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Negotiation"]!)"}"#).string("id") ?? ""
            #expect(try await api.call(.patch, "/api/v1/deals/\(deal)", json: #"{"stage_id":"\#(stage["Won"]!)"}"#).status == .ok)
            let store = RecordStore(db: api.db)
            #expect(try await store.stageHistory(dealID: deal, actor: .system).last?.flag == "won_without_accepted_quote")
            let quote = try await Self.quote(api, deal: deal, amount: "5000")
            #expect(try await api.call(.patch, "/api/v1/quotes/\(quote)", json: #"{"status":"accepted"}"#).status == .ok)
            #expect(try await store.stageHistory(dealID: deal, actor: .system).allSatisfy { $0.flag == nil })
        }
    }

    /// `krw` is stored as `KRW`, so KRW lines fit the quote.
    @Test(arguments: Backend.available)
    func currencyCodesAreNormalised(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Lower case","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"krw","status":"draft"}"#)
            #expect(quote.string("currency") == "KRW")
            let line = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(quote.string("id") ?? "")","quantity":2,"unit_price":{"amount":"1500","currency":"KRW"}}"#)
            #expect(line.status == .created, "\(line.body)")
            #expect(try await api.call(.get, "/api/v1/quotes/\(quote.string("id") ?? "")").object()["total"]?.objectValue?.string("amount") == "3000")
            let patched = try await api.call(.patch, "/api/v1/quotes/\(quote.string("id") ?? "")", json: #"{"currency":"krw"}"#)
            #expect(try patched.status == .ok && (patched.object().string("currency")) == "KRW")
            #expect(try await api.call(.post, "/api/v1/quotes", json: #"{"deal_id":"\#(deal)","currency":"won","status":"draft"}"#).status == .unprocessableContent)
        }
    }
}
