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
        do {
            db.auditSigning.signer = try auditSigner()
        } catch {
            await db.close()
            throw error
        }
        return db
    }
}

extension DatabaseOptions {
    /// The record engine over `database`, with the field cipher (``cipher()``):
    /// every command that writes records encrypts sensitive fields the same way the server
    /// does.
    func store(_ database: Database) throws -> RecordStore {
        RecordStore(db: database, cipher: try cipher())
    }

    /// ``store(_:)`` once the field key is known to fit the database: commands
    /// that read or write sensitive values stop here rather than read them as empty or
    /// store them in plain text.
    func checkedStore(_ database: Database, createKey: Bool = false) async throws -> RecordStore {
        // A key made for this database is written only once the database accepts it, so
        // a lost key file is reported, not silently replaced by a new one that opens nothing.
        let fresh = createKey ? try freshSideKey() : nil
        let store = try fresh.map { RecordStore(db: database, cipher: $0.cipher) } ?? self.store(database)
        do {
            try await store.verifyFieldKey()
        } catch let error as FieldKeyError {
            await database.close()
            if let fresh {
                throw CommandFailure("This database's encrypted values were written with a key that is not at \(fresh.path): put that key file back, or name it with RAPPORT_SECRET_KEY_FILE. (\(error.description))")
            }
            throw CommandFailure(error.description)
        }
        if let fresh {
            database.auditSigning.signer = AuditHeadSigner(fieldKey: fresh.cipher, checkpointPath: AuditHeadSigner.checkpointPath(besideKey: fresh.path))
            guard FileManager.default.createFile(atPath: fresh.path, contents: Data((fresh.text + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                await database.close()
                throw CommandFailure("Cannot write the field key \(fresh.path).")
            }
            note("Wrote a new field key to \(fresh.path): it encrypts two-step secrets and sensitive fields. Keep a copy apart from database backups.")
        }
        if let cipher = store.cipher {
            let sealed = try await TwoFactorSecrets.sealStored(db: database, cipher: cipher)
            if sealed > 0 { note("Sealed \(sealed) two-step \(sealed == 1 ? "secret" : "secrets") stored before this key was given.") }
        }
        return store
    }

    /// A new key for an SQLite file that has none beside it and no key named, not yet
    /// written; nil when a key is already there or named.
    private func freshSideKey() throws -> (path: String, text: String, cipher: FieldCipher)? {
        if let named = ProcessInfo.processInfo.environment["RAPPORT_SECRET_KEY_FILE"], !named.isEmpty { return nil }
        guard let path = try sideKeyPath(), !FileManager.default.fileExists(atPath: path) else { return nil }
        let text = FieldCipher.newKeyText()
        guard let bytes = Data(base64Encoded: text) else { return nil }
        return (path, text, FieldCipher(keyBytes: Array(bytes)))
    }

    private func sideKeyPath() throws -> String? {
        guard case .sqlite(let file) = try DatabaseURL(url), file != ":memory:" else { return nil }
        return file + ".key"
    }

    /// The field key: the file `RAPPORT_SECRET_KEY_FILE` names, else, for an SQLite file,
    /// the key kept beside it (`rapport.db.key`), which `serve` makes on first start
    /// (``checkedStore(_:createKey:)``), so a one-command installation seals two-step
    /// secrets and sensitive fields from the start and a copy of the database file alone
    /// does not open them. PostgreSQL has no file to sit beside: its operators name a key.
    func cipher() throws -> FieldCipher? {
        try keyPath().map(Self.loadKey)
    }

    /// The file the field key is read from, when there is one.
    func keyPath() throws -> String? {
        if let path = ProcessInfo.processInfo.environment["RAPPORT_SECRET_KEY_FILE"], !path.isEmpty { return path }
        guard let path = try sideKeyPath(), FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }

    /// The audit head's signer: a subkey of the field key, with this host's checkpoint
    /// beside the key file (`rapport.db.key.audit-head`).
    func auditSigner() throws -> AuditHeadSigner? {
        guard let path = try keyPath() else { return nil }
        return AuditHeadSigner(fieldKey: try Self.loadKey(path), checkpointPath: AuditHeadSigner.checkpointPath(besideKey: path))
    }

    static func loadKey(_ path: String) throws -> FieldCipher {
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
