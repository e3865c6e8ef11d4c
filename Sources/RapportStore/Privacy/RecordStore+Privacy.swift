import Foundation
import RapportKit

extension RecordStore {
    /// Everything stored about a person as one document: their fields, the records they
    /// were merged from, the activities that mention them and the audit entries about
    /// them — what a data subject access request asks for.
    public func exportPerson(_ type: RecordType, id: String, actor: Actor) async throws -> JSONObject {
        try requirePersonal(type)
        try require(.export, type, actor)
        let person = try await get(type, id: id, actor: actor)
        let shown = view(type, for: actor)
        // The history of a hidden field would give its values back.
        let hidden = actor.viewer?.hiddenFields(type) ?? []
        let activities = try await self.type(named: Activities.type.name)
        let activityCodec = codec(activities)
        // Activities as the exporter's role sees them elsewhere (their timeline).
        var activityScope: SQL = (try? require(.read, activities, actor)) == nil ? "1 = 0" : "1 = 1"
        if let visible = visibility(activities, actor) { activityScope = activityScope + " AND " + visible }
        let (merged, activityRows, auditRows) = try await db.read { s in
            let merged = try await s.query("SELECT from_id FROM record_merges WHERE into_id = \(id)").compactMap { $0.text("from_id") }
            let ids = SQL.join(([id] + merged).map { "\($0)" }, ", ")
            let activityRows = try await s.query("""
                SELECT \(raw: activityCodec.selectList) FROM activities WHERE deleted_at IS NULL AND \(activityScope) AND id IN
                (SELECT record_id FROM record_members WHERE record_type = 'activities' AND field IN ('participants', 'links') AND value IN (\(ids)))
                ORDER BY created_at
                """)
            let auditRows = try await s.query("SELECT id, at, action, actor_id, changes FROM audit_log WHERE record_id IN (\(ids)) ORDER BY seq")
            return (merged, activityRows, auditRows)
        }
        let shownActivities = view(activities, for: actor)
        let document = JSONObject([
            ("exported_at", .string(Timestamp.format(Date()))),
            ("person", .object(person.json(shown))),
            ("merged_from", .array(merged.map(JSONValue.string))),
            ("activities", .array(activityRows.map { .object(redact(activityCodec.decode($0), activities, actor).json(shownActivities)) })),
            ("audit", .array(auditRows.map { row in
                .object(JSONObject([
                    ("id", row.text("id").map(JSONValue.string) ?? .null), ("at", row.text("at").map(JSONValue.string) ?? .null),
                    ("action", row.text("action").map(JSONValue.string) ?? .null), ("actor_id", row.text("actor_id").map(JSONValue.string) ?? .null),
                    ("changes", AuditChanges.visible(row.text("changes").flatMap { try? JSONValue.parse($0) } ?? .null, hiding: hidden)),
                ]))
            })),
        ])
        try await db.transaction { s in
            try await AuditLog.append(s, actor: actor, action: "privacy.export", type: type.name, id: id, changes: nil, at: Timestamp.format(Date()))
        }
        return document
    }

    public struct ErasureSummary: Sendable {
        public var records = 0
        public var activities = 0
        public var auditEntries = 0
    }

