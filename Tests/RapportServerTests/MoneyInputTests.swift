import RapportKit
import Testing

/// Money enters only as a decimal string within ±10^15 minor units; anything else is a
/// 422 naming the field, and quote lines beyond the range are refused without trapping.
@Suite struct MoneyInputTests {
    @Test(arguments: Backend.available)
    func amountsOutsideTheRangeOrAsNumbersAreRefused(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for (amount, currency, code) in [
                ("1200.50", "USD", "invalid_amount"),                     // a JSON number
                (#""10000000000000.01""#, "USD", "out_of_range"),         // 10^15 cents + 1
                (#""1000000000000001""#, "KRW", "out_of_range"),
                (#""-1000000000000001""#, "KRW", "out_of_range"),
                (#""9000000000000000000""#, "KRW", "out_of_range"),
                (#""99999999999999999999999999999""#, "KRW", "out_of_range"),
            ] {
                let reply = try await api.call(.post, "/api/v1/organizations", json: #"{"name":"Big","annual_revenue":{"amount":\#(amount),"currency":"\#(currency)"}}"#)
                #expect(reply.status == .unprocessableContent, "\(amount): \(reply.body)")
                #expect(try reply.errorFields() == ["annual_revenue"], "\(amount)")
                #expect(reply.body.contains(code), "\(amount): \(reply.body)")
            }
            #expect(try await api.names("/api/v1/organizations", field: "name").isEmpty)
            let largest = try await api.create("organizations", #"{"name":"Largest","annual_revenue":{"amount":"-10000000000000.00","currency":"USD"}}"#)
            #expect(largest["annual_revenue"]?.objectValue?.string("amount") == "-10000000000000.00")
        }
    }

    /// The reported crashes and wrap-arounds, now 422s that leave the quote as it was.
    @Test(arguments: Backend.available)
    func quoteLinesBeyondTheRangeAreRefused(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Huge","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#)
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal.string("id") ?? "")","currency":"KRW","status":"draft"}"#)
            let qid = quote.string("id") ?? ""
            for (quantity, price, tax, field) in [
                ("1", "9000000000000000000", "10", "unit_price"),
                ("1", "-9000000000000000000", "10", "unit_price"),
                ("10000", "1000000000000000", "0", "quantity"),
                ("100000000000000000000", "1", "0", "quantity"),
                ("123456789012345678901234567890", "1", "0", "quantity"),
                ("1", "1000000000000000", "10", "quantity"),      // the tax takes it beyond
            ] {
                let reply = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(qid)","quantity":"\#(quantity)","unit_price":{"amount":"\#(price)","currency":"KRW"},"tax_percent":"\#(tax)"}"#)
                #expect(reply.status == .unprocessableContent, "\(quantity) × \(price): \(reply.body)")
                #expect(try reply.errorFields() == [field], "\(quantity) × \(price): \(reply.body)")
            }
            // Two lines that fit on their own but not together: the second is refused.
            _ = try await api.create("quote_lines", #"{"quote_id":"\#(qid)","quantity":"1","unit_price":{"amount":"600000000000000","currency":"KRW"}}"#)
            let second = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(qid)","quantity":"1","unit_price":{"amount":"600000000000000","currency":"KRW"}}"#)
            #expect(second.status == .unprocessableContent, "\(second.body)")
            let after = try await api.call(.get, "/api/v1/quotes/\(qid)").object()
            #expect(after["total"]?.objectValue?.string("amount") == "600000000000000")
            #expect(try await api.call(.get, "/api/v1/quote_lines?filter[quote_id]=\(qid)").object()["data"]?.arrayValue?.count == 1)
        }
    }
}
