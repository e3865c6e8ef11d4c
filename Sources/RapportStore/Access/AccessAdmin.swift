import Foundation
import RapportKit

/// Users, teams and roles: the admin's side of access. Every change is audited, and a
/// change of role, team or grants is recorded as a permission change.
public struct AccessAdmin: Sendable {
    public let db: Database
    public let directory: AccessDirectory
    public let catalog: RecordCatalog
    /// bcrypt work factor; tests lower it to keep thousands of hashes quick.
    public var passwordCost: UInt8
    /// Seals two-step secrets at rest (the field key); without one they are stored as they
    /// are, which the README says, since a database copy then holds them.
    public var cipher: FieldCipher?

    public init(db: Database, directory: AccessDirectory, catalog: RecordCatalog = .builtIn, passwordCost: UInt8 = 12, cipher: FieldCipher? = nil) {
        self.db = db
        self.directory = directory
        self.catalog = catalog
        self.passwordCost = passwordCost
        self.cipher = cipher
    }

    // MARK: Users

    public func users() async throws -> [User] {
        try await db.read { s in
            let teams = try await Self.teamNames(s)
            return try await s.query("SELECT \(raw: User.columns) FROM users ORDER BY email").map { User.decode($0, teams: teams[$0.text("id") ?? ""] ?? []) }
        }
    }

    public func user(id: String) async throws -> User? {
        try await db.read { s in try await Self.user(s, id: id) }
    }

    public func user(email: String) async throws -> User? {
        try await db.read { s in
            guard let row = try await s.query("SELECT \(raw: User.columns) FROM users WHERE email = \(email.trimmedWhitespace.lowercased())").first else { return nil }
            let id = row.text("id") ?? ""
            return User.decode(row, teams: try await Self.teamNames(s, of: id)[id] ?? [])
        }
    }

    static func user(_ s: Session, id: String) async throws -> User? {
        guard let row = try await s.query("SELECT \(raw: User.columns) FROM users WHERE id = \(id)").first else { return nil }
        return User.decode(row, teams: try await teamNames(s, of: id)[id] ?? [])
    }

