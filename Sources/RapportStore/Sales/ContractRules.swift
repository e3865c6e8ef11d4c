import Foundation
import RapportKit

/// An active contract with a renewal date keeps one open task for its owner, due a number
/// of days (`reminder_days`, 14 by default) before the notice deadline (the renewal date
/// less `notice_days`), so nobody misses the moment to renew, renegotiate or cancel. The
/// task moves when the dates change and is written in its owner's language.
enum ContractRules {
    static let rules = WriteRules(after: after)
    static let defaultReminderDays = 14

    static let subjects = ["en": "Decide on renewal: ", "ko": "갱신 여부 결정: ", "ja": "更新の判断: "]

    /// The day the reminder is due: renewal − notice − reminder days; nil without a renewal.
    static func reminderDay(renewal: String?, noticeDays: Int, reminderDays: Int) -> String? {
        guard let renewal, renewal.count == 10 else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        guard let date = f.date(from: renewal) else { return nil }
        return f.string(from: date.addingTimeInterval(-Double(noticeDays + reminderDays) * 86_400))
    }

    @Sendable static func after(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        // A delete arrives as the same record before and after (same version).
        let deleted = before.map { $0.version == after.version && $0.id == after.id } ?? false
        let watched = ["renewal_date", "notice_days", "reminder_days", "status", "title"]
        if !deleted, let before, before.ownerID == after.ownerID, watched.allSatisfy({ before.fields[$0] == after.fields[$0] }) { return }
        let activities = try await store.type(named: Activities.type.name, in: s)
        let open = try await s.query("""
            SELECT id FROM activities WHERE deleted_at IS NULL AND kind = 'task' AND completed_at IS NULL AND id IN
            (SELECT record_id FROM record_members WHERE record_type = 'activities' AND field = 'links' AND value = \(after.id))
            """).compactMap { $0.text("id") }
        let notice = after.fields["notice_days"]?.numberLiteral.flatMap { Int($0) } ?? 0
        let remind = after.fields["reminder_days"]?.numberLiteral.flatMap { Int($0) } ?? defaultReminderDays
        let active = !deleted && after.fields["status"]?.stringValue == "active"
        guard active, let day = reminderDay(renewal: after.fields["renewal_date"]?.stringValue, noticeDays: notice, reminderDays: remind) else {
            // Nothing to decide any more: the open reminder is done.
            for id in open {
                _ = try await store.update(in: s, activities, id: id, changes: JSONObject([("completed_at", .string(now))]), ifMatch: nil, actor: actor)
            }
            return
        }
        let due = day + "T09:00:00.000Z"
        if let id = open.first {
            _ = try await store.update(in: s, activities, id: id, changes: JSONObject([("due_at", .string(due))]), ifMatch: nil, actor: actor)
            return
        }
        let owner = after.ownerID
        let language = try await owner.asyncMap { id in try await s.query("SELECT language FROM users WHERE id = \(id)").first?.text("language") } ?? nil
        let subject = (subjects[String((language ?? "en").prefix(2))] ?? subjects["en"]!) + (after.fields["title"]?.stringValue ?? "")
        var links: [JSONValue] = [.object(JSONObject([("type", .string(Contracts.type.name)), ("id", .string(after.id))]))]
        if let org = after.fields["organization_id"]?.stringValue {
            links.append(.object(JSONObject([("type", .string(Organizations.type.name)), ("id", .string(org))])))
        }
        var record = activities.newRecord(from: JSONObject([
            ("kind", .string("task")), ("subject", .string(String(subject.prefix(300)))), ("due_at", .string(due)), ("links", .array(links)),
        ]))
        try store.prepare(&record, type: activities)
        try await store.createRecords(in: s, activities, [StoredRecord.new(activities, fields: record, owner: owner, actor: actor, now: now)], actor: actor, now: now)
    }
}
