import RapportKit

/// Quote, order and ticket numbers (`Q-2026-0001`, `O-2026-0001`, `T-2026-000123`, with `digits` places): one counter per prefix and year
/// in `number_sequences`, advanced by a single upsert inside the write's transaction. Two
/// quotes saved at the same moment wait on the counter's row (PostgreSQL) or the single
/// writer (SQLite) and never share a number; counting existing rows could not promise that.
enum DocumentNumbers {
    /// The next number for `prefix` in the year of `now`. A counter that does not exist yet
    /// starts after the numbers already in `table` (rows written before counters existed).
    ///
    /// `gapless: false` is for numbers that must be unique and rising but may skip (ticket
    /// numbers): on PostgreSQL they come from a sequence (``sequenceValue(_:name:table:)``),
    /// which no transaction waits on. A counter row is locked until its writer commits, so
    /// every ticket opened at the same moment (eight mails delivered at once) would queue
    /// behind the first for the whole of its transaction. Quotes and orders keep the counter:
    /// their numbers go on documents where a gap needs explaining.
    static func next(_ s: Session, prefix: String, table: String, now: String, digits: Int = 4, gapless: Bool = true) async throws -> String {
        let year = String(now.prefix(4))
        let name = prefix + "-" + year
        if !gapless, s.dialect == .postgres {
            let text = String(try await sequenceValue(s, name: name, table: table))
            return name + "-" + String(repeating: "0", count: max(0, digits - text.count)) + text
        }
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

    /// The next value of `name`'s sequence (`number_t_2026`), made on the year's first use
    /// to start after every number the counter or the table already holds (a database
    /// copied from SQLite brings its counters; numbers written by hand are counted too).
    /// Two writers making it at once: the second one's create fails and is taken back to
    /// its savepoint, and it uses the sequence the first one made.
    static func sequenceValue(_ s: Session, name: String, table: String) async throws -> Int64 {
        let sequence = "number_" + name.lowercased().replacingOccurrences(of: "-", with: "_")
        let next: SQL = "SELECT nextval(to_regclass(\(sequence))) AS value"
        if let value = try await s.query(next).first?.int("value") { return value }
        let pattern = "^" + name + "-[0-9]{1,18}$"
        let start = try await s.query("""
            SELECT GREATEST(COALESCE((SELECT value FROM number_sequences WHERE name = \(name)), 0),
            COALESCE((SELECT MAX(CAST(substr(number, \(raw: String(name.count + 2))) AS BIGINT)) FROM \(raw: table) WHERE number ~ \(pattern)), 0)) + 1 AS start
            """).first?.int("start") ?? 1
        do {
            try await RecordStore.savepoint(s) {
                try await s.execute("CREATE SEQUENCE IF NOT EXISTS \(raw: sequence) START WITH \(raw: String(start))")
            }
        } catch {
            s.logger.notice("Number sequence made by another writer first", metadata: ["sequence": "\(sequence)"])
        }
        guard let value = try await s.query(next).first?.int("value") else {
            throw DatabaseError.configuration("The number sequence \(sequence) could not be made.")
        }
        return value
    }
}
