import Foundation
import RapportKit

/// One entry of a record's timeline: an activity linked to it, or an audited change.
public struct TimelineEntry: Sendable {
    public var at: String
    public var json: JSONObject
    var sortID: String
}

public struct TimelinePage: Sendable {
    public var entries: [TimelineEntry]
    public var nextCursor: String?
}

extension RecordStore {
    /// Activities linked to the record (as participant or link), the mail it received
    /// through the service desk and its audited changes, newest first, including those of
    /// records merged into it.
    /// Only what the actor may see: activities within their visibility, and changes
    /// without the fields their role hides.
    ///
    /// `filter` narrows it to one kind of entry (calls, or audited changes) before paging,
    /// so every page of a filtered timeline is full and its cursor continues the same view.
    public func timeline(_ type: RecordType, id: String, limit: Int, cursor: Cursor?, filter: TimelineFilter = .all, actor: Actor) async throws -> TimelinePage {
        _ = try await get(type, id: id, actor: actor)
        let activities = try await self.type(named: Activities.type.name)
        let showsActivities = actor.viewer.map { $0.role.allows(.read, on: activities.name) } ?? true
        let activityVisibility = visibility(activities, actor)
        let hidden = actor.viewer?.hiddenFields(type) ?? []
        let shownActivities = view(activities, for: actor)
        let codec = self.codec(activities)
        let before: (String, String)? = cursor.flatMap { c in c.value.stringValue.map { ($0, c.id) } }
        return try await db.read { s in
            let merged = try await s.query("SELECT from_id FROM record_merges WHERE into_id = \(id)").compactMap { $0.text("from_id") }
            let ids = [id] + merged
            let idList = SQL.join(ids.map { "\($0)" }, ", ")
            let at = "COALESCE(occurred_at, created_at)"
            var activityWhere: SQL = "deleted_at IS NULL AND id IN (SELECT record_id FROM record_members WHERE record_type = 'activities' AND field IN ('participants', 'links') AND value IN (\(idList)))"
            var auditWhere: SQL = "record_id IN (\(idList))"
            if !showsActivities || !filter.showsActivities { activityWhere.append(" AND 1 = 0") }
            if case .activities(let kind) = filter { activityWhere.append(" AND kind = \(kind)") }
            if !filter.showsChanges { auditWhere.append(" AND 1 = 0") }
            if let activityVisibility { activityWhere.append(" AND \(activityVisibility)") }
            if let (t, cid) = before {
                activityWhere.append(" AND (\(raw: at) < \(t) OR (\(raw: at) = \(t) AND id < \(cid)))")
                auditWhere.append(" AND (at < \(t) OR (at = \(t) AND id < \(cid)))")
            }
            let activityRows = try await s.query("SELECT \(raw: codec.selectList), \(raw: at) AS at FROM activities WHERE \(activityWhere) ORDER BY \(raw: at) DESC, id DESC LIMIT \(limit + 1)")
            let auditRows = try await s.query("SELECT id, at, actor_id, action, record_type, record_id, changes, request_id FROM audit_log WHERE \(auditWhere) ORDER BY at DESC, id DESC LIMIT \(limit + 1)")
            var entries: [TimelineEntry] = filter.showsMail ? try await self.mailEntries(s, type: type, ids: ids, before: before, limit: limit, actor: actor) : []
            for row in activityRows {
                let r = self.redact(codec.decode(row), activities, actor)
                let when = row.text("at") ?? r.createdAt
                entries.append(TimelineEntry(at: when, json: JSONObject([
                    ("entry", .string("activity")), ("at", .string(when)), ("activity", .object(r.json(shownActivities))),
                ]), sortID: r.id))
            }
            for row in auditRows {
                let when = row.text("at") ?? ""
                let changes = AuditChanges.visible(row.text("changes").flatMap { try? JSONValue.parse($0) } ?? .null, hiding: hidden)
                entries.append(TimelineEntry(at: when, json: JSONObject([
                    ("entry", .string("change")), ("at", .string(when)), ("action", .string(row.text("action") ?? "")),
                    ("actor_id", row.text("actor_id").map(JSONValue.string) ?? .null),
                    ("record_id", row.text("record_id").map(JSONValue.string) ?? .null),
                    ("changes", changes), ("request_id", row.text("request_id").map(JSONValue.string) ?? .null),
                ]), sortID: row.text("id") ?? ""))
            }
            entries.sort { $0.at != $1.at ? $0.at > $1.at : $0.sortID > $1.sortID }
            let page = Array(entries.prefix(limit))
            let next = entries.count > limit ? page.last.map { Cursor(sort: "timeline", value: .string($0.at), id: $0.sortID).encoded } : nil
            return TimelinePage(entries: page, nextCursor: next)
        }
    }
}
