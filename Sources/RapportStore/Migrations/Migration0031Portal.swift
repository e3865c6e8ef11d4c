/// The requester portal: one-time sign-in links sent by mail, the sessions they open (only
/// digests of both secrets are kept), and an organization's choice to let its people see
/// each other's tickets.
enum Migration0031Portal {
    private static func statements(sqlite: Bool) -> [String] {
        let int = sqlite ? "INTEGER" : "BIGINT"
        return [
            "ALTER TABLE organizations ADD COLUMN portal_shares_tickets \(int)",
            "CREATE TABLE portal_links (token_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT)",
            "CREATE INDEX portal_links_person ON portal_links (person_id)",
            """
            CREATE TABLE portal_sessions (
            id_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL, csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, address TEXT)
            """,
            "CREATE INDEX portal_sessions_person ON portal_sessions (person_id)",
        ]
    }

    static let migration = Migration(version: 31, name: "requester portal", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
