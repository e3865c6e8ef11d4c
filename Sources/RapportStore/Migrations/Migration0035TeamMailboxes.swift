/// A group's IMAP mailbox (``MailboxSettings``) and how far it has been read: the folder's
/// `UIDVALIDITY` and the last UID taken, so a restart or another instance resumes where
/// the last run stopped. The password is sealed with the field key.
enum Migration0035TeamMailboxes {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        return [
            """
            CREATE TABLE team_mailboxes (
            team_id \(text) PRIMARY KEY, host \(text) NOT NULL, port \(int) NOT NULL, security \(text) NOT NULL, username \(text) NOT NULL,
            password_sealed \(text), folder \(text) NOT NULL, enabled INTEGER NOT NULL, uid_validity \(int), last_uid \(int) NOT NULL DEFAULT 0,
            last_checked_at \(text), last_error \(text), taken \(int) NOT NULL DEFAULT 0, updated_at \(text) NOT NULL)
            """,
        ]
    }

    static let migration = Migration(version: 35, name: "team mailboxes", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
