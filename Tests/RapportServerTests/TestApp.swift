import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RapportKit
import RapportServer
import RapportStore
import Testing

/// The databases the suite runs on: SQLite always, PostgreSQL when
/// `RAPPORT_TEST_POSTGRES` names a server (CI starts one).
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [Backend] {
        ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }
}

/// A fresh, migrated database for one test: a temporary SQLite file, or a PostgreSQL
/// schema of its own that is dropped afterwards.
struct TestDatabase {
    static func with<T>(_ backend: Backend, _ body: (Database) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let db = try await Database.open(.sqlite(path: dir.appendingPathComponent("test.db").path))
            try await Migrator.migrate(db)
            do {
                let result = try await body(db)
                await db.close()
                return result
            } catch {
                await db.close()
                throw error
            }
        case .postgres:
            // Swift Testing starts every test at once; a test's pools would together ask
            // the server for more connections than it allows (53300), so a bounded number
            // of PostgreSQL tests hold a schema at a time.
            await PostgresSlots.shared.enter()
            defer { Task { await PostgresSlots.shared.leave() } }
            let base = ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"]!
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await Database.open(.postgres(url: base), maxConnections: 1)
            do {
                try await admin.transaction { s in try await s.execute(SQL("CREATE SCHEMA \(raw: schema)")) }
            } catch {
                await admin.close()
                throw error
            }
            let separator = base.contains("?") ? "&" : "?"
            let db = try await Database.open(.postgres(url: base + separator + "schema=\(schema)"), maxConnections: 4)
            func cleanup() async {
                await db.close()
                try? await admin.transaction { s in try await s.execute(SQL("DROP SCHEMA \(raw: schema) CASCADE")) }
                await admin.close()
            }
            do {
                try await Migrator.migrate(db)
                let result = try await body(db)
                await cleanup()
                return result
            } catch {
                await cleanup()
                throw error
            }
        }
    }
}

/// At most `limit` PostgreSQL test databases open at once, each test waiting its turn in
/// arrival order.
actor PostgresSlots {
    static let shared = PostgresSlots(limit: 16)
    private let limit: Int
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty { inUse -= 1 } else { waiters.removeFirst().resume() }
    }
}

/// A client bound to one running test application with an admin token.
struct API {
    let client: any TestClientProtocol
    let token: String
    let db: Database

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, headers extra: HTTPFields = [:], token: String? = nil) async throws -> Reply {
        var headers = extra
        if headers[.authorization] == nil { headers[.authorization] = "Bearer \(token ?? self.token)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    func raw(_ method: HTTPRequest.Method, _ uri: String, body: ByteBuffer, headers: HTTPFields) async throws -> Reply {
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        return Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// Creates a record and returns its JSON, failing the test on anything but 201.
    func create(_ type: String, _ json: String) async throws -> JSONObject {
        let reply = try await call(.post, "/api/v1/\(type)", json: json)
        #expect(reply.status == .created, "\(reply.body)")
        return try reply.object()
    }

    /// Adds a user through the admin API, with a token acting for them.
    @discardableResult
    func user(_ email: String, role: String, teams: [String] = [], password: String? = nil, scope: String = "write") async throws -> TestUser {
        var body = JSONObject([("email", .string(email)), ("role", .string(role)), ("teams", .array(teams.map(JSONValue.string)))])
        if let password { body["password"] = .string(password) }
        let reply = try await call(.post, "/api/v1/users", json: JSONValue.object(body).serialized())
        #expect(reply.status == .created, "\(reply.body)")
        let token = try await TokenStore(db: db).create(name: email, userEmail: email, scope: scope).token
        return TestUser(id: try reply.object().string("id") ?? "", email: email, token: token)
    }

    /// Creates a team through the admin API.
    func team(_ name: String, manager: String? = nil) async throws {
        var body = JSONObject([("name", .string(name))])
        if let manager { body["manager_id"] = .string(manager) }
        let reply = try await call(.post, "/api/v1/teams", json: JSONValue.object(body).serialized())
        #expect(reply.status == .created, "\(reply.body)")
    }

    func names(_ uri: String, field: String = "display_name") async throws -> [String] {
        let reply = try await call(.get, uri)
        #expect(reply.status == .ok, "\(reply.body)")
        return try reply.object()["data"]?.arrayValue?.compactMap { $0.objectValue?[field]?.stringValue } ?? []
    }
}

struct TestUser {
    var id: String
    var email: String
    var token: String
}

struct Reply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String

    func object() throws -> JSONObject {
        guard let o = try JSONValue.parse(body).objectValue else { throw TestFailure("not an object: \(body)") }
        return o
    }

    /// The `field` names of a problem's `errors`.
    func errorFields() throws -> [String] {
        try object()["errors"]?.arrayValue?.compactMap { $0.objectValue?["field"]?.stringValue } ?? []
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The configuration tests run with: a cheap bcrypt cost and a fixed field key.
let testConfiguration = ServerConfiguration(cipher: FieldCipher(keyBytes: Array(repeating: 7, count: 32)), passwordCost: 4)

/// Runs `body` against the real application on a fresh database of `backend`.
func withAPI(_ backend: Backend, configuration: ServerConfiguration = testConfiguration, _ body: @escaping @Sendable (API) async throws -> Void) async throws {
    try await TestDatabase.with(backend) { db in
        let token = try await TokenStore(db: db).create(name: "test").token
        // One access-log line per request would bury the test output.
        var quiet = Logger(label: "rapport")
        quiet.logLevel = .warning
        let app = buildApplication(database: db, configuration: configuration, logger: quiet)
        try await app.test(.router) { client in
            try await body(API(client: client, token: token, db: db))
        }
    }
}

extension JSONObject {
    func string(_ key: String) -> String? { self[key]?.stringValue }
}

extension API {
    /// The `n` of one `SELECT COUNT(*) AS n …`, read straight from the database: what a
    /// test checks was (or was not) stored, whatever the API shows; -1 when nothing came back.
    func count(_ sql: SQL) async throws -> Int64 {
        try await db.read { s in try await s.query(sql).first?.int("n") ?? -1 }
    }
}
