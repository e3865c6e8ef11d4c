import Foundation
import RapportKit

extension RecordStore {
    /// Creates many records in one transaction through the bulk insert path, with the same
    /// validation as the API. Used for demo data and seeding; returns ids in input order.
    public func bulkCreate(_ type: RecordType, bodies: [JSONObject], actor: Actor) async throws -> [String] {
        let now = Timestamp.format(Date())
        var records: [StoredRecord] = []
        records.reserveCapacity(bodies.count)
        for body in bodies {
            let changes = try RecordInput.validate(body, type: type, mode: .create).get()
            var record = type.newRecord(from: changes)
            try prepare(&record, type: type)
            records.append(StoredRecord.new(type, fields: record, owner: changes["owner_id"]?.stringValue, actor: actor, now: now))
        }
        try await db.transaction { s in
            var titles: [String: [String]] = [:]
            for start in stride(from: 0, to: records.count, by: 1000) {
                let slice = Array(records[start..<min(start + 1000, records.count)])
                let keys = slice.flatMap { type.uniqueKeyValues($0.fields) }
                if !keys.isEmpty {
                    let clash = try await s.query("SELECT key, record_id FROM record_keys WHERE record_type = \(type.name) AND key IN (\(SQL.join(keys.map { "\($0)" }, ", ")))")
                    if let row = clash.first {
                        throw RecordError.duplicate(field: type.uniqueKeys.first?.field ?? "key", value: row.text("key") ?? "", existingID: row.text("record_id") ?? "")
                    }
                }
                try await self.insertMany(s, type: type, records: slice, titles: &titles)
            }
            try await AuditLog.append(s, actor: actor, action: "bulk_create", type: type.name, id: nil, changes: .object(JSONObject([("records", .number(String(records.count)))])), at: now)
        }
        return records.map(\.id)
    }

    /// Counts live records, for summaries and health pages.
    public func count(_ type: RecordType) async throws -> Int {
        try await db.read { s in
            Int(try await s.query("SELECT COUNT(*) AS n FROM \(raw: type.name) WHERE deleted_at IS NULL").first?.int("n") ?? 0)
        }
    }
}
