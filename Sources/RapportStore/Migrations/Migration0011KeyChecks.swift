/// The check value of each secret key the database depends on (the field key today), so
/// a server started with another key refuses to start instead of reading encrypted values
/// as empty.
enum Migration0011KeyChecks {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return ["CREATE TABLE key_checks (purpose \(text) PRIMARY KEY, key_id \(text) NOT NULL, check_value \(text) NOT NULL, created_at \(text) NOT NULL)"]
    }

    static let migration = Migration(version: 11, name: "key checks", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
