/// Access and trust: passwords and two-factor secrets on users, teams, stored role grants,
/// page sessions, password reset links, and the audit log's hash chain.
enum Migration0002Access {
    private static func statements(sqlite: Bool) -> [String] {
        let int = sqlite ? "INTEGER" : "BIGINT"
        let nf = sqlite ? "" : " NULLS FIRST"
        // Own and team visibility list a user's records newest first: the owner index
        // carries the default sort, so a rep's first page reads fifty rows, not all of theirs.
        let ownerIndexes = ["organizations", "people", "activities"].flatMap { t in [
            "DROP INDEX \(t)_owner",
            "CREATE INDEX \(t)_owner ON \(t) (owner_id\(nf), updated_at\(nf), id) WHERE deleted_at IS NULL",
        ] }
        return ownerIndexes + [
            "ALTER TABLE users ADD COLUMN password_hash TEXT",
            "ALTER TABLE users ADD COLUMN totp_secret TEXT",
            "ALTER TABLE users ADD COLUMN totp_last_step \(int)",
            "ALTER TABLE users ADD COLUMN updated_at TEXT",
            """
            CREATE TABLE teams (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, manager_id TEXT, created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE team_members (
            team_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (team_id, user_id))
            """,
            "CREATE INDEX team_members_user ON team_members (user_id)",
            """
            CREATE TABLE roles (
            name TEXT PRIMARY KEY, label TEXT NOT NULL, grants TEXT NOT NULL, updated_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE sessions (
            id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, csrf_token TEXT NOT NULL, created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, address TEXT, user_agent TEXT,
            pending_two_factor \(int) NOT NULL DEFAULT 0)
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
            """
            CREATE TABLE password_resets (
            token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT)
            """,
            "ALTER TABLE audit_log ADD COLUMN salt TEXT",
            "ALTER TABLE audit_log ADD COLUMN digest TEXT",
            "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT",
            "ALTER TABLE audit_log ADD COLUMN hash TEXT",
            "ALTER TABLE audit_log ADD COLUMN redacted \(int) NOT NULL DEFAULT 0",
            "CREATE INDEX audit_log_actor ON audit_log (actor_id, seq)",
            "CREATE INDEX audit_log_action ON audit_log (action, seq)",
            "CREATE INDEX audit_log_type ON audit_log (record_type, seq)",
        ]
    }

    static var migration: Migration {
        Migration(version: 2, name: "access", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
    }
}
