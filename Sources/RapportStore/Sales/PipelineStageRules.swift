import RapportKit

/// A stage that holds deals keeps its pipeline and its outcome and is not deleted: the
/// deals' status is the stage's outcome and their stage must be in their pipeline, so
/// changing either under them, or removing the stage, would leave deals that can no
/// longer be edited yet still count in reports. The answer is a 409 saying how many deals
/// to move first. A deal's write locks its stage's row (``DealRules``), so a deal moved in
/// while the stage is deleted is either counted here or refused there.
enum PipelineStageRules {
    static let rules = WriteRules(before: before, after: after)

    @Sendable static func before(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        guard let existing, record["outcome"] != existing.fields["outcome"] || record["pipeline_id"] != existing.fields["pipeline_id"] else { return record }
        let n = try await dealCount(s, column: "stage_id", id: existing.id)
        if n > 0 {
            throw RecordError.conflict("\(n) \(n == 1 ? "deal is" : "deals are") in this stage; move \(n == 1 ? "it" : "them") to another stage before changing its outcome or pipeline.")
        }
        return record
    }

    /// Runs after a delete too (same record before and after), inside its transaction.
    @Sendable static func after(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        guard let before, before.version == after.version else { return }
        let n = try await dealCount(s, column: "stage_id", id: after.id)
        if n > 0 {
            throw RecordError.conflict("\(n) \(n == 1 ? "deal is" : "deals are") in this stage; move \(n == 1 ? "it" : "them") to another stage before deleting it.")
        }
    }

    /// Live deals whose `column` (stage_id or pipeline_id) is `id`.
    static func dealCount(_ s: Session, column: String, id: String) async throws -> Int {
        let sql: SQL = "SELECT COUNT(*) AS n FROM deals WHERE \(raw: column) = \(id) AND deleted_at IS NULL"
        return Int(try await s.query(sql).first?.int("n") ?? 0)
    }
}
