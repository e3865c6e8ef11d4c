/// Mail from unknown senders held for review: a group may ask for it (`teams.unknown_senders`
/// = `review`), and a held message remembers the group it was for until someone takes it
/// in or discards it.
enum Migration0036HeldMail {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return [
            "ALTER TABLE teams ADD COLUMN unknown_senders \(text)",
            "ALTER TABLE mail_messages ADD COLUMN held_team_id \(text)",
            "CREATE INDEX mail_messages_held ON mail_messages (created_at, id) WHERE state = 'held'",
        ]
    }

    static let migration = Migration(version: 36, name: "held mail", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
