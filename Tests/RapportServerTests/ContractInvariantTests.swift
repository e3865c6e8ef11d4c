import Foundation
import RapportKit
import RapportStore
import Testing

/// Contracts from accepted quotes, their dates and day counts, and list prices.
@Suite struct ContractInvariantTests {
    /// Dates and day counts a contract cannot have are refused and change nothing; a
    /// list price is never negative.
    @Test(arguments: Backend.available)
    func impossibleContractsAndPricesAreRefused(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for (body, field) in [
                (#""start_date":"2026-07-01","end_date":"2026-06-30""#, "end_date"),
                (#""start_date":"2026-07-01","reminder_days":-1"#, "reminder_days"),
                (#""start_date":"2026-07-01","notice_days":30.5"#, "notice_days"),
            ] {
                let reply = try await api.call(.post, "/api/v1/contracts", json: #"{"title":"Bad","direction":"sell","status":"active",\#(body)}"#)
                #expect(try reply.status == .unprocessableContent && (reply.errorFields()) == [field], "\(reply.body)")
            }
            let good = try await api.create("contracts", #"{"title":"Good","direction":"sell","status":"draft","start_date":"2026-07-01","end_date":"2026-07-01","notice_days":30}"#)
            let moved = try await api.call(.patch, "/api/v1/contracts/\(good.string("id") ?? "")", json: #"{"end_date":"2026-01-01"}"#)
            #expect(moved.status == .unprocessableContent)
            #expect(try await api.call(.get, "/api/v1/contracts/\(good.string("id") ?? "")").object().string("end_date") == "2026-07-01")
            let product = try await api.create("products", #"{"name":"Refund","sku":"NEG-1","billing_period":"one_time"}"#).string("id") ?? ""
            let negative = try await api.call(.post, "/api/v1/product_prices", json: #"{"product_id":"\#(product)","unit_price":{"amount":"-5.00","currency":"USD"}}"#)
            #expect(try negative.status == .unprocessableContent && (negative.errorFields()) == ["unit_price"])
            #expect(try await api.call(.post, "/api/v1/product_prices", json: #"{"product_id":"\#(product)","unit_price":{"amount":"0.00","currency":"USD"}}"#).status == .created)
        }
    }

    /// A contract past its end date ends (audited, by the system) and its renewal task is
    /// closed; one still running is left alone.
    @Test(arguments: Backend.available)
    func endedContractsCloseTheirTasks(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let ended = try await api.create("contracts", #"{"title":"Short","direction":"sell","status":"active","start_date":"2026-01-01","end_date":"2026-06-30","renewal_date":"2026-06-30"}"#).string("id") ?? ""
            let running = try await api.create("contracts", #"{"title":"Long","direction":"sell","status":"active","start_date":"2026-01-01","end_date":"2026-07-01","renewal_date":"2026-07-01"}"#).string("id") ?? ""
            func task(_ contract: String) async throws -> JSONObject? {
                try await api.call(.get, "/api/v1/activities?filter[kind]=task&filter[links]=\(contract)").object()["data"]?.arrayValue?.first?.objectValue
            }
            #expect(try await task(ended)?.string("completed_at") == nil)
            let store = RecordStore(db: api.db)
            #expect(try await store.endLapsedContracts(today: "2026-07-01") == 1)
            #expect(try await api.call(.get, "/api/v1/contracts/\(ended)").object().string("status") == "ended")
            #expect(try await task(ended)?.string("completed_at") != nil)
            #expect(try await api.call(.get, "/api/v1/contracts/\(running)").object().string("status") == "active")
            #expect(try await task(running)?.string("completed_at") == nil)
            #expect(try await store.endLapsedContracts(today: "2026-07-01") == 0)
            let audit = try await api.call(.get, "/api/v1/audit?record_id=\(ended)&action=update").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(audit.contains { $0["changes"]?.objectValue?["status"] != nil })
        }
    }

    /// Monthly and yearly products on one quote become one contract per billing period.
    @Test(arguments: Backend.available)
    func oneContractPerBillingPeriod(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let org = try await api.create("organizations", #"{"name":"Periodic"}"#).string("id") ?? ""
            let deal = try await api.create("deals", #"{"title":"Mixed","organization_id":"\#(org)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"USD","status":"sent"}"#).string("id") ?? ""
            for (sku, period, price) in [("M-1", "monthly", "10.00"), ("M-2", "monthly", "5.00"), ("Y-1", "yearly", "100.00"), ("O-1", "one_time", "50.00")] {
                let product = try await api.create("products", #"{"name":"\#(sku)","sku":"\#(sku)","billing_period":"\#(period)"}"#).string("id") ?? ""
                _ = try await api.create("quote_lines", #"{"quote_id":"\#(quote)","product_id":"\#(product)","quantity":1,"unit_price":{"amount":"\#(price)","currency":"USD"}}"#)
            }
            #expect(try await api.call(.patch, "/api/v1/quotes/\(quote)", json: #"{"status":"accepted"}"#).status == .ok)
            let contracts = try await api.call(.get, "/api/v1/contracts?filter[deal_id]=\(deal)").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            let byPeriod = Dictionary(contracts.map { ($0.string("billing_period") ?? "", $0["value"]?.objectValue?.string("amount") ?? "") }, uniquingKeysWith: { a, b in a + "," + b })
            #expect(byPeriod == ["monthly": "15.00", "yearly": "100.00"])
        }
    }
}
