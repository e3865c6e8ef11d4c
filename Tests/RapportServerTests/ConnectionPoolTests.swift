import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RapportKit
import RapportServer
import RapportStore
import Testing

@Suite("The connection pool recovers from lost connections and never parks a request")
struct ConnectionPoolTests {
    @Test("A health check that runs out of time while a connection is being opened leaves no connection open")
    func pingTimingOutWhileOpening() async throws {
        // The bound is shorter than opening a connection takes, so the check's task is
        // cancelled between the file's open and its settings: the half-opened connection
        // must still be closed (a dropped SQLite handle stops the process in debug builds).
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var answered = 0
        for round in 0..<40 {
            let db = try await Database.open(.sqlite(path: dir.appendingPathComponent("\(round).db").path))
            if await db.ping(within: .microseconds(round % 4 * 50)) { answered += 1 }
            // Let the cancelled check finish before the pool goes away.
            try await Task.sleep(for: .milliseconds(20))
            // The slot comes back. Under the whole suite's load a check may still find it
            // taken (and answer false at once, as a pool that is busy does), so it retries.
            var healthy = false
            for _ in 0..<60 where !healthy {
                healthy = await db.ping(within: .seconds(5))
                if !healthy { try await Task.sleep(for: .milliseconds(500)) }
            }
            #expect(healthy)
            await db.close()
        }
        #expect(answered < 40)
    }

    @Test("Connections the server killed are replaced and the next requests succeed")
    func killedConnections() async throws {
        guard let base = ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES"] else { return }
        try await withAPI(.postgres) { api in
            _ = try await api.create("organizations", #"{"name":"Before"}"#)
            // Four reads at once hold every pooled connection, so all their backends are named.
            let pids = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await api.db.read { s in try await s.query("SELECT pg_backend_pid() AS pid, pg_sleep(0.3)").first?.int("pid") } }
                }
                var out = Set<Int64>()
                for try await pid in group { if let pid { out.insert(pid) } }
                return out
            }
            #expect(!pids.isEmpty)
            let admin = try await Database.open(.postgres(url: base), maxConnections: 1)
            for pid in pids {
                _ = try await admin.read { s in try await s.query("SELECT CASE WHEN pg_terminate_backend(CAST(\(pid) AS INTEGER)) THEN 1 ELSE 0 END AS done") }
            }
            // Wait until the server has let them go.
            for _ in 0..<50 {
                let alive = try await admin.read { s in
                    try await s.query("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE pid IN (\(SQL.join(pids.map { "\($0)" }, ", ")))").first?.int("n")
                }
                if alive == 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            await admin.close()

            let list = try await api.call(.get, "/api/v1/organizations")
            #expect(list.status == .ok, "\(list.body)")
            let created = try await api.call(.post, "/api/v1/organizations", json: #"{"name":"After"}"#)
            #expect(created.status == .created, "\(created.body)")
            #expect(try await api.call(.get, "/healthz").status == .ok)
            let fresh = try await api.db.read { s in try await s.query("SELECT pg_backend_pid() AS pid").first?.int("pid") }
            #expect(fresh.map { !pids.contains($0) } == true)
        }
    }

    @Test("An acquire on an exhausted pool gives up after its timeout with a 503", arguments: Backend.available)
    func exhaustedPool(backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let token = try await TokenStore(db: db).create(name: "test").token
            var limits = DatabaseLimits()
            limits.acquireTimeout = .milliseconds(300)
            let small = try await Database.open(db.url, maxConnections: 1, limits: limits)
            // The only connection stays busy until the holder is cancelled.
            let holder = Task { try await small.read { _ in try await Task.sleep(for: .seconds(60)) } }
            try await Task.sleep(for: .milliseconds(100))

            let started = ContinuousClock.now
            await #expect(throws: DatabaseUnavailable(.poolExhausted)) {
                try await small.read { s in try await s.query("SELECT 1 AS ok") }
            }
            // Far sooner than the holder would let go (bounded loosely: timers run late on a
            // loaded machine).
            #expect(ContinuousClock.now - started < .seconds(20))

            let app = buildApplication(database: small, configuration: testConfiguration)
            try await app.test(.router) { client in
                let reply = try await client.execute(uri: "/api/v1/organizations", method: .get, headers: [.authorization: "Bearer \(token)"])
                #expect(reply.status == .serviceUnavailable)
                #expect(reply.headers[.retryAfter] != nil)
                #expect(reply.headers[.contentType] == "application/problem+json")
                #expect(!String(buffer: reply.body).contains("PSQL"))
                // The health check has a connection of its own: a busy pool is not a down database.
                let health = try await client.execute(uri: "/healthz", method: .get)
                #expect(health.status == .ok)
            }
            holder.cancel()
            _ = await holder.result
            // Once the connection is back, the same pool serves again.
            #expect(try await small.read { s in try await s.query("SELECT 1 AS ok").count } == 1)
            await small.close()
        }
    }
}
