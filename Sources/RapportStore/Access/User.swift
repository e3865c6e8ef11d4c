import RapportKit

/// A person who signs in. Users are not customer records: they own them.
public struct User: Sendable, Equatable {
    public var id: String
    public var email: String
    public var name: String
    public var role: String
    public var language: String?
    public var timeZone: String?
    public var active: Bool
    public var twoFactor: Bool
    public var teams: [String]
    public var createdAt: String
    /// Words the agent is good at ("billing", "API", "일본어"): a ticket tagged with one of
    /// them goes, in turn, to those who have it (``RoundRobin``).
    public var skills: [String] = []

    public var json: JSONObject {
        JSONObject([
            ("id", .string(id)), ("email", .string(email)), ("name", .string(name)), ("role", .string(role)),
            ("language", language.map(JSONValue.string) ?? .null), ("time_zone", timeZone.map(JSONValue.string) ?? .null),
            ("active", .bool(active)), ("two_factor", .bool(twoFactor)), ("teams", .array(teams.map(JSONValue.string))),
            ("created_at", .string(createdAt)), ("skills", .array(skills.map(JSONValue.string))),
        ])
    }

    static let columns = "id, email, name, role, language, time_zone, active, totp_secret, created_at, skills"

    /// The stored `skills` column (a JSON list) as words; a missing or unreadable one is none.
    static func skills(_ stored: String?) -> [String] {
        stored.flatMap { try? JSONValue.parse($0) }?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    static func decode(_ row: Row, teams: [String]) -> User {
        User(
            id: row.text("id") ?? "", email: row.text("email") ?? "", name: row.text("name") ?? "", role: row.text("role") ?? "viewer",
            language: row.text("language"), timeZone: row.text("time_zone"), active: row.int("active") == 1,
            twoFactor: row.text("totp_secret") != nil, teams: teams, createdAt: row.text("created_at") ?? "",
            skills: skills(row.text("skills")))
    }
}
