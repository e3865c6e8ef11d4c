import Foundation
import RapportKit
import RapportStore
import Testing

/// Stages and pipelines that hold deals.
@Suite struct StageInvariantTests {
    /// A stage or pipeline that holds deals is neither deleted nor given another outcome
    /// (its deals would be stranded, uneditable and still counted); empty ones are.
    @Test(arguments: Backend.available)
    func stagesWithDealsKeepThem(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let pipeline = try await api.create("pipelines", #"{"name":"Partners"}"#).string("id") ?? ""
            let stages = try await RecordStore(db: api.db).stages(pipelineID: pipeline)
            let qualified = stages.first { $0.name == "Qualified" }?.id ?? "", proposal = stages.first { $0.name == "Proposal" }?.id ?? ""
            let deal = try await api.create("deals", #"{"title":"Held","pipeline_id":"\#(pipeline)","stage_id":"\#(qualified)"}"#).string("id") ?? ""
            let delete = try await api.call(.delete, "/api/v1/pipeline_stages/\(qualified)")
            #expect(try delete.status == .conflict && (delete.object().string("detail"))?.hasPrefix("1 deal is in this stage") == true, "\(delete.body)")
            let outcome = try await api.call(.patch, "/api/v1/pipeline_stages/\(qualified)", json: #"{"outcome":"won"}"#)
            #expect(outcome.status == .conflict)
            #expect(try await api.call(.patch, "/api/v1/pipeline_stages/\(qualified)", json: #"{"name":"Qualified lead","probability":30}"#).status == .ok)
            let whole = try await api.call(.delete, "/api/v1/pipelines/\(pipeline)")
            #expect(try whole.status == .conflict && (whole.object().string("detail"))?.hasPrefix("1 deal is in this pipeline") == true, "\(whole.body)")
            // Nothing changed: the stage is there with its outcome and the deal is editable.
            let stage = try await api.call(.get, "/api/v1/pipeline_stages/\(qualified)").object()
            #expect(stage.string("outcome") == "open")
            #expect(try await api.call(.patch, "/api/v1/deals/\(deal)", json: #"{"title":"Held still"}"#).status == .ok)
            #expect(try await api.call(.get, "/api/v1/deals/\(deal)").object().string("status") == "open")
            // An empty stage changes and goes; once the deal moves, so can its old stage.
            #expect(try await api.call(.patch, "/api/v1/pipeline_stages/\(proposal)", json: #"{"outcome":"lost"}"#).status == .ok)
            #expect(try await api.call(.delete, "/api/v1/pipeline_stages/\(proposal)").status == .noContent)
            let lead = stages.first { $0.name == "Lead" }?.id ?? ""
            #expect(try await api.call(.patch, "/api/v1/deals/\(deal)", json: #"{"stage_id":"\#(lead)"}"#).status == .ok)
            #expect(try await api.call(.delete, "/api/v1/pipeline_stages/\(qualified)").status == .noContent)
            #expect(try await api.call(.delete, "/api/v1/deals/\(deal)").status == .noContent)
            #expect(try await api.call(.delete, "/api/v1/pipelines/\(pipeline)").status == .noContent)
        }
    }
}
