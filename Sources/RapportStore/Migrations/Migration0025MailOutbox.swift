/// Mail as Rapport keeps it: one `mail_messages` table for what it sends now and what it
/// will receive later (direction, the thread keys, the parties, the bodies, the delivery
/// state), the records each message belongs to, and the relay settings row.
///
/// An outbound message's exact bytes (`raw`) are written at enqueue, `Message-ID` and
/// `Date` included, so a retry or a resend after a crash hands the relay the same
/// message, which receivers can recognise as one.
enum Migration0025MailOutbox {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        return [
            """
            CREATE TABLE mail_messages (
            id \(text) PRIMARY KEY, direction \(text) NOT NULL, message_id \(text) NOT NULL, in_reply_to \(text), reference_ids \(text),
            thread_key \(text), from_name \(text), from_address \(text) NOT NULL, to_addresses \(text) NOT NULL, cc_addresses \(text),
            subject \(text), text_body \(text), html_body \(text), raw \(text), raw_size \(int) NOT NULL,
            state \(text) NOT NULL, attempts \(int) NOT NULL DEFAULT 0, last_error \(text), server_reply \(text), send_claim \(text),
            created_by \(text), created_at \(text) NOT NULL, updated_at \(text) NOT NULL, sent_at \(text))
            """,
            // One row per message and direction: a received copy of a message we sent is its own row.
            "CREATE UNIQUE INDEX mail_messages_message_id ON mail_messages (message_id, direction)",
            "CREATE INDEX mail_messages_thread ON mail_messages (thread_key, created_at)",
            "CREATE INDEX mail_messages_state ON mail_messages (state, updated_at)",
            """
            CREATE TABLE mail_links (
            mail_id \(text) NOT NULL REFERENCES mail_messages (id) ON DELETE CASCADE, record_type \(text) NOT NULL, record_id \(text) NOT NULL,
            PRIMARY KEY (mail_id, record_type, record_id))
            """,
            // A record's timeline reads its messages from here.
            "CREATE INDEX mail_links_record ON mail_links (record_type, record_id)",
            """
            CREATE TABLE mail_settings (
            id INTEGER PRIMARY KEY CHECK (id = 1), host \(text) NOT NULL, port \(int) NOT NULL, security \(text) NOT NULL,
            username \(text), password_sealed \(text), from_name \(text), from_address \(text) NOT NULL,
            version \(int) NOT NULL, updated_at \(text) NOT NULL, updated_by \(text))
            """,
        ]
    }

    static let migration = Migration(version: 25, name: "mail outbox", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
