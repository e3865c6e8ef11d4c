import Foundation
import HTTPTypes
import HummingbirdOTP
import RapportKit
import RapportStore
import Testing

@Suite struct SignInTests {
    static let password = "correct horse battery"

    @Test(arguments: Backend.available)
    func signInSessionAndSignOut(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await api.user("ji-woo@example.com", role: "sales", password: Self.password)
            var browser = PageClient(api)
            let form = try await browser.request(.get, "/signin", headers: [.acceptLanguage: "ko-KR,ko;q=0.9,en;q=0.5"])
            #expect(form.body.contains(#"<html lang="ko">"#) && form.body.contains("로그인") && !form.body.contains("nil"))
            #expect(form.body.contains(#"<label for="email">"#))
            let reply = try await browser.signIn("Ji-Woo@Example.com", Self.password)
            #expect(reply.status == .seeOther)
            #expect(reply.headers[.location] == "/")
            let cookie = reply.headers[values: .setCookie].first { $0.hasPrefix("rapport_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let account = try await browser.request(.get, "/account")
            #expect(account.status == .ok && account.body.contains("ji-woo@example.com"))
            // The session also reaches the API: reads freely, writes only with the CSRF header.
            #expect(try await browser.request(.get, "/api/v1/me").status == .ok)
            let noHeader = try await browser.request(.post, "/api/v1/people", headers: [.contentType: "application/json"])
            #expect(noHeader.status == .forbidden)
            let csrf = PageClient.csrf(account.body) ?? ""
            var withHeader = try await api.raw(.post, "/api/v1/people", body: .init(string: #"{"display_name":"Via Session"}"#), headers: [
                .cookie: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), .contentType: "application/json", .init("X-CSRF-Token")!: csrf,
            ])
            #expect(withHeader.status == .created, "\(withHeader.body)")
            // Signing out needs the form's token; without it nothing happens.
            #expect(try await browser.request(.post, "/signout", form: [("_csrf", "forged")]).status == .forbidden)
            #expect(try await browser.request(.get, "/account").status == .ok)
            let out = try await browser.request(.post, "/signout", form: [("_csrf", csrf)])
            #expect(out.status == .seeOther && out.headers[.location] == "/signin")
            withHeader = try await browser.request(.get, "/api/v1/me")
            #expect(withHeader.status == .unauthorized)
            let audit = try await api.call(.get, "/api/v1/audit?action=signin").body
            #expect(audit.contains("signin"))
        }
    }

