import Foundation
import RapportKit

/// Backups of an SQLite installation and their restoration.
public enum SQLiteBackup {
    public struct Checked: Sendable {
        public var version: Int
        public var audit: AuditChain.Report
    }

    /// Writes a consistent copy of the open database to `file` with `VACUUM INTO`, which
    /// reads one snapshot while the server keeps serving, then checks the copy.
    public static func backup(_ db: Database, to file: String) async throws -> Checked {
        guard db.dialect == .sqlite else { throw DatabaseError.configuration("VACUUM INTO backs up SQLite; use pg_dump for PostgreSQL.") }
        let target = URL(fileURLWithPath: file).path
        guard !FileManager.default.fileExists(atPath: target) else {
            throw DatabaseError.configuration("\(file) exists already; a backup never overwrites a file.")
        }
        try await db.read { s in try await s.execute("VACUUM INTO \(target)") }
        return try await check(target)
    }

    /// Opens `file` as a Rapport database and checks it: a schema version this build
    /// knows and an audit chain that verifies. Older versions are migrated, so the file
    /// is changed: check a copy. Messages call the file `name` (the backup a copy came from).
    public static func check(_ file: String, name: String? = nil) async throws -> Checked {
        let shown = name ?? file
        guard FileManager.default.fileExists(atPath: file) else { throw DatabaseError.configuration("\(shown) does not exist.") }
        let db = try await Database.open(.sqlite(path: file), maxConnections: 1)
        do {
            let version: Int
            do { version = try await Migrator.currentVersion(db) } catch {
                throw DatabaseError.configuration("\(shown) is not an SQLite database.")
            }
            guard version > 0 else { throw DatabaseError.configuration("\(shown) is not a Rapport database: it has no schema version.") }
            guard version <= Migrator.latestVersion else {
                throw DatabaseError.configuration("\(shown) is at schema version \(version), newer than this build (\(Migrator.latestVersion)).")
            }
            try await Migrator.migrate(db)
            let audit = try await AuditChain.verify(db)
            if let broken = audit.firstBroken {
                throw DatabaseError.configuration("\(shown)'s audit log is broken at entry \(broken.seq) (\(broken.id)): \(broken.reason).")
            }
            _ = try await db.read { s in try await s.query("PRAGMA wal_checkpoint(TRUNCATE)") }
            await db.close()
            return Checked(version: version, audit: audit)
        } catch {
            await db.close()
            throw error
        }
    }

    /// Replaces the database at `target` with the backup `file`, after checking a copy of
    /// it. Refuses while a server has `target` marked as served, unless `force`.
    public static func restore(_ file: String, into target: String, force: Bool = false) async throws -> Checked {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: target).path
        if !force, let pid = ServingMarker.server(of: target) {
            throw DatabaseError.configuration("A server (process \(pid)) may be using \(target): stop it first, or pass --force.")
        }
        guard fm.fileExists(atPath: file) else { throw DatabaseError.configuration("\(file) does not exist.") }
        let staging = target + ".restoring"
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: staging + suffix) }
        do {
            try fm.copyItem(atPath: file, toPath: staging)
            let checked = try await check(staging, name: file)
            for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: staging + suffix) }
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: target + suffix) }
            try fm.moveItem(atPath: staging, toPath: target)
            return checked
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: staging + suffix) }
            throw error
        }
    }
}
