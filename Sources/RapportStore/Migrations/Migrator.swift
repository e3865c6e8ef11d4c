import RapportKit
import Foundation

/// Applies pending migrations in order, each in its own transaction, and records them in
/// `schema_migrations`.
public enum Migrator {
    public static var latestVersion: Int { Migrations.all.map(\.version).max() ?? 0 }

    /// Returns the versions it applied.
    @discardableResult
    public static func migrate(_ db: Database) async throws -> [Int] {
        try await db.transaction { s in
            try await s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        }
        var applied: [Int] = []
        for migration in Migrations.all {
            let done = try await db.transaction { s -> Bool in
                if s.dialect == .postgres {
                    // A migration may index millions of rows and may wait for another
                    // instance's: the per-connection timeouts are for requests, not for this.
                    try await s.execute("SET LOCAL statement_timeout = 0")
                    try await s.execute("SET LOCAL lock_timeout = 0")
                    try await s.execute("SELECT pg_advisory_xact_lock(7420151)")
                }
                let rows = try await s.query("SELECT version FROM schema_migrations WHERE version = \(migration.version)")
                if !rows.isEmpty { return false }
                for statement in migration.statements(for: s.dialect) {
                    try await s.execute(SQL(statement))
                }
                try await s.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(migration.version), \(migration.name), \(Timestamp.format(Date())))")
                return true
            }
            if done { applied.append(migration.version) }
        }
        return applied
    }

    /// The newest applied version, or 0 on an empty database.
    public static func currentVersion(_ db: Database) async throws -> Int {
        try await db.read { s in
            let exists: Bool
            if s.dialect == .sqlite {
                exists = !(try await s.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")).isEmpty
            } else {
                exists = !(try await s.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'")).isEmpty
            }
            guard exists else { return 0 }
            return Int(try await s.query("SELECT MAX(version) AS v FROM schema_migrations").first?.int("v") ?? 0)
        }
    }
}