    @Test(arguments: Backend.available)
    func formsWithoutTheirTokenAreRefused(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await api.user("mina@example.com", role: "viewer", password: Self.password)
            var browser = PageClient(api)
            _ = try await browser.request(.get, "/signin")
            let forged = try await browser.request(.post, "/signin", form: [("_csrf", String(repeating: "0", count: 64)), ("email", "mina@example.com"), ("password", Self.password)])
            #expect(forged.status == .forbidden)
            var stranger = PageClient(api)
            let missing = try await stranger.request(.post, "/signin", form: [("email", "mina@example.com"), ("password", Self.password)])
            #expect(missing.status == .forbidden)
            #expect(browser.cookies["rapport_session"] == nil && stranger.cookies["rapport_session"] == nil)
        }
    }

    @Test(arguments: Backend.available)
    func tenWrongPasswordsAreThrottled(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await api.user("target@example.com", role: "sales", password: Self.password)
            var browser = PageClient(api)
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for i in 0..<10 {
                let reply = try await browser.signIn("target@example.com", "wrong password \(i)")
                statuses.append(reply.status)
                if reply.status == .tooManyRequests { retryAfter = reply.headers[.retryAfter] }
            }
            #expect(Array(statuses.prefix(5)) == Array(repeating: .unauthorized, count: 5))
            #expect(Array(statuses.suffix(5)) == Array(repeating: .tooManyRequests, count: 5))
            #expect(Int(retryAfter ?? "") ?? 0 > 0)
            // Locked means locked: the right password waits too.
            #expect(try await browser.signIn("target@example.com", Self.password).status == .tooManyRequests)
            let failures = try await api.call(.get, "/api/v1/audit?action=signin.failed").object()["data"]?.arrayValue ?? []
            #expect(failures.count == 5)
        }
    }

    @Test(arguments: Backend.available)
    func twoStepVerification(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await api.user("kenji@example.com", role: "support", password: Self.password)
            var browser = PageClient(api)
            _ = try await browser.signIn("kenji@example.com", Self.password)
            let account = try await browser.request(.get, "/account")
            guard let r = account.body.range(of: #"name="secret" value=""#) else { Issue.record("no two-factor form"); return }
            let secret = String(account.body[r.upperBound...].prefix { $0 != "\"" })
            let csrf = PageClient.csrf(account.body) ?? ""
            let code = String(format: "%06d", TOTP(secret: secret).compute())
            let enabled = try await browser.request(.post, "/account/two-factor", form: [("_csrf", csrf), ("secret", secret), ("code", code)])
            #expect(enabled.status == .ok, "\(enabled.body)")
            // Next sign-in stops at the code; the pending session cannot use the API.
            var next = PageClient(api)
            let step1 = try await next.signIn("kenji@example.com", Self.password)
            #expect(step1.headers[.location] == "/signin/two-factor")
            #expect(try await next.request(.get, "/api/v1/me").status == .unauthorized)
            #expect(try await next.request(.get, "/account").status == .seeOther)
            let form = try await next.request(.get, "/signin/two-factor")
            let token = PageClient.csrf(form.body) ?? ""
            #expect(try await next.request(.post, "/signin/two-factor", form: [("_csrf", token), ("code", "000000")]).status == .unauthorized)
            // The code used to turn it on is spent; the next step's code works.
            let later = String(format: "%06d", TOTP(secret: secret).compute(date: Date().addingTimeInterval(30)))
            let done = try await next.request(.post, "/signin/two-factor", form: [("_csrf", token), ("code", later)])
            #expect(done.status == .seeOther && done.headers[.location] == "/")
            #expect(try await next.request(.get, "/api/v1/me").status == .ok)
        }
    }

    /// A link submitted twice at once, or a code replayed at once, is spent only once.
    @Test(arguments: Backend.available)
    func racingSpendsSucceedOnce(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let user = try await api.user("racer@example.com", role: "viewer")
            let admin = AccessAdmin(db: api.db, directory: AccessDirectory(db: api.db), passwordCost: 4)
            let resets = PasswordResets(admin: admin)
            let secret = try await resets.create(email: "racer@example.com", actor: .system)
            let links = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<4 { group.addTask { try await resets.consume(secret, password: "racing passphrase \(i)", actor: .system) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(links.filter { $0 }.count == 1)
            let codes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 { group.addTask { try await admin.spendTwoFactorStep(userID: user.id, step: 59_000_000) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 }.count == 1)
            #expect(try await admin.spendTwoFactorStep(userID: user.id, step: 59_000_000) == false)
            #expect(try await admin.spendTwoFactorStep(userID: user.id, step: 59_000_001) == true)
        }
    }

    @Test(arguments: Backend.available)
    func resetLinkWorksOnce(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await api.user("forgot@example.com", role: "viewer")
            let admin = AccessAdmin(db: api.db, directory: AccessDirectory(db: api.db), passwordCost: 4)
            let secret = try await PasswordResets(admin: admin).create(email: "forgot@example.com", actor: .system)
            var browser = PageClient(api)
            let form = try await browser.request(.get, "/reset/\(secret)")
            #expect(form.status == .ok)
            let csrf = PageClient.csrf(form.body) ?? ""
            #expect(try await browser.request(.post, "/reset/\(secret)", form: [("_csrf", csrf), ("new", "short")]).status == .unprocessableContent)
            let done = try await browser.request(.post, "/reset/\(secret)", form: [("_csrf", csrf), ("new", "a brand new passphrase")])
            #expect(done.status == .seeOther && done.headers[.location] == "/signin?done=reset")
            #expect(try await browser.request(.get, "/reset/\(secret)").status == .notFound)
            #expect(try await browser.signIn("forgot@example.com", "a brand new passphrase").headers[.location] == "/")
        }
    }

    @Test(arguments: Backend.available)
    func disabledUsersLoseSessionsAndTokens(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let user = try await api.user("leaver@example.com", role: "sales", password: Self.password)
            var browser = PageClient(api)
            _ = try await browser.signIn("leaver@example.com", Self.password)
            #expect(try await browser.request(.get, "/api/v1/me").status == .ok)
            let disabled = try await api.call(.patch, "/api/v1/users/\(user.id)", json: #"{"active":false}"#)
            #expect(disabled.status == .ok)
            #expect(try await browser.request(.get, "/api/v1/me").status == .unauthorized)
            try await Task.sleep(for: .milliseconds(10))
            let changes = try await api.call(.get, "/api/v1/audit?action=permission.change&record_id=\(user.id)").body
            #expect(changes.contains("active"))
        }
    }
}

@Suite struct AddressThrottleTests {
    /// Twenty failures from one address lock that address for every account, and only it.
    @Test(arguments: Backend.available)
    func oneAddressIsLimitedAcrossAccounts(_ backend: Backend) async throws {
        var configuration = testConfiguration
        configuration.behindProxy = true
        try await withAPI(backend, configuration: configuration) { api in
            try await api.user("real@example.com", role: "viewer", password: SignInTests.password)
            var attacker = PageClient(api)
            let page = try await attacker.request(.get, "/signin")
            let token = PageClient.csrf(page.body) ?? ""
            func attempt(_ client: inout PageClient, _ email: String, _ password: String, from ip: String) async throws -> HTTPResponse.Status {
                try await client.request(.post, "/signin", form: [("_csrf", token), ("email", email), ("password", password)], headers: [.init("X-Forwarded-For")!: "203.0.113.9, \(ip)"]).status
            }
            for i in 0..<20 { #expect(try await attempt(&attacker, "guess\(i)@example.com", "nope", from: "198.51.100.7") == .unauthorized) }
            #expect(try await attempt(&attacker, "real@example.com", SignInTests.password, from: "198.51.100.7") == .tooManyRequests)
            var other = attacker
            #expect(try await attempt(&other, "real@example.com", SignInTests.password, from: "198.51.100.8") == .seeOther)
            let failed = try await api.call(.get, "/api/v1/audit?action=signin.failed&limit=1").object()["data"]?.arrayValue?.first?.objectValue
            #expect(failed?.string("address") == "198.51.100.7")
        }
    }
}
