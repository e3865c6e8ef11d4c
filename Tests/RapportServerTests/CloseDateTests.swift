import Foundation
import RapportKit
import RapportStore
import Testing

/// The close date a deal takes when it closes.
@Suite struct CloseDateTests {
    /// A deal that closes takes that day as its close date unless the write sets one, also
    /// when the date it sets is the one already stored.
    @Test(arguments: Backend.available)
    func aCloseDateSentWithTheWinIsKept(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            func deal(_ title: String) async throws -> String {
                try await api.create("deals", #"{"title":"\#(title)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Negotiation"]!)","close_date":"2026-03-20"}"#).string("id") ?? ""
            }
            let kept = try await deal("Kept")
            let won = try await api.call(.patch, "/api/v1/deals/\(kept)", json: #"{"stage_id":"\#(stage["Won"]!)","close_date":"2026-03-20"}"#)
            #expect(try won.status == .ok && (won.object().string("close_date")) == "2026-03-20")
            let today = String(Timestamp.format(Date()).prefix(10))
            let dated = try await deal("Dated")
            #expect(try await api.call(.patch, "/api/v1/deals/\(dated)", json: #"{"stage_id":"\#(stage["Lost"]!)"}"#).object().string("close_date") == today)
            let other = try await deal("Other")
            #expect(try await api.call(.patch, "/api/v1/deals/\(other)", json: #"{"stage_id":"\#(stage["Won"]!)","close_date":"2026-03-21"}"#).object().string("close_date") == "2026-03-21")
        }
    }
}
