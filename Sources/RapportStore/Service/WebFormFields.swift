import Foundation
import RapportKit

/// Which ticket fields a group's public form asks for: the ticket's type and any custom
/// ticket field an admin made (an order number, a product, a date of purchase), so each
/// group asks what its agents need before the first answer. A stranger's values are checked
/// by the engine exactly as an agent's would be; sensitive (encrypted) fields and the
/// fields agents decide (priority, group, assignee, status, tags) are never offered.
public struct WebFormFields: Sendable {
    /// Kinds a person can fill in a plain form field.
    static let kinds: Set<String> = ["text", "number", "date", "boolean", "choice"]
    public static let maxFields = 20

    let store: RecordStore

    public init(store: RecordStore) {
        self.store = store
    }

    /// The ticket fields a form may ask for, as the type stands now (custom fields come and go).
    public func eligible() async throws -> [FieldSpec] {
        try await store.db.read { s in try await eligible(s) }
    }

    func eligible(_ s: Session) async throws -> [FieldSpec] {
        let tickets = try await store.type(named: Tickets.type.name, in: s)
        return tickets.fields.filter { field in
            if field.name == "ticket_type" { return true }
            guard field.isCustom, !field.sensitive else { return false }
            return Self.kinds.contains(Self.kindName(field.kind))
        }
    }

    /// Every group's chosen fields, in one read (the teams page lists them all).
    public func chosenByTeam() async throws -> [String: [FieldSpec]] {
        try await store.db.read { s in
            let byName = Dictionary(try await eligible(s).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            var out: [String: [FieldSpec]] = [:]
            for row in try await s.query("SELECT team_id, fields FROM web_form_fields") {
                guard let team = row.text("team_id") else { continue }
                out[team] = Self.names(row.text("fields")).compactMap { byName[$0] }
            }
            return out
        }
    }

    static func names(_ stored: String?) -> [String] {
        stored.flatMap { try? JSONValue.parse($0) }?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The group's chosen fields in order; one deleted since is left out.
    public func chosen(team: String) async throws -> [FieldSpec] {
        try await store.db.read { s in try await chosen(s, team: team) }
    }

    func chosen(_ s: Session, team: String) async throws -> [FieldSpec] {
        let names = Self.names(try await s.query("SELECT fields FROM web_form_fields WHERE team_id = \(team)").first?.text("fields"))
        guard !names.isEmpty else { return [] }
        let byName = Dictionary(try await eligible(s).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return names.compactMap { byName[$0] }
    }

    /// Replaces the group's list (admins); every wrong name is named at once and nothing
    /// changes. An unchanged list writes nothing; a change is audited.
    @discardableResult
    public func replace(team: String, _ value: JSONValue?, actor: Actor) async throws -> [FieldSpec] {
        if let viewer = actor.viewer, !viewer.role.isAdmin { throw RecordError.forbidden("Only admins choose a form's fields.") }
        guard let items = value?.arrayValue else {
            throw RecordError.invalid([FieldError(field: "fields", code: "invalid_type", message: "A list of ticket field names.")])
        }
        let now = Timestamp.format(Date())
        return try await store.db.transaction { s in
            guard try await !s.query("SELECT id FROM teams WHERE id = \(team)").isEmpty else { throw RecordError.notFound(type: "teams", id: team) }
            let eligible = Set(try await eligible(s).map(\.name))
            var names: [String] = []
            var errors: [FieldError] = []
            if items.count > Self.maxFields { errors.append(FieldError(field: "fields", code: "too_many", message: "At most \(Self.maxFields) fields.")) }
            for item in items {
                guard let name = item.stringValue else {
                    errors.append(FieldError(field: "fields", code: "invalid_type", message: "Field names are strings."))
                    continue
                }
                if !eligible.contains(name) {
                    errors.append(FieldError(field: "fields", code: "invalid_choice", message: "'\(name.prefix(60))' is not a ticket field a form can ask for. Choose from: \(eligible.sorted().joined(separator: ", "))."))
                } else if !names.contains(name) {
                    names.append(name)
                }
            }
            guard errors.isEmpty else { throw RecordError.invalid(errors) }
            let before = try await s.query("SELECT fields FROM web_form_fields WHERE team_id = \(team)").first?.text("fields")
                .flatMap { try? JSONValue.parse($0) } ?? .array([])
            let after = JSONValue.array(names.map(JSONValue.string))
            if before != after {
                try await s.execute("""
                    INSERT INTO web_form_fields (team_id, fields, updated_at) VALUES (\(team), \(after.serialized()), \(now))
                    ON CONFLICT (team_id) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at
                    """)
                try await AuditLog.append(s, actor: actor, action: "team.form_fields", type: "teams", id: team, changes: .object(JSONObject([("fields", .array([before, after]))])), at: now)
            }
            return try await chosen(s, team: team)
        }
    }

    static func kindName(_ kind: FieldKind) -> String {
        switch kind {
        case .text, .longText: "text"
        case .number: "number"
        case .date: "date"
        case .boolean: "boolean"
        case .choice: "choice"
        default: "other"
        }
    }
}
