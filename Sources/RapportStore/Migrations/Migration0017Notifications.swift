/// In-app notifications: who is told, why, about which record and by whom. The
/// idempotency key makes a retried write or a job run twice tell a user once.
enum Migration0017Notifications {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return [
            """
            CREATE TABLE notifications (
            id \(text) PRIMARY KEY, recipient_id \(text) NOT NULL, kind \(text) NOT NULL, record_type \(text) NOT NULL, record_id \(text) NOT NULL,
            actor_id \(text), created_at \(text) NOT NULL, read_at \(text), idempotency_key \(text) NOT NULL UNIQUE)
            """,
            // A user's list, newest first, paged by (created_at, id).
            "CREATE INDEX notifications_recipient ON notifications (recipient_id, created_at, id)",
            // The unread count on every page.
            "CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL",
        ]
    }

    static let migration = Migration(version: 17, name: "notifications", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
