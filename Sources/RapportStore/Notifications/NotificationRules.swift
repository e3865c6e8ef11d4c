import RapportKit

/// Turns record changes into notifications, as a ``RecordChangeSubscriber``: a record given
/// to someone by someone else, and `@name` mentions in an activity's text. Runs inside the
/// write's transaction, so a change that rolls back tells nobody, and keys each
/// notification by the change so a retried transaction tells nobody twice.
public enum NotificationRules {
    /// Text fields whose `@name` mentions notify, per record type. Activities carry notes,
    /// call and meeting write-ups; a type added later lists its own here.
    public static let mentionFields: [String: [String]] = [Activities.type.name: ["subject", "body"]]

    public static let subscriber = RecordChangeSubscriber(name: "notifications") { store, s, change in
        guard let after = change.after, let actor = change.actor.userID else { return }
        var recipients = Recipients(s)
        if change.type.hasOwner, let owner = after.ownerID, owner != actor, owner != change.before?.ownerID,
           try await recipients.maySee(owner, change.type, after, fields: [], catalog: store.catalog) {
            // The version makes a later hand-back-and-forth a new notification.
            try await NotificationStore.insert(s, recipient: owner, kind: .assigned, recordType: change.type.name, recordID: after.id, actor: actor,
                                               at: change.at, key: "assigned:\(change.type.name):\(after.id):\(after.version)")
        }
        guard let fields = mentionFields[change.type.name] else { return }
        func text(_ r: StoredRecord?) -> String { fields.compactMap { r?.fields[$0]?.stringValue }.joined(separator: "\n") }
        let now = text(after)
        guard now.contains("@") else { return }
        let people = try await recipients.people()
        let before = Set(Mentions.find(in: text(change.before), among: people))
        for id in Mentions.find(in: now, among: people) where id != actor && !before.contains(id) {
            guard try await recipients.maySee(id, change.type, after, fields: fields, catalog: store.catalog) else { continue }
            try await NotificationStore.insert(s, recipient: id, kind: .mentioned, recordType: change.type.name, recordID: after.id, actor: actor,
                                               at: change.at, key: "mentioned:\(change.type.name):\(after.id):\(id)")
        }
    }
}

/// The users a change may notify and what each may see, read through the write's own
/// session (see ``AccessDirectory/load(_:)``).
struct Recipients {
    let s: Session
    private var snapshot: AccessDirectory.Snapshot?
    private var users: [String: (role: String, person: Mentions.Person)]?

    init(_ s: Session) { self.s = s }

    /// Active users, who alone can be mentioned or notified.
    mutating func people() async throws -> [Mentions.Person] {
        try await load().values.map(\.person)
    }

    private mutating func load() async throws -> [String: (role: String, person: Mentions.Person)] {
        if let users { return users }
        var out: [String: (role: String, person: Mentions.Person)] = [:]
        for row in try await s.query("SELECT id, email, name, role FROM users WHERE active = 1") {
            guard let id = row.text("id") else { continue }
            out[id] = (row.text("role") ?? "", Mentions.Person(id: id, name: row.text("name") ?? "", email: row.text("email") ?? ""))
        }
        users = out
        return out
    }

    /// Whether `userID` is active, may read `type`, sees `record` under their visibility
    /// and sees the `fields` the notification is about (a hidden note body tells nothing).
    /// A child is seen only with its parent, by the same rule reads apply.
    mutating func maySee(_ userID: String, _ type: RecordType, _ record: StoredRecord, fields: [String], catalog: RecordCatalog) async throws -> Bool {
        guard let user = try await load()[userID] else { return false }
        if snapshot == nil { snapshot = try await AccessDirectory.load(s) }
        let viewer = AccessDirectory.viewer(userID: userID, roleName: user.role, in: snapshot!)
        guard viewer.role.allows(.read, on: type.name), viewer.canSee(type, ownerID: record.ownerID, fields: record.fields) else { return false }
        if type.parent != nil, let rule = viewer.visibility(type, in: catalog),
           try await s.query("SELECT 1 AS found FROM \(raw: type.name) WHERE id = \(record.id) AND \(RecordStore.condition(rule, qualifier: ""))").isEmpty {
            return false
        }
        let hidden = viewer.hiddenFields(type)
        return fields.isEmpty || fields.contains { !hidden.contains($0) && record.fields[$0]?.stringValue?.contains("@") == true }
    }
}
