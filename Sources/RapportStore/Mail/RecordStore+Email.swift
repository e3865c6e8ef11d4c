import Foundation
import RapportKit
import RapportMail

extension RecordStore {
    /// An email written from a record's page: queued in the outbox and kept on the
    /// timelines of the record and the people it goes to as an `email` activity, in one
    /// transaction, so there is never a sent message without its entry or an entry for a
    /// message that was never queued. The activity goes through the engine's checks and
    /// visibility like any other; the message is linked to it and to `about`.
    public func sendEmail(_ draft: MailOutbox.Draft, outbox: MailOutbox, about: (type: String, id: String), people: [String], at: Date, actor: Actor) async throws -> (activity: StoredRecord, mail: MailRecord) {
        let activities = try await type(named: Activities.type.name)
        var body = JSONObject([
            ("kind", .string("email")), ("subject", .string(String(draft.subject.trimmedWhitespace.prefix(300)))), ("body", .string(draft.text)),
            ("occurred_at", .string(Timestamp.format(at))), ("participants", .array(people.map(JSONValue.string))),
        ])
        if about.type != People.type.name {
            body["links"] = .array([.object(JSONObject([("type", .string(about.type)), ("id", .string(about.id))]))])
        }
        let changes = try validatedCreate(activities, body: body, actor: actor)
        return try await db.transaction { s in
            let activity = try await self.create(in: s, activities, changes: changes, actor: actor)
            var linked = draft
            linked.links += [(Activities.type.name, activity.id), (about.type, about.id)] + people.map { (People.type.name, $0) }
            let mail = try await outbox.enqueue(in: s, linked, actor: actor)
            return (activity, mail)
        }
    }
}
