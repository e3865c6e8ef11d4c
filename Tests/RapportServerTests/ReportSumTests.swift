import RapportKit
import RapportStore
import Testing

/// Sums over stored amounts never answer 500: rows written before the input range existed
/// (two open deals of ₩5×10^18 in one month) add up exactly when the sum fits a 64-bit
/// figure, and are a 422 naming the amount when it does not.
@Suite struct ReportSumTests {
    @Test(arguments: Backend.available)
    func hugeStoredAmountsNeverAnswer500(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let org = try await api.create("organizations", #"{"name":"Huge Corp"}"#).string("id") ?? ""
            for (title, stageName) in [("A", "Proposal"), ("B", "Proposal"), ("C", "Won")] {
                _ = try await api.create("deals", #"{"title":"\#(title)","organization_id":"\#(org)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage[stageName]!)","amount":{"amount":"1000","currency":"KRW"},"close_date":"2026-12-10"}"#)
            }
            let order = try await api.create("orders", #"{"organization_id":"\#(org)","status":"open","ordered_on":"2026-03-02","currency":"KRW"}"#)
            _ = try await api.create("order_lines", #"{"order_id":"\#(order.string("id") ?? "")","quantity":1,"unit_price":{"amount":"1000","currency":"KRW"}}"#)
            let order2 = try await api.create("orders", #"{"organization_id":"\#(org)","status":"open","ordered_on":"2026-03-03","currency":"KRW"}"#)
            _ = try await api.create("order_lines", #"{"order_id":"\#(order2.string("id") ?? "")","quantity":1,"unit_price":{"amount":"1000","currency":"KRW"}}"#)
            let paths = ["/api/v1/reports/forecast", "/api/v1/reports/summary", "/api/v1/reports/quota?from=2026-01&to=2026-12&by=owner", "/api/v1/organizations/\(org)/purchases"]

            // 4×10^18 each: the sum 8×10^18 still fits, and is exact.
            try await api.db.transaction { s in
                try await s.execute("UPDATE deals SET amount_amount = 4000000000000000000")
                try await s.execute("UPDATE orders SET total_amount = 4000000000000000000")
            }
            let forecast = try await api.call(.get, paths[0])
            #expect(forecast.status == .ok, "\(forecast.body)")
            #expect(forecast.body.contains("8000000000000000000"), "\(forecast.body)")
            let purchases = try await api.call(.get, paths[3])
            #expect(purchases.status == .ok && purchases.body.contains("8000000000000000000"), "\(purchases.body)")

            // 5×10^18 each: 10^19 does not fit; refused by name, not a 500 or a wrapped figure.
            try await api.db.transaction { s in
                try await s.execute("UPDATE deals SET amount_amount = 5000000000000000000")
                try await s.execute("UPDATE orders SET total_amount = 5000000000000000000")
            }
            for path in [paths[0], paths[3]] {
                let reply = try await api.call(.get, path)
                #expect(reply.status == .unprocessableContent, "\(path): \(reply.body)")
                #expect(!reply.body.contains("-8446744073709551616"), "\(path)")
            }
            for path in paths {
                #expect(try await api.call(.get, path).status != .internalServerError, "\(path)")
            }
            var browser = try await WorkspacePageTests.signedIn(api)
            for page in ["/deals/board", "/reports"] {
                #expect(try await browser.request(.get, page).status != .internalServerError, "\(page)")
            }
        }
    }
}
