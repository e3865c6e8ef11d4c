/// Saved list views: a user's named filters, sort and columns per record type.
enum Migration0003Views {
    static var migration: Migration {
        let statements = [
            """
            CREATE TABLE saved_views (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL, record_type TEXT NOT NULL, name TEXT NOT NULL, query TEXT NOT NULL,
            created_at TEXT NOT NULL, UNIQUE (user_id, record_type, name))
            """,
        ]
        return Migration(version: 3, name: "saved_views", sqlite: statements, postgres: statements)
    }
}
