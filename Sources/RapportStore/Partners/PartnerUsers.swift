import RapportKit

/// Which users are partner users of a partnership: the one binding the partner portal's
/// visibility rule reads (``VisibilityRule/partner(field:partnerships:flag:)``). Linking
/// needs a user whose role sees partnerships by partnership (the built-in `partner` role
/// or one like it), so a colleague is never turned into a partner by accident.
public struct PartnerUsers: Sendable {
    public struct Link: Sendable {
        public var userID: String
        public var email: String
        public var name: String
        public var active: Bool
        public var linkedAt: String

        public var json: JSONObject {
            JSONObject([("user_id", .string(userID)), ("email", .string(email)), ("name", .string(name)), ("active", .bool(active)), ("linked_at", .string(linkedAt))])
        }
    }

    let store: RecordStore

    public init(store: RecordStore) {
        self.store = store
    }

    /// The partnership as the actor may change it: 404 when they cannot see it, 403 when
    /// they may not change it.
    func partnership(_ id: String, actor: Actor) async throws -> StoredRecord {
        let type = try await store.type(named: Partnerships.type.name)
        let record = try await store.get(type, id: id, actor: actor)
        try store.require(.update, type, actor)
        return record
    }

    public func list(partnershipID: String, actor: Actor) async throws -> [Link] {
        _ = try await store.get(try await store.type(named: Partnerships.type.name), id: partnershipID, actor: actor)
        return try await store.db.read { s in
            try await s.query("""
                SELECT u.id, u.email, u.name, u.active, l.created_at FROM partner_users l JOIN users u ON u.id = l.user_id
                WHERE l.partnership_id = \(partnershipID) ORDER BY u.email
                """).map { row in
                Link(userID: row.text("id") ?? "", email: row.text("email") ?? "", name: row.text("name") ?? "", active: row.int("active") == 1, linkedAt: row.text("created_at") ?? "")
            }
        }
    }

    public func link(partnershipID: String, userID: String, actor: Actor) async throws -> Link {
        _ = try await partnership(partnershipID, actor: actor)
        let now = Timestamp.format(WriteRules.clock())
        try await store.db.transaction { s in
            guard let role = try await s.query("SELECT role FROM users WHERE id = \(userID)").first?.text("role") else {
                throw RecordError.invalid([FieldError(field: "user_id", code: "invalid_reference", message: "No user has the id \(userID).")])
            }
            let grants = try await AccessDirectory.roles(s)[role]?.grant(for: Partnerships.type.name)
            guard grants?.visibility == .partnership else {
                throw RecordError.invalid([FieldError(field: "user_id", code: "not_partner_role", message: "Give the user a partner role first: their role must see partnerships by partnership.")])
            }
            try await s.execute("INSERT INTO partner_users (user_id, partnership_id, created_at) VALUES (\(userID), \(partnershipID), \(now)) ON CONFLICT DO NOTHING")
            try await AuditLog.append(s, actor: actor, action: "partner_user.link", type: Partnerships.type.name, id: partnershipID,
                                      changes: .object(JSONObject([("user_id", .string(userID))])), at: now)
        }
        guard let link = try await list(partnershipID: partnershipID, actor: actor).first(where: { $0.userID == userID }) else {
            throw RecordError.notFound(type: "partner_users", id: userID)
        }
        return link
    }

    public func unlink(partnershipID: String, userID: String, actor: Actor) async throws {
        _ = try await partnership(partnershipID, actor: actor)
        let now = Timestamp.format(WriteRules.clock())
        try await store.db.transaction { s in
            guard try await s.query("SELECT user_id FROM partner_users WHERE user_id = \(userID) AND partnership_id = \(partnershipID)").first != nil else {
                throw RecordError.notFound(type: "partner_users", id: userID)
            }
            try await s.execute("DELETE FROM partner_users WHERE user_id = \(userID) AND partnership_id = \(partnershipID)")
            try await AuditLog.append(s, actor: actor, action: "partner_user.unlink", type: Partnerships.type.name, id: partnershipID,
                                      changes: .object(JSONObject([("user_id", .string(userID))])), at: now)
        }
    }
}
