import ArgumentParser
import Foundation
import RapportStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the database to FILE (SQLite: a consistent copy while serving; PostgreSQL: prints the pg_dump command).")
    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The backup file to write; it must not exist.") var file: String

    func run() async throws {
        let url = try DatabaseURL(db.url)
        let database = try await db.open()
        switch url {
        case .sqlite:
            do {
                let checked = try await SQLiteBackup.backup(database, to: file)
                await database.close()
                print("Backed up to \(file): schema version \(checked.version), \(checked.audit.checked) audit entries verified.")
            } catch let error as DatabaseError {
                await database.close()
                throw CommandFailure(error.description)
            }
        case .postgres(let text):
            // `open` refused an older schema; a newer one is another build's database.
            let version = try await Migrator.currentVersion(database)
            await database.close()
            guard version == Migrator.latestVersion else {
                throw CommandFailure("The schema is at version \(version), this build at \(Migrator.latestVersion): back it up with the matching build.")
            }
            let target = try PostgresTarget(text)
            print("The schema is at version \(version), as this build expects. Back it up with:")
            print("  \(target.environment)pg_dump --format=custom --no-owner \(target.connection)\(target.schemaOption) --file \(shellQuoted(file))")
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore the database from a backup FILE (SQLite: checked, then swapped in; PostgreSQL: prints the pg_restore command).")
    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The backup file.") var file: String
    @Flag(help: "Restore even though a server is marked as using the database.") var force = false

    func run() async throws {
        switch try DatabaseURL(db.url) {
        case .sqlite(let path):
            do {
                let checked = try await SQLiteBackup.restore(file, into: path, force: force)
                print("Restored \(path) from \(file): schema version \(checked.version), \(checked.audit.checked) audit entries verified.")
                // A restore moves the audit head back on purpose: the checkpoint of the
                // replaced database would call that a rewind, so it is kept aside, not used.
                if let checkpoint = try db.auditSigner()?.checkpoint?.path, FileManager.default.fileExists(atPath: checkpoint) {
                    let aside = checkpoint + ".before-restore"
                    try? FileManager.default.removeItem(atPath: aside)
                    try FileManager.default.moveItem(atPath: checkpoint, toPath: aside)
                    note("The audit checkpoint of the replaced database was moved to \(aside).")
                }
            } catch let error as DatabaseError {
                throw CommandFailure(error.description)
            }
        case .postgres(let text):
            let target = try PostgresTarget(text)
            print("Restore into an empty database with:")
            print("  \(target.environment)pg_restore --no-owner --exit-on-error \(target.connection) \(shellQuoted(file))")
            print("then check it with `rapport migrate` and `rapport audit verify` against the same --database.")
        }
    }
}

struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Move a whole installation from SQLite into an empty PostgreSQL database, then compare and verify.")
    @Option(help: "The SQLite installation: sqlite:FILE.") var from: String
    @Option(help: "The empty PostgreSQL target: postgres://user:pass@host:port/db.") var to: String
    @Option(help: "Rows per batch.") var batch = 1000

    func run() async throws {
        guard (1...50_000).contains(batch) else { throw ValidationError("--batch is 1 to 50,000.") }
        let sourceURL = try DatabaseURL(from), targetURL = try DatabaseURL(to)
        guard case .sqlite(let path) = sourceURL, case .postgres = targetURL else {
            throw ValidationError("Copy goes from --from sqlite:FILE to --to postgres://…")
        }
        if let pid = ServingMarker.server(of: URL(fileURLWithPath: path).path) {
            note("A server (process \(pid)) is using \(path); the copy is a consistent snapshot, but later writes stay behind.")
        }
        // The source's key: the one RAPPORT_SECRET_KEY_FILE names, or the file's own.
        var sourceOptions = DatabaseOptions()
        sourceOptions.database = from
        let source = try await Database.open(sourceURL)
        let target: Database
        do {
            try await Migrator.migrate(source)
            target = try await Database.open(targetURL)
        } catch {
            await source.close()
            throw DatabaseError.explain(error, url: sourceURL).map(CommandFailure.init) ?? error
        }
        let summary: InstallationCopy.Summary
        do {
            summary = try await InstallationCopy.copy(from: source, to: target, cipher: try sourceOptions.cipher(), batch: batch) { table, rows in
                note("  \(table): \(rows) rows")
            }
        } catch let error as DatabaseError {
            await source.close()
            await target.close()
            throw CommandFailure(error.description)
        } catch {
            await source.close()
            await target.close()
            throw error
        }
        await source.close()
        await target.close()
        let width = max(5, summary.tables.map(\.table.count).max() ?? 0)
        print("table".padding(toLength: width, withPad: " ", startingAt: 0) + "      source      target")
        for t in summary.tables {
            let mark = t.source == t.target ? "" : "  MISMATCH"
            print(t.table.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: " %11lld %11lld", t.source, t.target) + mark)
        }
        print("Search index rebuilt for \(summary.indexed) records.")
        if let broken = summary.audit.firstBroken {
            throw CommandFailure("The copied audit log is broken at entry \(broken.seq) (\(broken.id)): \(broken.reason).")
        }
        guard summary.countsMatch else { throw CommandFailure("Row counts differ: see the table above.") }
        print("The audit log is intact on the target: \(summary.audit.checked) entries checked.")
    }
}

/// The parts of a PostgreSQL URL that `pg_dump` and `pg_restore` take as options. The
/// password is never printed: it goes in `PGPASSWORD` or `~/.pgpass`.
struct PostgresTarget {
    var host: String
    var port: Int
    var user: String
    var database: String
    var schema: String?
    var sslmode: String?
    var hasPassword: Bool

    init(_ text: String) throws {
        guard let c = URLComponents(string: text), let host = c.host, let user = c.user else {
            throw CommandFailure("Cannot read the PostgreSQL URL: expected postgres://user:pass@host:port/db.")
        }
        self.host = host
        self.port = c.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        self.database = path.isEmpty ? self.user : path
        self.schema = c.queryItems?.first { $0.name == "schema" }?.value
        self.sslmode = c.queryItems?.first { $0.name == "sslmode" }?.value
        self.hasPassword = c.password != nil
    }

    var environment: String {
        var out = hasPassword ? "PGPASSWORD=… " : ""
        if let sslmode { out += "PGSSLMODE=\(sslmode) " }
        return out
    }

    var connection: String {
        "--host \(shellQuoted(host)) --port \(port) --username \(shellQuoted(user)) --dbname \(shellQuoted(database))"
    }

    var schemaOption: String { schema.map { " --schema \(shellQuoted($0))" } ?? "" }
}

func shellQuoted(_ s: String) -> String {
    if s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:@".contains($0) }) { return s }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