    /// Erases a person: their personal fields (and all custom fields), unique keys and
    /// search terms, on the record and on every record merged into it; the subject and
    /// body of activities that mention them; and the changes recorded about all of these.
    /// What remains is non-personal: ids, the company, stage, tags, dates, counts. The
    /// erasure itself is audited without the erased data. Admins only.
    public func erasePerson(_ type: RecordType, id: String, actor: Actor) async throws -> ErasureSummary {
        try requirePersonal(type)
        if let viewer = actor.viewer, !viewer.role.isAdmin { throw RecordError.forbidden("Only admins erase people.") }
        let activities = try await self.type(named: Activities.type.name)
        let now = Timestamp.format(Date())
        let summary = try await db.transaction { s -> ErasureSummary in
            let person = try await self.load(s, type, id: id, forUpdate: true, actor: actor)
            let merged = try await s.query("SELECT from_id FROM record_merges WHERE into_id = \(id)").compactMap { $0.text("from_id") }
            let ids = [id] + merged
            let idList = SQL.join(ids.map { "\($0)" }, ", ")
            var summary = ErasureSummary()
            // The person and their merged-in duplicates.
            let rows = try await s.query("SELECT seq, id FROM \(raw: type.name) WHERE id IN (\(idList))")
            let emails = try await self.emailAddresses(s, type: type, ids: ids)
            // `merged_into = 'erased'` keeps the shell out of the trash: it cannot come back.
            var sets: [SQL] = ["custom = NULL", "deleted_at = COALESCE(deleted_at, \(now))", "merged_into = COALESCE(merged_into, 'erased')", "updated_at = \(now)", "updated_by = \(actor.userID)", "version = version + 1"]
            for field in type.fields where type.personalFields.contains(field.name) {
                for column in field.columns { sets.append(field.kind.isList ? "\(raw: column) = '[]'" : "\(raw: column) = NULL") }
            }
            try await s.execute("UPDATE \(raw: type.name) SET \(SQL.join(sets, ", ")) WHERE id IN (\(idList))")
            try await s.execute("DELETE FROM record_keys WHERE record_type = \(type.name) AND record_id IN (\(idList))")
            // Their portal sign-in links and sessions end with them.
            try await s.execute("DELETE FROM portal_links WHERE person_id IN (\(idList))")
            try await s.execute("DELETE FROM portal_sessions WHERE person_id IN (\(idList))")
            // Mail to and from them keeps that it happened (its state, size and date), not
            // its words, its addresses or its raw bytes.
            try await s.execute("""
                UPDATE mail_messages SET raw = NULL, text_body = NULL, html_body = NULL, subject = NULL, from_name = NULL, from_address = '',
                to_addresses = '[]', cc_addresses = NULL, updated_at = \(now)
                WHERE id IN (SELECT mail_id FROM mail_links WHERE record_type = \(type.name) AND record_id IN (\(idList)))
                """)
            // Survey scores stay in the reports' counts; who gave them and what they wrote go.
            try await s.execute("UPDATE surveys SET person_id = 'erased:' || id, comment = NULL WHERE person_id IN (\(idList))")
            for row in rows {
                try await self.reindex(s, type: type, seq: row.int("seq") ?? 0, terms: nil, replacing: true)
            }
            // Records found by the person's name (a deal contact) forget it too.
            for erased in ids { try await self.reindexReferrers(s, to: type.name, id: erased) }
            summary.records = rows.count
            // Activities that mention them keep kind, dates and links, not their words.
            let activityRows = try await s.query("""
                SELECT seq, id FROM activities WHERE id IN
                (SELECT record_id FROM record_members WHERE record_type = 'activities' AND field IN ('participants', 'links') AND value IN (\(idList)))
                """)
            if !activityRows.isEmpty {
                let activityIDs = SQL.join(activityRows.compactMap { $0.text("id") }.map { "\($0)" }, ", ")
                var activitySets: [SQL] = ["custom = NULL", "updated_at = \(now)", "version = version + 1"]
                for name in activities.personalFields.sorted() { activitySets.append("\(raw: name) = NULL") }
                try await s.execute("UPDATE activities SET \(SQL.join(activitySets, ", ")) WHERE id IN (\(activityIDs))")
                for row in activityRows {
                    try await self.reindex(s, type: activities, seq: row.int("seq") ?? 0, terms: [], replacing: true)
                }
            }
            summary.activities = activityRows.count
            // Their recorded changes: emptied, digest kept, so the chain still verifies.
            let touched = ids + activityRows.compactMap { $0.text("id") }
            var auditIDs = try await s.query("SELECT id FROM audit_log WHERE redacted = 0 AND record_id IN (\(SQL.join(touched.map { "\($0)" }, ", ")))").compactMap { $0.text("id") }
            // A failed sign-in keeps the address that was typed: theirs, wherever it is.
            auditIDs += try await Self.failedSignIns(s, emails: emails)
            for start in stride(from: 0, to: auditIDs.count, by: 500) {
                let chunk = SQL.join(auditIDs[start..<min(start + 500, auditIDs.count)].map { "\($0)" }, ", ")
                try await s.execute("UPDATE audit_log SET changes = NULL, salt = NULL, redacted = 1 WHERE id IN (\(chunk))")
            }
            summary.auditEntries = auditIDs.count
            try await AuditLog.append(s, actor: actor, action: "erase", type: type.name, id: person.id, changes: .object(JSONObject([
                ("records", .number(String(summary.records))), ("activities", .number(String(summary.activities))),
                ("redacted_entries", .array(auditIDs.map(JSONValue.string))),
            ])), at: now)
            return summary
        }
        let referrers = catalog.types.filter { other in
            other.searchFields.contains { if case .reference(let target) = $0.kind { return target == type.name } else { return false } }
        }
        try await compactAfterErasure([type, activities] + referrers)
        return summary
    }