    /// Team names per user; for one user (every page request reads its signed-in user)
    /// only their memberships are read.
    static func teamNames(_ s: Session, of userID: String? = nil) async throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        let only: SQL = userID.map { "WHERE m.user_id = \($0)" } ?? ""
        for row in try await s.query("SELECT m.user_id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id \(only) ORDER BY t.name") {
            if let u = row.text("user_id"), let t = row.text("name") { out[u, default: []].append(t) }
        }
        return out
    }

    /// `{ email, name?, role, teams?, language?, time_zone?, password? }`.
    public func addUser(_ body: JSONObject, actor: Actor) async throws -> User {
        var errors: [FieldError] = []
        for key in body.keys where !["email", "name", "role", "teams", "language", "time_zone", "password"].contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "A user has email, name, role, teams, language, time_zone and password."))
        }
        let email = body["email"]?.stringValue.flatMap { Email.normalize($0) }
        if email == nil { errors.append(FieldError(field: "email", code: body["email"] == nil ? "required" : "invalid_email", message: "A valid email address.")) }
        let role = body["role"]?.stringValue ?? "viewer"
        if try await directory.role(named: role) == nil { errors.append(FieldError(field: "role", code: "invalid_choice", message: "No role is named '\(role)'.")) }
        let password = body["password"]?.stringValue
        if let password, let problem = Passwords.problem(password) { errors.append(FieldError(field: "password", code: "weak_password", message: problem)) }
        errors += try await profileErrors(body)
        let teamIDs = try await teamIDs(body["teams"], errors: &errors)
        if !errors.isEmpty { throw RecordError.invalid(errors) }
        let hash = try await password.asyncMap { try await Passwords.hash($0, cost: passwordCost) }
        let id = RecordID.make(), now = Timestamp.format(Date())
        let name = body["name"]?.stringValue?.trimmedWhitespace ?? String(email!.prefix { $0 != "@" })
        let user = try await db.transaction { s in
            if let existing = try await s.query("SELECT id FROM users WHERE email = \(email!)").first {
                throw RecordError.duplicate(field: "email", value: email!, existingID: existing.text("id") ?? "")
            }
            try await s.execute("""
                INSERT INTO users (id, email, name, role, language, time_zone, active, created_at, updated_at, password_hash)
                VALUES (\(id), \(email!), \(name), \(role), \(body["language"]?.stringValue), \(body["time_zone"]?.stringValue), 1, \(now), \(now), \(hash))
                """)
            for team in teamIDs { try await s.execute("INSERT INTO team_members (team_id, user_id) VALUES (\(team), \(id))") }
            try await AuditLog.append(s, actor: actor, action: "user.create", type: "users", id: id, changes: .object(JSONObject([
                ("email", .string(email!)), ("role", .string(role)), ("teams", body["teams"] ?? .array([])),
            ])), at: now)
            return try await Self.user(s, id: id)!
        }
        directory.invalidate()
        return user
    }

    /// `{ name?, role?, teams?, language?, time_zone?, active?, skills? }`; a changed role
    /// or team is audited as a permission change. Skills follow the rules of tags.
    public func updateUser(id: String, _ body: JSONObject, actor: Actor) async throws -> User {
        var errors: [FieldError] = []
        for key in body.keys where !["name", "role", "teams", "language", "time_zone", "active", "skills"].contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "Users can change name, role, teams, language, time_zone, active and skills."))
        }
        var skills: JSONValue?
        if let value = body["skills"] {
            switch FieldValidator.canonical(value, for: FieldSpec("skills", .tags)) {
            case .success(let canonical): skills = canonical
            case .failure(let error): errors.append(error)
            }
        }
        if let role = body["role"] {
            if try await role.stringValue.asyncMap({ try await directory.role(named: $0) }) == nil {
                errors.append(FieldError(field: "role", code: "invalid_choice", message: "No such role."))
            }
        }
        if let active = body["active"], active.boolValue == nil { errors.append(FieldError(field: "active", code: "invalid_type", message: "true or false.")) }
        if let name = body["name"], name.stringValue?.trimmedWhitespace.isEmpty ?? true {
            errors.append(FieldError(field: "name", code: "invalid_type", message: "A non-empty name."))
        }
        errors += try await profileErrors(body)
        let teamIDs = body["teams"] == nil ? nil : try await teamIDs(body["teams"], errors: &errors)
        if !errors.isEmpty { throw RecordError.invalid(errors) }
        let now = Timestamp.format(Date())
        let user = try await db.transaction { s in
            guard let before = try await Self.user(s, id: id) else { throw RecordError.notFound(type: "users", id: id) }
            if before.id == actor.userID, body["active"]?.boolValue == false || (body["role"]?.stringValue).map({ $0 != before.role }) == true {
                throw RecordError.conflict("You cannot disable yourself or change your own role; ask another admin.")
            }
            var sets: [SQL] = ["updated_at = \(now)"]
            var changes = JSONObject()
            for key in ["name", "role", "language", "time_zone"] {
                guard let v = body[key] else { continue }
                sets.append("\(raw: key) = \(v.stringValue)")
                changes[key] = .array([.string(Self.value(before, key) ?? ""), v])
            }
            if let active = body["active"]?.boolValue {
                sets.append("active = \(active ? 1 : 0)")
                changes["active"] = .array([.bool(before.active), .bool(active)])
                if !active { try await s.execute("DELETE FROM sessions WHERE user_id = \(id)") }
            }
            try await s.execute("UPDATE users SET \(SQL.join(sets, ", ")) WHERE id = \(id)")
            if let skills {
                try await s.execute("UPDATE users SET skills = \(skills.serialized()) WHERE id = \(id)")
                changes["skills"] = .array([.array(before.skills.map(JSONValue.string)), skills])
            }
            if let teamIDs {
                try await s.execute("DELETE FROM team_members WHERE user_id = \(id)")
                for team in teamIDs { try await s.execute("INSERT INTO team_members (team_id, user_id) VALUES (\(team), \(id))") }
                changes["teams"] = .array([.array(before.teams.map(JSONValue.string)), body["teams"]!])
            }
            let permission = changes["role"] != nil || changes["teams"] != nil || changes["active"] != nil
            try await AuditLog.append(s, actor: actor, action: permission ? "permission.change" : "user.update", type: "users", id: id, changes: .object(changes), at: now)
            return try await Self.user(s, id: id)!
        }
        directory.invalidate()
        return user
    }

    /// A user's own name, language and time zone: what anyone may change about themselves.
    public func updateProfile(id: String, _ body: JSONObject, actor: Actor) async throws -> User {
        var own = JSONObject()
        for key in ["name", "language", "time_zone"] { if let v = body[key] { own[key] = v } }
        if own.count == 0, let current = try await user(id: id) { return current }
        return try await updateUser(id: id, own, actor: actor)
    }

    static func value(_ u: User, _ key: String) -> String? {
        switch key {
        case "name": return u.name
        case "role": return u.role
        case "language": return u.language
        default: return u.timeZone
        }
    }

    public func disableUser(email: String, actor: Actor) async throws -> User {
        guard let user = try await user(email: email) else { throw RecordError.notFound(type: "users", id: email) }
        return try await updateUser(id: user.id, JSONObject([("active", .bool(false))]), actor: actor)
    }

    /// Sets a password and ends the user's sessions everywhere.
    public func setPassword(userID: String, _ password: String, actor: Actor) async throws {
        if let problem = Passwords.problem(password) { throw RecordError.invalid([FieldError(field: "password", code: "weak_password", message: problem)]) }
        let hash = try await Passwords.hash(password, cost: passwordCost)
        let now = Timestamp.format(Date())
        try await db.transaction { s in
            try await s.execute("UPDATE users SET password_hash = \(hash), updated_at = \(now) WHERE id = \(userID)")
            try await s.execute("DELETE FROM sessions WHERE user_id = \(userID)")
            try await AuditLog.append(s, actor: actor, action: "user.password", type: "users", id: userID, changes: nil, at: now)
        }
    }

    private func profileErrors(_ body: JSONObject) async throws -> [FieldError] {
        var errors: [FieldError] = []
        if let v = body["language"], !v.isNull, v.stringValue.flatMap(LanguageTag.canonical) == nil {
            errors.append(FieldError(field: "language", code: "invalid_language", message: "A language tag such as en, ko or ja."))
        }
        if let v = body["time_zone"], !v.isNull, v.stringValue.flatMap({ TimeZone(identifier: $0) }) == nil {
            errors.append(FieldError(field: "time_zone", code: "invalid_time_zone", message: "An IANA time zone such as Asia/Seoul."))
        }
        return errors
    }

    private func teamIDs(_ value: JSONValue?, errors: inout [FieldError]) async throws -> [String] {
        guard let value else { return [] }
        guard let names = value.arrayValue?.compactMap(\.stringValue), names.count == value.arrayValue?.count else {
            errors.append(FieldError(field: "teams", code: "invalid_type", message: "A list of team names."))
            return []
        }
        let teams = try await directory.teams()
        var ids: [String] = []
        for name in names {
            if let t = teams.first(where: { $0.name == name || $0.id == name }) { ids.append(t.id) } else {
                errors.append(FieldError(field: "teams", code: "invalid_reference", message: "No team is named '\(name)'."))
            }
        }
        return Array(Set(ids)).sorted()
    }

    // MARK: Teams

    static let teamFields = ["name", "manager_id", "support_address", "assignment", "unknown_senders"]

    /// `create` (the default, stored as null) or `review`; nil when absent.
    static func unknownSenders(_ value: JSONValue?, errors: inout [FieldError]) -> String?? {
        guard let value else { return nil }
        if value.isNull || value.stringValue == "create" { return .some(nil) }
        guard value.stringValue == "review" else {
            errors.append(FieldError(field: "unknown_senders", code: "invalid_choice", message: "Expected create or review."))
            return nil
        }
        return .some("review")
    }

    /// The assignment rule in a team body: absent (nil), cleared (`.some(nil)`) or a rule.
    static func assignment(_ value: JSONValue?, errors: inout [FieldError]) -> String?? {
        guard let value else { return nil }
        if value.isNull || value.stringValue == "" || value.stringValue == "none" { return .some(nil) }
        guard let rule = value.stringValue, TicketAssignment.rules.contains(rule) else {
            errors.append(FieldError(field: "assignment", code: "invalid_choice", message: "Expected round_robin, none or null."))
            return nil
        }
        return .some(rule)
    }

    /// `{ name, manager_id?, support_address? }`; members join through their user's `teams`.
    public func createTeam(_ body: JSONObject, actor: Actor) async throws -> Team {
        var errors: [FieldError] = []
        for key in body.keys where !Self.teamFields.contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "A team has name, manager_id, support_address, assignment and unknown_senders."))
        }
        let address = Self.supportAddress(body["support_address"], errors: &errors)
        let rule = Self.assignment(body["assignment"], errors: &errors) ?? nil
        let holding = Self.unknownSenders(body["unknown_senders"], errors: &errors) ?? nil
        let name = body["name"]?.stringValue?.trimmedWhitespace ?? ""
        if name.isEmpty || name.count > 100 { errors.append(FieldError(field: "name", code: "required", message: "A team name of up to 100 characters.")) }
        let manager = body["manager_id"]?.stringValue
        if let manager, try await user(id: manager)?.active != true {
            errors.append(FieldError(field: "manager_id", code: "invalid_reference", message: "No active user has that id."))
        }
        if !errors.isEmpty { throw RecordError.invalid(errors) }
        let id = RecordID.make(), now = Timestamp.format(Date())
        try await db.transaction { s in
            if let existing = try await s.query("SELECT id FROM teams WHERE name = \(name)").first {
                throw RecordError.duplicate(field: "name", value: name, existingID: existing.text("id") ?? "")
            }
            try await Self.checkSupportAddress(s, address ?? nil, team: id)
            try await s.execute("""
                INSERT INTO teams (id, name, manager_id, support_address, assignment, unknown_senders, created_at)
                VALUES (\(id), \(name), \(manager), \(address ?? nil), \(rule), \(holding), \(now))
                """)
            try await AuditLog.append(s, actor: actor, action: "permission.change", type: "teams", id: id, changes: .object(JSONObject([
                ("name", .string(name)), ("manager_id", manager.map(JSONValue.string) ?? .null), ("support_address", (address ?? nil).map(JSONValue.string) ?? .null),
                ("assignment", rule.map(JSONValue.string) ?? .null), ("unknown_senders", .string(holding ?? "create")),
            ])), at: now)
        }
        directory.invalidate()
        return Team(id: id, name: name, managerID: manager, members: [], supportAddress: address ?? nil, assignment: rule, unknownSenders: holding)
    }

    /// `{ name?, manager_id?, support_address? }`.
    public func updateTeam(id: String, _ body: JSONObject, actor: Actor) async throws -> Team {
        var errors: [FieldError] = []
        for key in body.keys where !Self.teamFields.contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "A team has name, manager_id, support_address, assignment and unknown_senders."))
        }
        let address = Self.supportAddress(body["support_address"], errors: &errors)
        let rule = Self.assignment(body["assignment"], errors: &errors)
        let holding = Self.unknownSenders(body["unknown_senders"], errors: &errors)
        if let v = body["name"], (v.stringValue?.trimmedWhitespace ?? "").isEmpty || (v.stringValue?.count ?? 0) > 100 {
            errors.append(FieldError(field: "name", code: "invalid", message: "A team name of up to 100 characters."))
        }
        if let v = body["manager_id"], !v.isNull, try await v.stringValue.asyncMap({ try await user(id: $0) })??.active != true {
            errors.append(FieldError(field: "manager_id", code: "invalid_reference", message: "No active user has that id."))
        }
        if !errors.isEmpty { throw RecordError.invalid(errors) }
        let now = Timestamp.format(Date())
        try await db.transaction { s in
            guard let before = try await s.query("SELECT name, manager_id, support_address, assignment, unknown_senders FROM teams WHERE id = \(id)").first else { throw RecordError.notFound(type: "teams", id: id) }
            var sets: [SQL] = []
            var changes = JSONObject()
            if let name = body["name"]?.stringValue?.trimmedWhitespace {
                if try await !s.query("SELECT id FROM teams WHERE name = \(name) AND id <> \(id)").isEmpty {
                    throw RecordError.duplicate(field: "name", value: name, existingID: "")
                }
                sets.append("name = \(name)")
                changes["name"] = .array([.string(before.text("name") ?? ""), .string(name)])
            }
            if let manager = body["manager_id"] {
                sets.append("manager_id = \(manager.stringValue)")
                changes["manager_id"] = .array([before.text("manager_id").map(JSONValue.string) ?? .null, manager])
            }
            if let address {
                try await Self.checkSupportAddress(s, address, team: id)
                sets.append("support_address = \(address)")
                changes["support_address"] = .array([before.text("support_address").map(JSONValue.string) ?? .null, address.map(JSONValue.string) ?? .null])
            }
            if let rule {
                sets.append("assignment = \(rule)")
                changes["assignment"] = .array([before.text("assignment").map(JSONValue.string) ?? .null, rule.map(JSONValue.string) ?? .null])
            }
            if let holding {
                sets.append("unknown_senders = \(holding)")
                changes["unknown_senders"] = .array([.string(before.text("unknown_senders") ?? "create"), .string(holding ?? "create")])
            }
            guard !sets.isEmpty else { return }
            try await s.execute("UPDATE teams SET \(SQL.join(sets, ", ")) WHERE id = \(id)")
            try await AuditLog.append(s, actor: actor, action: "permission.change", type: "teams", id: id, changes: .object(changes), at: now)
        }
        directory.invalidate()
        guard let team = try await directory.teams().first(where: { $0.id == id }) else { throw RecordError.notFound(type: "teams", id: id) }
        return team
    }

    /// The support address in a team body: absent (nil), cleared (`.some(nil)`) or an
    /// address, lowercased as mail is matched.
    static func supportAddress(_ value: JSONValue?, errors: inout [FieldError]) -> String?? {
        guard let value else { return nil }
        if value.isNull { return .some(nil) }
        guard let text = value.stringValue?.trimmedWhitespace, !text.isEmpty else { return .some(nil) }
        guard let address = Email.normalize(text) else {
            errors.append(FieldError(field: "support_address", code: "invalid_email", message: "'\(text)' is not a valid email address."))
            return nil
        }
        return .some(address)
    }

    /// One group per support address: a second one would leave mail to it without an owner.
    static func checkSupportAddress(_ s: Session, _ address: String?, team: String) async throws {
        guard let address, let holder = try await s.query("SELECT id FROM teams WHERE support_address = \(address) AND id <> \(team)").first else { return }
        throw RecordError.duplicate(field: "support_address", value: address, existingID: holder.text("id") ?? "")
    }

    // MARK: Roles

    /// Removes a custom role no user holds.
    public func deleteRole(name: String, actor: Actor) async throws {
        if Role.builtIn(named: name) != nil { throw RecordError.conflict("Built-in roles cannot be removed; change their grants instead.") }
        let now = Timestamp.format(Date())
        try await db.transaction { s in
            guard try await !s.query("SELECT name FROM roles WHERE name = \(name)").isEmpty else { throw RecordError.notFound(type: "roles", id: name) }
            if let holder = try await s.query("SELECT email FROM users WHERE role = \(name) AND active = 1 LIMIT 1").first {
                throw RecordError.conflict("\(holder.text("email") ?? "A user") still has this role; give them another first.")
            }
            try await s.execute("DELETE FROM roles WHERE name = \(name)")
            try await AuditLog.append(s, actor: actor, action: "permission.change", type: "roles", id: name, changes: .object(JSONObject([("deleted", .bool(true))])), at: now)
        }
        directory.invalidate()
    }

    /// Creates or replaces a role's grants: `{ label?, grants: { type: grant } }`. The
    /// admin role cannot be narrowed.
    public func saveRole(name: String, _ body: JSONObject, actor: Actor) async throws -> Role {
        var errors: [FieldError] = []
        for key in body.keys where !["label", "grants"].contains(key) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "A role has label and grants."))
        }
        if name == Role.adminName { throw RecordError.conflict("The admin role always holds every right.") }
        if !Role.isValidName(name) {
            errors.append(FieldError(field: "name", code: "invalid_name", message: "Lower-case letters, digits and underscores, starting with a letter."))
        }
        let existing = try await directory.role(named: name)
        var grants = existing?.grants ?? [:]
        if let g = body["grants"] {
            grants = Role.parseGrants(g, knownTypes: Set(catalog.types.map(\.name)), errors: &errors)
        } else if existing == nil {
            errors.append(FieldError(field: "grants", code: "required", message: "A new role needs grants."))
        }
        if !errors.isEmpty { throw RecordError.invalid(errors) }
        let label = body["label"]?.stringValue ?? existing?.label ?? name
        let role = Role(name: name, label: label, isBuiltIn: Role.builtIn(named: name) != nil, grants: grants)
        let now = Timestamp.format(Date())
        let grantsJSON = JSONValue.object(role.json["grants"]?.objectValue ?? JSONObject())
        try await db.transaction { s in
            try await s.execute("DELETE FROM roles WHERE name = \(name)")
            try await s.execute("INSERT INTO roles (name, label, grants, updated_at) VALUES (\(name), \(label), \(grantsJSON.serialized()), \(now))")
            try await AuditLog.append(s, actor: actor, action: "permission.change", type: "roles", id: name, changes: .object(JSONObject([
                ("before", existing.map { .object($0.json) } ?? .null), ("after", .object(role.json)),
            ])), at: now)
        }
        directory.invalidate()
        return role
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
