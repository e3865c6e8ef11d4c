import Foundation
import RapportKit
import RapportStore
import Testing

/// The stage conversion funnel over the API, on both databases.
@Suite struct FunnelInvariantTests {
    /// Hand-counted: P went lead → proposal → lost → negotiation (reopened, one deal that
    /// reached negotiation); Q was created in negotiation and deleted (not counted); the
    /// rep's S went proposal → lead (it reached a proposal) and T stayed in lead.
    /// Everyone: lead 3, qualified 2, proposal 2, negotiation 1, won 0. The rep, who sees
    /// S and T: 2, 1, 1, 0, 0 — never fewer at qualified than at proposal.
    @Test(arguments: Backend.available)
    func funnelCountsEachLiveDealOnceAndIsMonotone(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let rep = try await api.user("funnel.rep@example.com", role: "sales")
            func deal(_ title: String, _ first: String, _ moves: [String], token: String? = nil) async throws -> String {
                let id = try await api.call(.post, "/api/v1/deals", json: #"{"title":"\#(title)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage[first]!)"}"#, token: token).object().string("id") ?? ""
                for m in moves {
                    #expect(try await api.call(.patch, "/api/v1/deals/\(id)", json: #"{"stage_id":"\#(stage[m]!)"}"#, token: token).status == .ok)
                }
                return id
            }
            _ = try await deal("P", "Lead", ["Proposal", "Lost", "Negotiation"])
            let q = try await deal("Q", "Negotiation", [])
            #expect(try await api.call(.delete, "/api/v1/deals/\(q)").status == .noContent)
            _ = try await deal("S", "Proposal", ["Lead"], token: rep.token)
            _ = try await deal("T", "Lead", [], token: rep.token)
            func reached(_ token: String? = nil) async throws -> [String] {
                let data = try await api.call(.get, "/api/v1/reports/funnel", token: token).object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
                #expect(data.map { $0.string("stage") } == ["Lead", "Qualified", "Proposal", "Negotiation", "Won"])
                return data.map { $0["reached"]?.numberLiteral ?? "" }
            }
            #expect(try await reached() == ["3", "2", "2", "1", "0"])
            #expect(try await reached(rep.token) == ["2", "1", "1", "0", "0"])
        }
    }
}
