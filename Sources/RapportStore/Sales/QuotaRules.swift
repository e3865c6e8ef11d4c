import RapportKit

/// One quota per rep or team, month and currency: a second one would leave the report to
/// guess which counts, so it is refused as a duplicate naming the first.
enum QuotaRules {
    static let rules = WriteRules(before: before)

    @Sendable static func before(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        guard let month = record["month"]?.stringValue, let currency = record["amount"]?.objectValue?["currency"]?.stringValue else { return record }
        let (column, target): (String, String?) = record["user_id"]?.stringValue != nil ? ("user_id", record["user_id"]?.stringValue) : ("team_id", record["team_id"]?.stringValue)
        guard let target else { return record }
        let clash = try await s.query("""
            SELECT id FROM quotas WHERE deleted_at IS NULL AND \(raw: column) = \(target) AND month = \(month) AND amount_currency = \(currency)
            AND id <> \(existing?.id ?? "")
            """).first?.text("id")
        if let clash { throw RecordError.duplicate(field: "month", value: "\(month) \(currency)", existingID: clash) }
        return record
    }
}
