import Foundation
import HTTPTypes
import HummingbirdTesting
import RapportKit
import RapportServer
import RapportStore
import Testing

/// Wrong passwords sent all at once, through several instances over one database: the
/// throttle counts an attempt before the password is checked, in one atomic step, so at
/// most the limit of passwords is ever checked per window, however many race.
@Suite struct SignInRaceTests {
    static let password = "correct horse battery"

    func withThreeInstances(
        _ backend: Backend, configuration: ServerConfiguration = testConfiguration, _ body: @escaping @Sendable ([API]) async throws -> Void
    ) async throws {
        try await TestDatabase.with(backend) { db in
            let token = try await TokenStore(db: db).create(name: "test").token
            let apps = (0..<3).map { _ in buildApplication(database: db, configuration: configuration) }
            try await apps[0].test(.router) { a in
                try await apps[1].test(.router) { b in
                    try await apps[2].test(.router) { c in
                        try await body([a, b, c].map { API(client: $0, token: token, db: db) })
                    }
                }
            }
        }
    }

    func count(_ db: Database, _ statement: SQL) async throws -> Int64 {
        try await db.read { s in try await s.query(statement).first?.int("n") ?? -1 }
    }

    @Test(arguments: Backend.available)
    func thirtyParallelWrongPasswordsCheckAtMostTheLimit(_ backend: Backend) async throws {
        try await withThreeInstances(backend) { instances in
            try await instances[0].user("victim@example.com", role: "sales", password: Self.password)
            // Every client has its form token before any of them posts.
            var clients: [PageClient] = []
            for i in 0..<30 {
                var client = PageClient(instances[i % 3])
                _ = try await client.request(.get, "/signin")
                clients.append(client)
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (i, client) in clients.enumerated() {
                    group.addTask {
                        var client = client
                        let token = client.cookies[FormTokenCookie.name] ?? ""
                        return try await client.request(.post, "/signin", form: [("_csrf", token), ("email", "victim@example.com"), ("password", "wrong \(i)")]).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let db = instances[0].db
            // Every password checked and wrong leaves a signin.failed entry.
            let checked = try await count(db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'signin.failed'")
            #expect(checked == 5, "\(checked) passwords were checked")
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 25)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM signin_failures WHERE scope = 'account'") == 5)
            // The right password waits too, on every instance.
            for instance in instances {
                var late = PageClient(instance)
                #expect(try await late.signIn("victim@example.com", Self.password).status == .tooManyRequests)
            }
        }
    }

    /// A success gives back what its attempt counted: the account starts afresh, and the
    /// address keeps only the failures, not the successful attempt.
    @Test(arguments: Backend.available)
    func aSuccessClearsTheAccountAndLeavesTheAddressUncounted(_ backend: Backend) async throws {
        var configuration = testConfiguration
        configuration.behindProxy = true
        try await withThreeInstances(backend, configuration: configuration) { instances in
            try await instances[0].user("regular@example.com", role: "sales", password: Self.password)
            func attempt(_ instance: API, _ password: String) async throws -> HTTPResponse.Status {
                var browser = PageClient(instance)
                _ = try await browser.request(.get, "/signin")
                let token = browser.cookies[FormTokenCookie.name] ?? ""
                return try await browser.request(.post, "/signin", form: [("_csrf", token), ("email", "regular@example.com"), ("password", password)],
                                                 headers: [.init("X-Forwarded-For")!: "198.51.100.23"]).status
            }
            for i in 0..<4 { #expect(try await attempt(instances[i % 3], "wrong") == .unauthorized) }
            #expect(try await attempt(instances[1], Self.password) == .seeOther)
            let db = instances[0].db
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM signin_failures WHERE scope = 'account'") == 0)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM signin_failures WHERE scope = 'address' AND key = '198.51.100.23'") == 4)
            // The account starts afresh: four more wrong passwords still get checked.
            for i in 0..<4 { #expect(try await attempt(instances[i % 3], "wrong again") == .unauthorized) }
            #expect(try await attempt(instances[2], Self.password) == .seeOther)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM signin_failures WHERE scope = 'address' AND key = '198.51.100.23'") == 8)
        }
    }
}

/// The form-token cookie the sign-in page sets; its value is also the form's `_csrf`.
enum FormTokenCookie {
    static let name = "rapport_form"
}
