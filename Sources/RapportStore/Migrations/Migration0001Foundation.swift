/// The customer database: organizations, people, activities, tags, their keys, memberships
/// and search index, custom fields, audit trail, users and API tokens.
enum Migration0001Foundation {
    /// Columns every record table starts and ends with.
    private static func recordTable(_ name: String, _ columns: String, sqlite: Bool) -> String {
        let seq = sqlite ? "seq INTEGER PRIMARY KEY" : "seq BIGSERIAL PRIMARY KEY"
        let int = sqlite ? "INTEGER" : "BIGINT"
        let search = sqlite ? "" : "search TSVECTOR,\n"
        // Byte-order collation on PostgreSQL sorts and compares text exactly like SQLite.
        let text = sqlite ? " TEXT" : " TEXT COLLATE \"C\""
        return """
            CREATE TABLE \(name) (
            \(seq),
            id TEXT NOT NULL UNIQUE,
            \(columns),
            custom TEXT,
            \(search)owner_id TEXT,
            created_by TEXT,
            updated_by TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version \(int) NOT NULL DEFAULT 1,
            deleted_at TEXT,
            merged_into TEXT
            )
            """.replacingOccurrences(of: " TEXT", with: text)
    }

    private static let organizationColumns = """
        name TEXT, domain TEXT, website TEXT, industry TEXT, size_band TEXT, country TEXT, region TEXT, city TEXT,
        address TEXT, phones TEXT, parent_id TEXT, relationship_roles TEXT, lifecycle_stage TEXT,
        annual_revenue_amount %INT%, annual_revenue_currency TEXT, tags TEXT
        """
    private static let peopleColumns = """
        display_name TEXT, family_name TEXT, given_name TEXT, name_reading TEXT, emails TEXT, phones TEXT,
        job_title TEXT, organization_id TEXT, language TEXT, time_zone TEXT, lifecycle_stage TEXT, source TEXT, tags TEXT
        """
    private static let activityColumns = """
        kind TEXT, subject TEXT, body TEXT, occurred_at TEXT, due_at TEXT, completed_at TEXT, participants TEXT, links TEXT
        """
    private static let tagColumns = "name TEXT, color TEXT, description TEXT"

    /// Indexes for the default sort and the common filters; `NULLS FIRST` on PostgreSQL
    /// matches SQLite's order so one query serves both.
    private static func indexes(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        var out: [String] = []
        for (table, title) in [("organizations", "name"), ("people", "display_name"), ("activities", "subject"), ("tags", "name")] {
            out.append("CREATE INDEX \(table)_updated ON \(table) (updated_at\(nf), id) WHERE deleted_at IS NULL")
            out.append("CREATE INDEX \(table)_created ON \(table) (created_at\(nf), id) WHERE deleted_at IS NULL")
            out.append("CREATE INDEX \(table)_title ON \(table) (\(title)\(nf), id) WHERE deleted_at IS NULL")
            if table != "tags" { out.append("CREATE INDEX \(table)_owner ON \(table) (owner_id\(nf), id) WHERE deleted_at IS NULL") }
        }
        out.append("CREATE INDEX people_organization ON people (organization_id\(nf), id) WHERE deleted_at IS NULL")
        out.append("CREATE INDEX organizations_parent ON organizations (parent_id\(nf), id) WHERE deleted_at IS NULL")
        out.append("CREATE INDEX activities_occurred ON activities (occurred_at\(nf), id) WHERE deleted_at IS NULL")
        out.append("CREATE INDEX activities_due ON activities (due_at\(nf), id) WHERE deleted_at IS NULL")
        return out
    }

    private static func common(sqlite: Bool) -> [String] {
        let int = sqlite ? "INTEGER" : "BIGINT"
        let seq = sqlite ? "seq INTEGER PRIMARY KEY" : "seq BIGSERIAL PRIMARY KEY"
        let withoutRowID = sqlite ? " WITHOUT ROWID" : ""
        return [
            """
            CREATE TABLE users (
            id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
            language TEXT, time_zone TEXT, active \(int) NOT NULL DEFAULT 1, created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
            scope TEXT NOT NULL, created_at TEXT NOT NULL, last_used_at TEXT, expires_at TEXT, revoked_at TEXT)
            """,
            """
            CREATE TABLE record_keys (
            record_type TEXT NOT NULL, key TEXT NOT NULL, record_id TEXT NOT NULL,
            PRIMARY KEY (record_type, key))\(withoutRowID)
            """,
            "CREATE INDEX record_keys_record ON record_keys (record_id)",
            """
            CREATE TABLE record_members (
            record_type TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, record_id TEXT NOT NULL,
            PRIMARY KEY (record_type, field, value, record_id))\(withoutRowID)
            """,
            "CREATE INDEX record_members_record ON record_members (record_id)",
            """
            CREATE TABLE custom_fields (
            id TEXT PRIMARY KEY, record_type TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL,
            options TEXT, required \(int) NOT NULL DEFAULT 0, sensitive \(int) NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, UNIQUE (record_type, name))
            """,
            """
            CREATE TABLE audit_log (
            \(seq), id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, actor_id TEXT, action TEXT NOT NULL,
            record_type TEXT, record_id TEXT, changes TEXT, request_id TEXT, address TEXT)
            """,
            "CREATE INDEX audit_log_record ON audit_log (record_id, at)",
            "CREATE INDEX audit_log_at ON audit_log (at)",
            """
            CREATE TABLE record_merges (
            from_id TEXT PRIMARY KEY, into_id TEXT NOT NULL, record_type TEXT NOT NULL, merged_at TEXT NOT NULL)
            """,
            "CREATE INDEX record_merges_into ON record_merges (into_id)",
        ]
    }

    static var migration: Migration {
        var sqlite = common(sqlite: true)
        var postgres = common(sqlite: false)
        for (name, cols) in [("organizations", organizationColumns), ("people", peopleColumns), ("activities", activityColumns), ("tags", tagColumns)] {
            sqlite.append(recordTable(name, cols.replacingOccurrences(of: "%INT%", with: "INTEGER"), sqlite: true))
            postgres.append(recordTable(name, cols.replacingOccurrences(of: "%INT%", with: "BIGINT"), sqlite: false))
            // Contentless: the index holds only terms, so the text is not stored twice.
            sqlite.append("CREATE VIRTUAL TABLE \(name)_search USING fts5(terms, content='', contentless_delete=1, tokenize='ascii', detail='none', prefix='2')")
            postgres.append("CREATE INDEX \(name)_search ON \(name) USING GIN (search)")
        }
        sqlite += indexes(sqlite: true)
        postgres += indexes(sqlite: false)
        return Migration(version: 1, name: "foundation", sqlite: sqlite, postgres: postgres)
    }
}
