/// Round-robin assignment: a group's rule, who is away, and the turn at which each member
/// of a group was last given a ticket (the rotation reads it to pick the one waiting longest).
enum Migration0030TicketAssignment {
    private static func statements(sqlite: Bool) -> [String] {
        let int = sqlite ? "INTEGER" : "BIGINT"
        return [
            "ALTER TABLE teams ADD COLUMN assignment TEXT",
            "CREATE TABLE user_away (user_id TEXT PRIMARY KEY, since TEXT NOT NULL)",
            "CREATE TABLE assignment_rotation (team_id TEXT NOT NULL, user_id TEXT NOT NULL, turn \(int) NOT NULL, PRIMARY KEY (team_id, user_id))",
        ]
    }

    static let migration = Migration(version: 30, name: "ticket assignment", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
