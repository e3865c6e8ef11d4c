import RapportKit
import Testing

/// Orders are totalled from their lines by the code that totals quotes; lines share their
/// order's currency; totals are read-only; and both documents offer `per_rate` rounding.
@Suite struct DocumentTotalsTests {
    @Test(arguments: Backend.available)
    func orderTotalsComeFromLines(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"Hanbit Foods"}"#).string("id") ?? ""
            let order = try await api.create("orders", #"{"organization_id":"\#(org)","status":"open","ordered_on":"2026-03-02","currency":"KRW"}"#)
            let oid = order.string("id") ?? ""
            #expect(order["tax_rounding"]?.stringValue == "per_line")
            // Totals are the lines' to set, never the client's.
            let written = try await api.call(.patch, "/api/v1/orders/\(oid)", json: #"{"total":{"amount":"-5","currency":"KRW"}}"#)
            #expect(try written.status == .unprocessableContent && written.errorFields() == ["total"], "\(written.body)")
            let created = try await api.call(.post, "/api/v1/orders", json: #"{"organization_id":"\#(org)","status":"open","ordered_on":"2026-03-02","currency":"KRW","total":{"amount":"100","currency":"KRW"}}"#)
            #expect(try created.status == .unprocessableContent && created.errorFields() == ["total"], "\(created.body)")
            // 3 × ₩33,333, 10% off, 10% tax is ₩98,999, as on a quote.
            let line = try await api.create("order_lines", #"{"order_id":"\#(oid)","description":"Seats","quantity":3,"unit_price":{"amount":"33333","currency":"KRW"},"discount_percent":10,"tax_percent":10}"#)
            #expect(line["line_total"]?.objectValue?.string("amount") == "98999")
            var totals = try await api.call(.get, "/api/v1/orders/\(oid)").object()
            #expect(totals["total"]?.objectValue?.string("amount") == "98999" && totals["tax"]?.objectValue?.string("amount") == "9000")
            #expect(totals["subtotal"]?.objectValue?.string("amount") == "99999" && totals["discount"]?.objectValue?.string("amount") == "10000")
            // Another currency, a negative quantity, an amount beyond the range: refused.
            let usd = try await api.call(.post, "/api/v1/order_lines", json: #"{"order_id":"\#(oid)","quantity":1,"unit_price":{"amount":"1.00","currency":"USD"}}"#)
            #expect(try usd.status == .unprocessableContent && usd.errorFields() == ["unit_price"], "\(usd.body)")
            let negative = try await api.call(.post, "/api/v1/order_lines", json: #"{"order_id":"\#(oid)","quantity":-1,"unit_price":{"amount":"1000","currency":"KRW"}}"#)
            #expect(try negative.status == .unprocessableContent && negative.errorFields() == ["quantity"], "\(negative.body)")
            let huge = try await api.call(.post, "/api/v1/order_lines", json: #"{"order_id":"\#(oid)","quantity":10000,"unit_price":{"amount":"1000000000000000","currency":"KRW"}}"#)
            #expect(try huge.status == .unprocessableContent && huge.errorFields() == ["quantity"], "\(huge.body)")
            // The order keeps its currency once it has lines.
            #expect(try await api.call(.patch, "/api/v1/orders/\(oid)", json: #"{"currency":"USD"}"#).status == .unprocessableContent)
            // Removing the line takes the total with it.
            #expect(try await api.call(.delete, "/api/v1/order_lines/\(line.string("id") ?? "")").status == .noContent)
            totals = try await api.call(.get, "/api/v1/orders/\(oid)").object()
            #expect(totals["total"]?.objectValue?.string("amount") == "0")
        }
    }

    /// Japan's qualified invoice: the tax is rounded once per rate; switching a document's
    /// mode re-totals it, and the printed quote shows the net and tax per rate.
    @Test(arguments: Backend.available)
    func perRateRoundingOnQuotesAndOrders(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Tokyo","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#)
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal.string("id") ?? "")","currency":"JPY","status":"draft","tax_rounding":"per_rate","language":"ja"}"#)
            let qid = quote.string("id") ?? ""
            let org = try await api.create("organizations", #"{"name":"Yamada Shoten"}"#).string("id") ?? ""
            let order = try await api.create("orders", #"{"organization_id":"\#(org)","status":"open","ordered_on":"2026-03-02","currency":"JPY","tax_rounding":"per_rate"}"#)
            let oid = order.string("id") ?? ""
            // NTA Q&A 問57: three lines of ¥105 at 10%, and three of ¥107 at the reduced 8%.
            for (price, rate) in [("105", "10"), ("105", "10"), ("105", "10"), ("107", "8"), ("107", "8"), ("107", "8")] {
                _ = try await api.create("quote_lines", #"{"quote_id":"\#(qid)","quantity":1,"unit_price":{"amount":"\#(price)","currency":"JPY"},"tax_percent":\#(rate)}"#)
                _ = try await api.create("order_lines", #"{"order_id":"\#(oid)","quantity":1,"unit_price":{"amount":"\#(price)","currency":"JPY"},"tax_percent":\#(rate)}"#)
            }
            // Per rate: round(315 × 10%) = 32 and round(321 × 8%) = 26 (25.68); per line
            // it would be 3 × 11 + 3 × 9 = 60.
            for path in ["quotes/\(qid)", "orders/\(oid)"] {
                let doc = try await api.call(.get, "/api/v1/\(path)").object()
                #expect(doc["tax"]?.objectValue?.string("amount") == "58", "\(path)")
                #expect(doc["total"]?.objectValue?.string("amount") == "694", "\(path)")
            }
            // Under per_rate a line's total is its net: tax exists only per rate.
            let lines = try await api.call(.get, "/api/v1/order_lines?filter[order_id]=\(oid)").object()["data"]?.arrayValue ?? []
            #expect(Set(lines.compactMap { $0.objectValue?["line_total"]?.objectValue?.string("amount") }) == ["105", "107"])
            var browser = try await WorkspacePageTests.signedIn(api)
            let printed = try await browser.request(.get, "/quotes/\(qid)/print")
            #expect(printed.status == .ok && printed.body.contains("10%対象") && printed.body.contains("8%対象"), "\(printed.body)")
            // Each rate shows the amount subject to it and its tax, as a qualified invoice must.
            let totals = printed.body.components(separatedBy: "qd-totals").last ?? ""
            #expect(totals.contains("10%対象</dt><dd class=\"num rate\">￥315</dd><dt class=\"rate\">消費税（10%）</dt><dd class=\"num rate\">￥32<")
                    && totals.contains("8%対象</dt><dd class=\"num rate\">￥321</dd><dt class=\"rate\">消費税（8%）</dt><dd class=\"num rate\">￥26<"), "\(totals)")
            // Switching to per_line re-totals the document.
            _ = try await api.call(.patch, "/api/v1/quotes/\(qid)", json: #"{"tax_rounding":"per_line"}"#)
            let perLine = try await api.call(.get, "/api/v1/quotes/\(qid)").object()
            #expect(perLine["tax"]?.objectValue?.string("amount") == "60" && perLine["total"]?.objectValue?.string("amount") == "696")
        }
    }
}
