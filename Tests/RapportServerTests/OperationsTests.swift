import Foundation
import HummingbirdTesting
import RapportKit
import RapportServer
import RapportStore
import Testing

/// Backups, restores and the move from SQLite to PostgreSQL.
@Suite struct OperationsTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-ops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func people(_ file: String) async throws -> [String] {
        let db = try await Database.open(.sqlite(path: file), maxConnections: 1)
        let names = try await db.read { s in try await s.query("SELECT display_name FROM people ORDER BY display_name").compactMap { $0.text("display_name") } }
        await db.close()
        return names
    }

    @Test func backupWhileServingThenRestore() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withAPI(.sqlite) { api in
            _ = try await api.create("people", #"{"display_name":"Backed Up","emails":["kept@example.com"]}"#)
            let backup = dir.appendingPathComponent("backup.db").path
            let checked = try await SQLiteBackup.backup(api.db, to: backup)
            #expect(checked.version == Migrator.latestVersion)
            #expect(checked.audit.isIntact && checked.audit.checked > 0)
            await #expect(throws: DatabaseError.self) { try await SQLiteBackup.backup(api.db, to: backup) }
            _ = try await api.create("people", #"{"display_name":"After The Backup"}"#)

            let target = dir.appendingPathComponent("restored.db").path
            // A file a server has marked as its own is not replaced without --force.
            let marker = try ServingMarker.claim(target)
            await #expect(throws: DatabaseError.self) { try await SQLiteBackup.restore(backup, into: target) }
            #expect(!FileManager.default.fileExists(atPath: target))
            let restored = try await SQLiteBackup.restore(backup, into: target, force: true)
            marker.release()
            #expect(restored.audit.isIntact)
            #expect(try await people(target) == ["Backed Up"])

            // Files that are not intact Rapport databases are refused, and the target stays.
            let junk = dir.appendingPathComponent("junk.db").path
            try Data("not a database at all, just some words".utf8).write(to: URL(fileURLWithPath: junk))
            do {
                _ = try await SQLiteBackup.restore(junk, into: target)
                Issue.record("a file that is not a database was restored")
            } catch let error as DatabaseError {
                #expect(error.description == "\(junk) is not an SQLite database.")
            }
            let bare = dir.appendingPathComponent("bare.db").path
            let other = try await Database.open(.sqlite(path: bare), maxConnections: 1)
            try await other.transaction { s in try await s.execute("CREATE TABLE notes (body TEXT)") }
            await other.close()
            await #expect(throws: DatabaseError.self) { try await SQLiteBackup.restore(bare, into: target) }
            let tampered = dir.appendingPathComponent("tampered.db").path
            try FileManager.default.copyItem(atPath: backup, toPath: tampered)
            let edit = try await Database.open(.sqlite(path: tampered), maxConnections: 1)
            try await edit.transaction { s in try await s.execute("UPDATE audit_log SET actor_id = 'someone' WHERE action = 'create'") }
            await edit.close()
            do {
                _ = try await SQLiteBackup.restore(tampered, into: target)
                Issue.record("a backup with a broken audit log was restored")
            } catch let error as DatabaseError {
                #expect(error.description.contains("audit log is broken"))
            }
            #expect(try await people(target) == ["Backed Up"])
        }
    }

    /// A whole installation moves from SQLite to PostgreSQL: every table with the same
    /// counts, the audit chain intact, the search index rebuilt, the API answering.
    @Test(arguments: Backend.available.filter { $0 == .postgres })
    func copyMovesAnInstallationToPostgres(_ backend: Backend) async throws {
        try await withAPI(.sqlite) { api in
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"shoe_size","kind":"number","label":"Shoe size"}"#).status == .created)
            let org = try await api.create("organizations", #"{"name":"Copy Corp","domain":"copy.example"}"#)
            let person = try await api.create("people", """
                {"display_name":"김보경","emails":["bokyung@example.com"],"organization_id":"\(org.string("id") ?? "")","shoe_size":250}
                """)
            let id = person.string("id") ?? ""
            _ = try await api.call(.patch, "/api/v1/people/\(id)", json: #"{"job_title":"CFO"}"#)
            for i in 0..<5 { _ = try await api.create("tags", #"{"name":"tag \#(i)"}"#) }
            let rep = try await api.user("rep@example.com", role: "sales")
            let sourceReport = try await AuditChain.verify(api.db)

            try await TestDatabase.with(backend) { target in
                let summary = try await InstallationCopy.copy(from: api.db, to: target, batch: 2)
                let tables = Dictionary(uniqueKeysWithValues: summary.tables.map { ($0.table, $0) })
                #expect(summary.countsMatch, "\(summary.tables)")
                for name in ["people", "organizations", "tags", "users", "api_tokens", "audit_log", "audit_head", "custom_fields", "record_keys"] {
                    #expect(tables[name] != nil, "\(name) was not copied")
                }
                #expect(tables["tags"]?.target == 5 && tables["users"]?.target == 2)
                #expect(summary.audit.isIntact && summary.audit.checked == sourceReport.checked)
                #expect(summary.indexed >= 7)
                // Copying into a target that is in use is refused.
                await #expect(throws: DatabaseError.self) { try await InstallationCopy.copy(from: api.db, to: target) }

                let app = buildApplication(database: target, configuration: testConfiguration)
                try await app.test(.router) { client in
                    let moved = API(client: client, token: api.token, db: target)
                    let read = try await moved.call(.get, "/api/v1/people/\(id)")
                    #expect(read.status == .ok)
                    let body = try read.object()
                    #expect(body.string("display_name") == "김보경" && body.string("job_title") == "CFO")
                    #expect(body["shoe_size"]?.stringValue == "250" || body["shoe_size"] == .number("250"))
                    #expect(try await moved.names("/api/v1/people?q=보경") == ["김보경"])
                    #expect(try await moved.names("/api/v1/people?q=Copy") == ["김보경"])
                    #expect(try await moved.call(.get, "/api/v1/me", token: rep.token).status == .ok)
                    // Sequences continue after the copied rows.
                    _ = try await moved.create("tags", #"{"name":"after the move"}"#)
                    #expect(try await AuditChain.verify(target).isIntact)
                }
            }
        }
    }
}
