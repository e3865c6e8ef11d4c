/// Files attached to any record: one row of metadata each, the bytes kept outside the
/// database under their SHA-256 (see ``BlobStore``), so a backup of the rows stays small
/// and two uploads of one file are stored once.
enum Migration0016Attachments {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        return [
            """
            CREATE TABLE attachments (
            id \(text) PRIMARY KEY, record_type \(text) NOT NULL, record_id \(text) NOT NULL, file_name \(text) NOT NULL,
            size \(int) NOT NULL, sha256 \(text) NOT NULL, content_type \(text) NOT NULL,
            created_by \(text), created_at \(text) NOT NULL, deleted_at \(text))
            """,
            // A record's files, oldest first; and whether any live row still needs a blob.
            "CREATE INDEX attachments_record ON attachments (record_type, record_id, created_at)",
            "CREATE INDEX attachments_sha256 ON attachments (sha256)",
        ]
    }

    static let migration = Migration(version: 16, name: "attachments", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