    func requirePersonal(_ type: RecordType) throws {
        guard !type.personalFields.isEmpty, type.uniqueKeys.contains(where: { $0.kind == "email" }) else {
            throw RecordError.notFound(type: type.name, id: "")
        }
    }

    /// Deleted index entries linger in FTS5 segments until they are merged, and a WAL
    /// file keeps old page images until checkpointed: both are flushed so the erased
    /// words are gone from the files. On PostgreSQL the dead row versions are vacuumed.
    func compactAfterErasure(_ types: [RecordType]) async throws {
        switch db.dialect {
        case .sqlite:
            try await db.transaction { s in
                for type in types {
                    try await s.execute("INSERT INTO \(raw: type.name)_search (\(raw: type.name)_search) VALUES ('optimize')")
                }
            }
            try await db.read { s in _ = try await s.query("PRAGMA wal_checkpoint(TRUNCATE)") }
        case .postgres:
            try await db.read { s in
                for type in types { try await s.execute("VACUUM \(raw: type.name)") }
                try await s.execute("VACUUM audit_log")
            }
        }
    }

    /// The email addresses of the records `ids`, folded, for finding them where they are
    /// not linked by id.
    func emailAddresses(_ s: Session, type: RecordType, ids: [String]) async throws -> Set<String> {
        let fields = type.fields.filter { if case .emails = $0.kind { return true } else { return false } }
        guard !fields.isEmpty else { return [] }
        let rows = try await s.query("SELECT \(raw: fields.map(\.name).joined(separator: ", ")) FROM \(raw: type.name) WHERE id IN (\(SQL.join(ids.map { "\($0)" }, ", ")))")
        var out: Set<String> = []
        for row in rows {
            for field in fields {
                guard let text = row.text(field.name), let list = (try? JSONValue.parse(text))?.arrayValue else { continue }
                // Items are addresses, or `{ "address": …, "label": … }`.
                for item in list {
                    guard let email = item.stringValue ?? item.objectValue?["address"]?.stringValue else { continue }
                    out.insert(email.trimmedWhitespace.lowercased())
                }
            }
        }
        return out
    }

    /// Unredacted failed sign-in entries that recorded one of `emails`.
    static func failedSignIns(_ s: Session, emails: Set<String>) async throws -> [String] {
        guard !emails.isEmpty else { return [] }
        let rows = try await s.query("SELECT id, changes FROM audit_log WHERE action = 'signin.failed' AND redacted = 0 AND changes IS NOT NULL")
        return rows.compactMap { row in
            guard let text = row.text("changes"), let typed = (try? JSONValue.parse(text))?.objectValue?["email"]?.stringValue,
                  emails.contains(typed.trimmedWhitespace.lowercased()) else { return nil }
            return row.text("id")
        }
    }
}
