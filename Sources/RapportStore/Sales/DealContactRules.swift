import RapportKit

/// A deal's contacts belong to whoever owns the deal, so a rep who sees their own deals
/// sees who is on them, and a handed-over deal takes its contacts along (``DealRules``).
enum DealContactRules {
    static let rules = WriteRules(before: before)

    @Sendable static func before(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        guard let deal = record["deal_id"]?.stringValue,
              let owner = try await s.query("SELECT owner_id FROM deals WHERE id = \(deal) AND deleted_at IS NULL").first?.text("owner_id") else { return record }
        var record = record
        record["owner_id"] = .string(owner)
        return record
    }
}
