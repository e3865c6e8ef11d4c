import Foundation
import RapportKit

/// A deal's stage must belong to its pipeline; its status is the stage's outcome; a deal
/// that closes (won or lost) takes that day as its close date unless the same write sets
/// one, so won amounts land in the month they were won; every stage change is kept with
/// who and when, flagged when a deal is marked won without an accepted quote. The deal's
/// contacts and quotes belong to the deal's owner (``RecordType/parent``).
enum DealRules {
    static let rules = WriteRules(before: before, after: after)

    @Sendable static func before(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        var record = record
        guard let stage = record["stage_id"]?.stringValue, let pipeline = record["pipeline_id"]?.stringValue else { return record }
        // Shared lock on PostgreSQL: a stage being deleted either waits for this deal to
        // count it (``PipelineStageRules``) or has gone when this read runs.
        let lock = s.dialect == .postgres ? " FOR SHARE" : ""
        let row = try await s.query("SELECT pipeline_id, outcome FROM pipeline_stages WHERE id = \(stage) AND deleted_at IS NULL\(raw: lock)").first
        guard let row, row.text("pipeline_id") == pipeline else {
            throw RecordError.invalid([FieldError(field: "stage_id", code: "invalid_reference", message: "That stage is not in the deal's pipeline.")])
        }
        let status = row.text("outcome") ?? "open"
        record["status"] = .string(status)
        // Whether this write sets the close date: an update names it (even when equal to
        // the stored one); a create has no stored one to compare with.
        let setsCloseDate = WriteRules.written.map { $0.contains("close_date") } ?? (record["close_date"]?.isNull == false)
        if status != "open", existing?.fields["status"]?.stringValue ?? "open" == "open", !setsCloseDate {
            record["close_date"] = .string(String(Timestamp.format(Date()).prefix(10)))
        }
        return try await checkLostReason(s, record, becomingLost: status == "lost" && existing?.fields["status"]?.stringValue != "lost")
    }

    /// A deal closed as lost says why, from the admins' list when there is one
    /// (``LostReasons/check(_:becomingLost:list:)``). Only a write that names the reason or
    /// closes the deal is checked, so a deal lost before the list existed keeps its words.
    static func checkLostReason(_ s: Session, _ record: JSONObject, becomingLost: Bool) async throws -> JSONObject {
        guard becomingLost || WriteRules.written.map({ $0.contains("lost_reason") }) ?? (record["lost_reason"]?.isNull == false) else { return record }
        let list = try await LostReasonList.read(s)
        switch LostReasons.check(record["lost_reason"]?.stringValue, becomingLost: becomingLost, list: list) {
        case .failure(let error): throw RecordError.invalid([error])
        case .success(let reason):
            var record = record
            record["lost_reason"] = reason.map(JSONValue.string) ?? .null
            return record
        }
    }

    @Sendable static func after(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        let from = before?.fields["stage_id"]?.stringValue
        guard let to = after.fields["stage_id"]?.stringValue, to != from else { return }
        var flag: String?
        if after.fields["status"]?.stringValue == "won", try await !acceptedQuoteExists(s, dealID: after.id) {
            flag = "won_without_accepted_quote"
        }
        try await s.execute("""
            INSERT INTO deal_stage_history (id, deal_id, pipeline_id, from_stage_id, to_stage_id, at, actor_id, flag)
            VALUES (\(RecordID.make()), \(after.id), \(after.fields["pipeline_id"]?.stringValue), \(from), \(to), \(now), \(actor.userID), \(flag))
            """)
    }

    static func acceptedQuoteExists(_ s: Session, dealID: String) async throws -> Bool {
        try await !s.query("SELECT 1 AS found FROM quotes WHERE deal_id = \(dealID) AND status = 'accepted' AND deleted_at IS NULL").isEmpty
    }
}

/// One stage change of a deal.
public struct StageChange: Sendable, Equatable {
    public var from: String?
    public var to: String
    public var at: String
    public var actorID: String?
    public var flag: String?

    public var json: JSONObject {
        JSONObject([
            ("from_stage_id", from.map(JSONValue.string) ?? .null), ("to_stage_id", .string(to)), ("at", .string(at)),
            ("actor_id", actorID.map(JSONValue.string) ?? .null), ("flag", flag.map(JSONValue.string) ?? .null),
        ])
    }
}
