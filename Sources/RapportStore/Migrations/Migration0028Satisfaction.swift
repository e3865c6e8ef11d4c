/// Satisfaction surveys: the settings (one row), and each survey sent with its answer.
///
/// A survey row is what was asked and of whom; the answer lands on the requester's
/// timeline as an activity through the record engine, while reports read the row's score
/// beside the ticket's group and agent. The link's token is stored only as its SHA-256, so
/// a copy of the database opens no survey. One satisfaction survey per ticket (the unique
/// key), so a solve, a reopen and a second solve ask once, and two instances running the
/// sending job send one.
enum Migration0028Satisfaction {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        return [
            """
            CREATE TABLE satisfaction_settings (
            id INTEGER PRIMARY KEY, enabled INTEGER NOT NULL, scale \(text) NOT NULL, delay_minutes \(int) NOT NULL, public_url \(text),
            version \(int) NOT NULL, updated_at \(text) NOT NULL, updated_by \(text))
            """,
            """
            CREATE TABLE surveys (
            id \(text) PRIMARY KEY, kind \(text) NOT NULL, ticket_id \(text), person_id \(text) NOT NULL, scale \(text) NOT NULL,
            token_sha256 \(text) NOT NULL, language \(text) NOT NULL, sent_at \(text) NOT NULL, mail_id \(text),
            score INTEGER, comment \(text), responded_at \(text), activity_id \(text))
            """,
            "CREATE UNIQUE INDEX surveys_token ON surveys (token_sha256)",
            "CREATE UNIQUE INDEX surveys_ticket_kind ON surveys (ticket_id, kind)",
            "CREATE INDEX surveys_responded ON surveys (kind, responded_at) WHERE responded_at IS NOT NULL",
        ]
    }

    static let migration = Migration(version: 28, name: "satisfaction", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
