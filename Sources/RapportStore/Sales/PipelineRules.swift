import Foundation
import RapportKit

/// A new pipeline starts with the usual stages (lead → qualified → proposal → negotiation
/// → won / lost) so it can take deals and show a board at once; admins rename, reorder or
/// remove them from there. Stages are records of their own, audited like any other.
enum PipelineRules {
    static let rules = WriteRules(after: after)

    @Sendable static func after(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        // A pipeline that still holds deals is not deleted (a delete arrives as the same
        // record before and after): its deals would be stranded, as with a stage.
        if let before, before.version == after.version {
            let n = try await PipelineStageRules.dealCount(s, column: "pipeline_id", id: after.id)
            if n > 0 {
                throw RecordError.conflict("\(n) \(n == 1 ? "deal is" : "deals are") in this pipeline; move \(n == 1 ? "it" : "them") to another pipeline before deleting it.")
            }
        }
        guard before == nil else { return }
        let stages = try await store.type(named: PipelineStages.type.name, in: s)
        let records = Pipelines.defaultStages.enumerated().map { i, stage in
            StoredRecord.new(stages, fields: JSONObject([
                ("name", .string(stage.name.prefix(1).uppercased() + stage.name.dropFirst())), ("pipeline_id", .string(after.id)),
                ("position", .number(String(i))), ("probability", .number(String(stage.probability))), ("outcome", .string(stage.outcome)),
            ]), owner: nil, actor: actor, now: now)
        }
        try await store.createRecords(in: s, stages, records, actor: actor, now: now)
    }
}
