import Foundation
import RapportKit

extension RecordStore {
    /// Creates many records in one transaction through the bulk insert path, with the
    /// checks of the API's create by the same actor (rights, fields they may see, owners
    /// they may assign, references they may see, unique keys, write rules); the first record
    /// that fails one cancels them all. Used for demo data and seeding; returns ids in
    /// input order.
    public func bulkCreate(_ type: RecordType, bodies: [JSONObject], actor: Actor) async throws -> [String] {
        try require(.create, type, actor)
        let now = Timestamp.format(Date())
        let visibleType = view(type, for: actor)
        var records: [StoredRecord] = []
        var requestedOwners: [String: String] = [:]
        records.reserveCapacity(bodies.count)
        for body in bodies {
            let changes = try RecordInput.validate(body, type: visibleType, mode: .create).get()
            try checkAssignable(type, owner: changes["owner_id"]?.stringValue, actor)
            var record = type.newRecord(from: changes)
            try prepare(&record, type: type)
            let stored = StoredRecord.new(type, fields: record, owner: changes["owner_id"]?.stringValue, actor: actor, now: now)
            requestedOwners[stored.id] = changes["owner_id"]?.stringValue
            records.append(stored)
        }
        try await db.transaction { s in
            var titles: [String: [String]] = [:]
            for start in stride(from: 0, to: records.count, by: 1000) {
                let slice = Array(records[start..<min(start + 1000, records.count)])
                let keys = slice.flatMap { type.uniqueKeyValues($0.fields) }
                // The API's 409, which names the holder only when the actor may see it.
                _ = try await self.checkKeys(s, type: type, keys: keys, id: "", actor: actor)
                let checks = slice.map { ReferenceCheck(record: $0.fields, owner: requestedOwners[$0.id]) }
                if let errors = try await self.referenceErrors(s, type: type, checks, actor: actor).first(where: { !$0.isEmpty }) {
                    throw RecordError.invalid(errors)
                }
                try await self.insertMany(s, type: type, records: slice, returningSeqs: false, titles: &titles)
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
