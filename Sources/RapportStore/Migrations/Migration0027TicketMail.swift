/// Mail into tickets: each group's support address, and a checksum beside every received
/// message's raw bytes.
///
/// A received message keeps its exact bytes (base64 in `raw`, since legacy charsets such as
/// Shift_JIS are not text) and their SHA-256, so what a customer sent can always be shown
/// and checked again, whatever the parser made of it.
enum Migration0027TicketMail {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return [
            "ALTER TABLE teams ADD COLUMN support_address \(text)",
            // One group per address; teams without one are many NULLs, which both databases allow.
            "CREATE UNIQUE INDEX teams_support_address ON teams (support_address)",
            "ALTER TABLE mail_messages ADD COLUMN raw_sha256 \(text)",
        ]
    }

    static let migration = Migration(version: 27, name: "ticket mail", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
