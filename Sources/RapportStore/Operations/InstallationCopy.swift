import Foundation
import RapportKit

/// Moves a whole installation from an SQLite file into an empty, migrated PostgreSQL
/// database: every table row for row (records, users, tokens, sessions, custom fields,
/// the audit log with its chain and head, counters), then the sequences and the search
/// index, which PostgreSQL keeps in a column SQLite does not have.
///
/// The source is read in one read transaction, so a copy taken while a server still
/// runs is a consistent snapshot; the target is written in one transaction, so a failed
/// copy leaves it empty. Rows move in batches, each read by key after the last one, so
/// memory stays flat however large the tables are.
public enum InstallationCopy {
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var source: Int64
        public var target: Int64
    }

    public struct Summary: Sendable {
        public var tables: [TableCount]
        public var indexed: Int
        public var audit: AuditChain.Report

        public var countsMatch: Bool { tables.allSatisfy { $0.source == $0.target } }
    }

    public static func copy(
        from source: Database, to target: Database, cipher: FieldCipher? = nil, batch: Int = 1000, progress: @Sendable (String, Int64) -> Void = { _, _ in }
    ) async throws -> Summary {
        guard source.dialect == .sqlite, target.dialect == .postgres else {
            throw DatabaseError.configuration("Copy moves an SQLite installation to PostgreSQL: --from sqlite:FILE --to postgres://…")
        }
        let sourceVersion = try await Migrator.currentVersion(source)
        guard sourceVersion == Migrator.latestVersion else {
            throw DatabaseError.configuration("The source is at schema version \(sourceVersion), this build at \(Migrator.latestVersion): open it with this build first.")
        }
        try await Migrator.migrate(target)
        let targetColumns = try await postgresColumns(target)
        let used = try await target.read { s in
            try await s.query("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM api_tokens) + (SELECT COUNT(*) FROM audit_log) AS n").first?.int("n") ?? 0
        }
        guard used == 0 else { throw DatabaseError.configuration("The target already has users, tokens or audit entries: copy into an empty database.") }

        let tables = try await sqliteTables(source)
        for table in tables {
            guard let columns = targetColumns[table.name] else {
                throw DatabaseError.configuration("The target has no table \(table.name): is it at the same schema version?")
            }
            for column in table.columns where columns[column.name] == nil {
                throw DatabaseError.configuration("The target's \(table.name) has no column \(column.name).")
            }
        }
        try await source.read { src in
            try await src.execute("BEGIN")
            do {
                try await target.transaction { dst in
                    for table in tables {
                        // Rows a migration seeded (the chain's head) come from the source.
                        try await dst.execute("DELETE FROM \(raw: quoted(table.name))")
                        try await copyRows(table, integers: targetColumns[table.name] ?? [:], from: src, to: dst, batch: batch, progress: progress)
                    }
                    try await resetSequences(dst)
                }
                try await src.execute("COMMIT")
            } catch {
                try? await src.execute("ROLLBACK")
                throw error
            }
        }
        let indexed = try await RecordStore(db: target, cipher: cipher).rebuildSearchIndex(batch: batch)
        var counts: [TableCount] = []
        for table in tables {
            let a = try await source.read { s in try await s.query("SELECT COUNT(*) AS n FROM \(raw: quoted(table.name))").first?.int("n") ?? 0 }
            let b = try await target.read { s in try await s.query("SELECT COUNT(*) AS n FROM \(raw: quoted(table.name))").first?.int("n") ?? 0 }
            counts.append(TableCount(table: table.name, source: a, target: b))
        }
        return Summary(tables: counts, indexed: indexed, audit: try await AuditChain.verify(target))
    }

    struct Table {
        var name: String
        var columns: [(name: String, integer: Bool)]
        /// The columns rows are paged by: `rowid`, or the primary key of a table without one.
        var key: [(name: String, integer: Bool)]
    }

    /// Tables with data: not SQLite's own, not the search index (rebuilt on the target),
    /// not the migration log (the target has its own, checked to be at the same version).
    static func sqliteTables(_ db: Database) async throws -> [Table] {
        try await db.read { s in
            let rows = try await s.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            let virtual = rows.filter { ($0.text("sql") ?? "").uppercased().hasPrefix("CREATE VIRTUAL TABLE") }.compactMap { $0.text("name") }
            var tables: [Table] = []
            for row in rows {
                guard let name = row.text("name"), name != "schema_migrations", !virtual.contains(where: { name == $0 || name.hasPrefix($0 + "_") }) else { continue }
                let info = try await s.query("SELECT name, type, pk FROM pragma_table_info(\(name)) ORDER BY cid")
                let columns = info.map { (name: $0.text("name") ?? "", integer: ($0.text("type") ?? "").uppercased().contains("INT")) }
                let withoutRowID = (row.text("sql") ?? "").uppercased().contains("WITHOUT ROWID")
                let key = withoutRowID
                    ? info.filter { ($0.int("pk") ?? 0) > 0 }.sorted { ($0.int("pk") ?? 0) < ($1.int("pk") ?? 0) }.map { (name: $0.text("name") ?? "", integer: ($0.text("type") ?? "").uppercased().contains("INT")) }
                    : [(name: "rowid", integer: true)]
                tables.append(Table(name: name, columns: columns, key: key))
            }
            return tables
        }
    }

    /// Per table, per column: whether PostgreSQL stores it as an integer.
    static func postgresColumns(_ db: Database) async throws -> [String: [String: Bool]] {
        let rows = try await db.read { s in
            try await s.query("SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()")
        }
        var out: [String: [String: Bool]] = [:]
        for row in rows {
            guard let table = row.text("table_name"), let column = row.text("column_name") else { continue }
            out[table, default: [:]][column] = ["bigint", "integer", "smallint"].contains(row.text("data_type") ?? "")
        }
        return out
    }

    static func copyRows(
        _ table: Table, integers: [String: Bool], from src: Session, to dst: Session, batch: Int, progress: @Sendable (String, Int64) -> Void
    ) async throws {
        let columnList = table.columns.map { quoted($0.name) }.joined(separator: ", ")
        let keyAliases = table.key.indices.map { "rapport_key_\($0)" }
        let keySelect = zip(table.key, keyAliases).map { "\(quoted($0.name)) AS \($1)" }.joined(separator: ", ")
        let keyList = table.key.map { quoted($0.name) }.joined(separator: ", ")
        // PostgreSQL takes at most 65,535 binds a statement.
        let rowsPerInsert = max(1, min(batch, 30_000 / max(1, table.columns.count)))
        var last: [SQLValue]?
        var copied: Int64 = 0
        while true {
            var statement: SQL = "SELECT \(raw: keySelect), \(raw: columnList) FROM \(raw: quoted(table.name))"
            if let last {
                statement.append(raw: " WHERE (\(keyList)) > (")
                statement.append(SQL.join(last.map { "\($0)" }, ", "))
                statement.append(raw: ")")
            }
            statement.append(raw: " ORDER BY \(keyList) LIMIT \(batch)")
            let rows = try await src.query(statement)
            if rows.isEmpty { break }
            for start in stride(from: 0, to: rows.count, by: rowsPerInsert) {
                let values = rows[start..<min(start + rowsPerInsert, rows.count)].map { row -> SQL in
                    "(" + SQL.join(table.columns.map { column -> SQL in "\(value(row, column.name, integer: integers[column.name] ?? false))" }, ", ") + ")"
                }
                try await dst.execute("INSERT INTO \(raw: quoted(table.name)) (\(raw: columnList)) VALUES \(SQL.join(values, ", "))")
            }
            let end = rows[rows.count - 1]
            last = zip(table.key, keyAliases).map { value(end, $1, integer: $0.integer) }
            copied += Int64(rows.count)
            progress(table.name, copied)
            if rows.count < batch { break }
        }
    }

    static func value(_ row: Row, _ column: String, integer: Bool) -> SQLValue {
        if integer { return row.int(column).map(SQLValue.integer) ?? .null }
        return row.text(column).map(SQLValue.text) ?? .null
    }

    /// Serial columns continue after the copied rows.
    static func resetSequences(_ s: Session) async throws {
        let serials = try await s.query("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'
            """)
        for row in serials {
            guard let table = row.text("table_name"), let column = row.text("column_name") else { continue }
            try await s.execute("""
                SELECT setval(pg_get_serial_sequence(\(quoted(table)), \(column)), COALESCE(MAX(\(raw: quoted(column))), 0) + 1, false)
                FROM \(raw: quoted(table))
                """)
        }
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
