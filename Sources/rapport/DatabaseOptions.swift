import ArgumentParser
import Foundation
import Logging
import RapportStore

/// `--database`, shared by every command; falls back to `RAPPORT_DATABASE`, then to the
/// embedded SQLite file `rapport.db`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "sqlite:FILE (default sqlite:rapport.db) or postgres://user:pass@host:port/db. Also RAPPORT_DATABASE.")
    var database: String?

    var url: String {
        database ?? ProcessInfo.processInfo.environment["RAPPORT_DATABASE"] ?? "sqlite:rapport.db"
    }

    /// Opens the database. SQLite migrates itself; PostgreSQL must be migrated with
    /// `rapport migrate` (unless `migrate` is true), so several instances never race a
    /// schema change.
    func open(migrate: Bool = false, logger: Logger = Logger(label: "rapport")) async throws -> Database {
        let parsed = try DatabaseURL(url)
        let db = try await Database.open(parsed, logger: logger)
        do {
            _ = try await db.read { s in try await s.query("SELECT 1 AS ok") }
            if case .sqlite = parsed {
                try await Migrator.migrate(db)
            } else if migrate {
                try await Migrator.migrate(db)
            } else {
                let current = try await Migrator.currentVersion(db)
                if current < Migrator.latestVersion {
                    throw CommandFailure("The PostgreSQL schema is at version \(current), this build needs \(Migrator.latestVersion). Run `rapport migrate --database …` first.")
                }
            }
        } catch {
            await db.close()
            throw DatabaseError.explain(error, url: parsed).map(CommandFailure.init) ?? error
        }
        return db
    }
}

extension DatabaseOptions {
    /// The record engine over `database`, with the field cipher when
    /// `RAPPORT_SECRET_KEY_FILE` names a key: every command that writes records encrypts
    /// sensitive fields the same way the server does.
    func store(_ database: Database) throws -> RecordStore {
        RecordStore(db: database, cipher: try Self.cipher())
    }

    /// ``store(_:)`` once the field key is known to fit the database: commands that read or
    /// write sensitive values stop here rather than read them as empty or store them in
    /// plain text.
    func checkedStore(_ database: Database) async throws -> RecordStore {
        let store = try store(database)
        do {
            try await store.verifyFieldKey()
        } catch let error as FieldKeyError {
            await database.close()
            throw CommandFailure(error.description)
        }
        return store
    }

    static func cipher() throws -> FieldCipher? {
        guard let path = ProcessInfo.processInfo.environment["RAPPORT_SECRET_KEY_FILE"], !path.isEmpty else { return nil }
        do {
            return try FieldCipher(keyFile: path)
        } catch let error as DatabaseError {
            throw CommandFailure("\(error)")
        }
    }
}

/// Prints to standard error, which keeps standard output clean for tokens and exports.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
