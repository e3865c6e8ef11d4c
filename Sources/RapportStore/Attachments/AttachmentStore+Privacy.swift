import Foundation
import RapportKit

extension AttachmentStore {
    /// The files of a person's export: on the person, on records merged into them and on
    /// the activities the export lists, each with its metadata and its bytes as base64, so
    /// the one JSON document is the whole answer to an access request.
    public func exportEntries(_ type: RecordType, ids: [String], activityIDs: [String]) async throws -> [JSONValue] {
        let (own, onActivities) = try await db.read { s in
            (try await Self.live(s, type: type.name, ids: ids), try await Self.live(s, type: Activities.type.name, ids: activityIDs))
        }
        return (own + onActivities).map { attachment in
            var entry = attachment.json
            entry["content_url"] = nil
            entry["content_base64"] = blobs.read(attachment.sha256).map { JSONValue.string($0.base64EncodedString()) } ?? JSONValue.null
            return .object(entry)
        }
    }

    /// Erasure's part for files: every attachment row of the person, of records merged
    /// into them, of activities that mention them and of ticket messages they wrote — live
    /// or in the trash — and each
    /// blob no other live attachment still uses. Runs before the person's own erasure,
    /// which then redacts the audit entries that named the files. Admins only.
    @discardableResult
    public func erase(_ type: RecordType, id: String, actor: Actor) async throws -> Int {
        try records.requirePersonal(type)
        if let viewer = actor.viewer, !viewer.role.isAdmin { throw RecordError.forbidden("Only admins erase people.") }
        return try await db.transaction { s in
            _ = try await records.load(s, type, id: id, forUpdate: true, actor: actor)
            let merged = try await s.query("SELECT from_id FROM record_merges WHERE into_id = \(id)").compactMap { $0.text("from_id") }
            let ids = [id] + merged
            let idList = SQL.join(ids.map { "\($0)" }, ", ")
            let activityIDs = try await s.query("""
                SELECT DISTINCT record_id FROM record_members WHERE record_type = 'activities' AND field IN ('participants', 'links') AND value IN (\(idList))
                """).compactMap { $0.text("record_id") }
            var targets: [(String, [String])] = [(type.name, ids)]
            if !activityIDs.isEmpty { targets.append((Activities.type.name, activityIDs)) }
            // The files of the ticket messages they wrote (a screenshot they mailed in).
            let written = try await s.query("SELECT id FROM ticket_messages WHERE author_person_id IN (\(idList))").compactMap { $0.text("id") }
            if !written.isEmpty { targets.append((TicketMessages.type.name, written)) }
            var rows: [(id: String, sha: String)] = []
            for (typeName, list) in targets {
                for start in stride(from: 0, to: list.count, by: 500) {
                    let chunk = SQL.join(list[start..<min(start + 500, list.count)].map { "\($0)" }, ", ")
                    rows += try await s.query("SELECT id, sha256 FROM attachments WHERE record_type = \(typeName) AND record_id IN (\(chunk))")
                        .map { (id: $0.text("id") ?? "", sha: $0.text("sha256") ?? "") }
                }
            }
            guard !rows.isEmpty else { return 0 }
            let checksums = Set(rows.map(\.sha)).sorted()
            // In one order, so two erasures sharing files never wait on each other in a circle.
            for sha in checksums { try await s.lockExclusively("blob:" + sha) }
            for start in stride(from: 0, to: rows.count, by: 500) {
                let chunk = SQL.join(rows[start..<min(start + 500, rows.count)].map { "\($0.id)" }, ", ")
                try await s.execute("DELETE FROM attachments WHERE id IN (\(chunk))")
            }
            var unused: [String] = []
            for sha in checksums {
                let live = try await s.query("SELECT 1 AS found FROM attachments WHERE sha256 = \(sha) AND deleted_at IS NULL LIMIT 1")
                if live.isEmpty { unused.append(sha) }
            }
            for sha in unused { blobs.remove(sha) }
            try await AuditLog.append(s, actor: actor, action: "attachment.erase", type: type.name, id: id, changes: .object(JSONObject([
                ("attachments", .number(String(rows.count))), ("blobs_removed", .number(String(unused.count))),
            ])), at: Timestamp.format(Date()))
            return rows.count
        }
    }
}
