import RapportKit

/// Quote, order and ticket numbers (`Q-2026-0001`, `O-2026-0001`, `T-2026-000123`, with `digits` places): one counter per prefix and year
/// in `number_sequences`, advanced by a single upsert inside the write's transaction. Two
/// quotes saved at the same moment wait on the counter's row (PostgreSQL) or the single
/// writer (SQLite) and never share a number; counting existing rows could not promise that.
enum DocumentNumbers {
    /// The next number for `prefix` in the year of `now`. A counter that does not exist yet
    /// starts after the numbers already in `table` (rows written before counters existed).
    static func next(_ s: Session, prefix: String, table: String, now: String, digits: Int = 4) async throws -> String {
        let year = String(now.prefix(4))
        let name = prefix + "-" + year
        // The usual case is one indexed update; counting the numbers already in the table
        // (a scan) happens only for the year's first number.
        var value = try await s.query("UPDATE number_sequences SET value = value + 1 WHERE name = \(name) RETURNING value").first?.int("value")
        if value == nil {
            let start: SQL = "(SELECT COUNT(DISTINCT number) FROM \(raw: table) WHERE number LIKE \(name + "-%")) + 1"
            value = try await s.query("""
                INSERT INTO number_sequences (name, value) VALUES (\(name), \(start))
                ON CONFLICT (name) DO UPDATE SET value = number_sequences.value + 1 RETURNING value
                """).first?.int("value")
        }
        let n = value ?? 1
        let text = String(n)
        return name + "-" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
