import Foundation
import HTTPTypes
import HummingbirdTesting
import RapportKit
import RapportServer
import RapportStore
import Testing

/// Two application instances over one database, as several `rapport serve` processes
/// behind a load balancer: nothing one of them decides may live only in its memory.
@Suite struct SharedStateTests {
    static let password = "correct horse battery"

    func withTwoInstances(_ backend: Backend, _ body: @escaping @Sendable (API, API) async throws -> Void) async throws {
        try await TestDatabase.with(backend) { db in
            let token = try await TokenStore(db: db).create(name: "test").token
            let first = buildApplication(database: db, configuration: testConfiguration)
            let second = buildApplication(database: db, configuration: testConfiguration)
            try await first.test(.router) { a in
                try await second.test(.router) { b in
                    try await body(API(client: a, token: token, db: db), API(client: b, token: token, db: db))
                }
            }
        }
    }

    func failedSignIns(_ db: Database) async throws -> Int64 {
        try await db.read { s in try await s.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'signin.failed'").first?.int("n") ?? 0 }
    }

    @Test(arguments: Backend.available)
    func aThrottleOnOneInstanceHoldsOnTheOther(_ backend: Backend) async throws {
        try await withTwoInstances(backend) { a, b in
            try await a.user("target@example.com", role: "sales", password: Self.password)
            var browserA = PageClient(a)
            for _ in 0..<5 { #expect(try await browserA.signIn("target@example.com", "wrong password").status == .unauthorized) }
            #expect(try await browserA.signIn("target@example.com", "wrong password").status == .tooManyRequests)
            let failures = try await failedSignIns(a.db)
            // The right password on the other instance is not even checked.
            var browserB = PageClient(b)
            let reply = try await browserB.signIn("target@example.com", Self.password)
            #expect(reply.status == .tooManyRequests)
            #expect(Int(reply.headers[.retryAfter] ?? "") ?? 0 > 800)
            #expect(browserB.cookies["rapport_session"] == nil)
            #expect(try await failedSignIns(b.db) == failures)
        }
    }

    @Test(arguments: Backend.available)
    func aRevokedTokenStopsOnEveryInstanceWithinASecond(_ backend: Backend) async throws {
        try await withTwoInstances(backend) { a, b in
            let rep = try await a.user("rep@example.com", role: "sales")
            // Both instances have just accepted the token (and may remember it).
            #expect(try await a.call(.get, "/api/v1/me", token: rep.token).status == .ok)
            #expect(try await b.call(.get, "/api/v1/me", token: rep.token).status == .ok)
            let tokens = try await a.call(.get, "/api/v1/tokens", token: rep.token).object()["data"]?.arrayValue ?? []
            let id = tokens.first?.objectValue?.string("id") ?? ""
            #expect(try await a.call(.delete, "/api/v1/tokens/\(id)", token: rep.token).status == .noContent)
            #expect(try await a.call(.get, "/api/v1/me", token: rep.token).status == .unauthorized)
            try await Task.sleep(for: .milliseconds(1_050))
            #expect(try await b.call(.get, "/api/v1/me", token: rep.token).status == .unauthorized)
        }
    }

    @Test(arguments: Backend.available)
    func aDisabledUserStopsOnEveryInstanceWithinASecond(_ backend: Backend) async throws {
        try await withTwoInstances(backend) { a, b in
            let rep = try await a.user("gone@example.com", role: "sales")
            #expect(try await b.call(.get, "/api/v1/me", token: rep.token).status == .ok)
            #expect(try await a.call(.patch, "/api/v1/users/\(rep.id)", json: #"{"active":false}"#).status == .ok)
            try await Task.sleep(for: .milliseconds(1_050))
            #expect(try await b.call(.get, "/api/v1/me", token: rep.token).status == .unauthorized)
        }
    }
}
