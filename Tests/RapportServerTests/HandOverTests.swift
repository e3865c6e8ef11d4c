import Foundation
import RapportKit
import RapportStore
import Testing

/// Children follow their parent's owner: handing over a deal hands over its quotes, their
/// lines and its contacts; handing over an order hands over its lines, in the same
/// transaction and audited.
@Suite struct HandOverTests {
    @Test(arguments: Backend.available)
    func handingOverAParentHandsOverItsChildren(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let a = try await api.user("handover.a@example.com", role: "sales")
            let b = try await api.user("handover.b@example.com", role: "sales")
            let deal = try await api.call(.post, "/api/v1/deals", json: #"{"title":"Seats","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#, token: a.token).object().string("id") ?? ""
            let quote = try await api.call(.post, "/api/v1/quotes", json: #"{"deal_id":"\#(deal)","currency":"KRW","status":"draft"}"#, token: a.token).object().string("id") ?? ""
            let line = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(quote)","quantity":1,"unit_price":{"amount":"1000","currency":"KRW"}}"#, token: a.token).object().string("id") ?? ""
            let order = try await api.call(.post, "/api/v1/orders", json: #"{"ordered_on":"2026-11-02","status":"open","currency":"KRW"}"#, token: a.token).object().string("id") ?? ""
            let orderLine = try await api.call(.post, "/api/v1/order_lines", json: #"{"order_id":"\#(order)","quantity":2,"unit_price":{"amount":"500","currency":"KRW"}}"#, token: a.token)
            #expect(orderLine.status == .created, "\(orderLine.body)")
            let orderLineID = try orderLine.object().string("id") ?? ""

            #expect(try await api.call(.patch, "/api/v1/deals/\(deal)", json: #"{"owner_id":"\#(b.id)"}"#).status == .ok)
            #expect(try await api.call(.patch, "/api/v1/orders/\(order)", json: #"{"owner_id":"\#(b.id)"}"#).status == .ok)
            for path in ["quotes/\(quote)", "quote_lines/\(line)", "order_lines/\(orderLineID)"] {
                #expect(try await api.call(.get, "/api/v1/\(path)", token: b.token).status == .ok, "\(path)")
                #expect(try await api.call(.get, "/api/v1/\(path)", token: a.token).status == .notFound, "\(path)")
            }
            // Each child's hand-over is in the audit log.
            let audit = try await api.call(.get, "/api/v1/audit?record_id=\(line)").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(audit.contains { $0.string("action") == "update" && $0["changes"]?.objectValue?["owner_id"] != nil }, "\(audit)")
        }
    }
}
