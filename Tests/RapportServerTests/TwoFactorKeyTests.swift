import Foundation
import HTTPTypes
import HummingbirdOTP
import RapportKit
import RapportServer
@testable import RapportStore
import Testing

/// A two-step secret is never stored unsealed: without a field key (PostgreSQL with none
/// named) turning it on is refused with what the administrator must do, and secrets stored
/// in plain text by earlier versions keep working until a key seals them.
@Suite struct TwoFactorKeyTests {
    static let password = "correct horse battery staple"
    static let key = FieldCipher(keyBytes: Array(repeating: 7, count: 32))

    func stored(_ db: Database, _ userID: String) async throws -> String? {
        try await db.read { s in try await s.query("SELECT totp_secret FROM users WHERE id = \(userID)").first?.text("totp_secret") }
    }

    @Test(arguments: Backend.available)
    func withoutAKeyTurningItOnIsRefused(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: ServerConfiguration(passwordCost: 4)) { api in
            let user = try await api.user("nokey@example.com", role: "support", password: Self.password)
            var browser = PageClient(api)
            _ = try await browser.signIn(user.email, Self.password)
            let account = try await browser.request(.get, "/account", headers: [.acceptLanguage: "ko"])
            #expect(account.status == .ok)
            #expect(!account.body.contains(#"name="secret""#), "no secret is offered that could only be stored in plain text")
            #expect(account.body.contains("RAPPORT_SECRET_KEY_FILE") && account.body.contains("2단계 인증"))
            // A form posted anyway (an old page, a script) is refused and stores nothing.
            let csrf = PageClient.csrf(account.body) ?? ""
            let secret = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
            let code = String(format: "%06d", TOTP(secret: secret).compute())
            let refused = try await browser.request(.post, "/account/two-factor", form: [("_csrf", csrf), ("secret", secret), ("code", code)])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("rapport key create"))
            #expect(try await stored(api.db, user.id) == nil)
            let audit = try await api.call(.get, "/api/v1/audit?action=user.two_factor").object()["data"]?.arrayValue ?? []
            #expect(audit.isEmpty)
            // The store refuses on its own too, whatever calls it.
            let admin = AccessAdmin(db: api.db, directory: AccessDirectory(db: api.db))
            await #expect(throws: TwoFactorNeedsKey.self) {
                try await admin.enableTwoFactor(userID: user.id, secret: secret, step: 1, actor: .system)
            }
            #expect(try await stored(api.db, user.id) == nil)
        }
    }

    /// An installation that stored secrets in plain text keeps signing in with them, and
    /// the first start with a key seals them.
    @Test(arguments: Backend.available)
    func aPlaintextSecretKeepsWorkingAndIsSealedOnceAKeyIsGiven(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let user = try await api.user("legacy@example.com", role: "support", password: Self.password)
            let secret = "ZYXWVUTSRQPONMLKJIHGFEDCBA765432"
            try await api.db.transaction { s in try await s.execute("UPDATE users SET totp_secret = \(secret) WHERE id = \(user.id)") }

            func signIn(at date: Date) async throws -> Reply {
                var browser = PageClient(api)
                let first = try await browser.signIn(user.email, Self.password)
                #expect(first.headers[.location] == "/signin/two-factor")
                let form = try await browser.request(.get, "/signin/two-factor")
                let code = String(format: "%06d", TOTP(secret: secret).compute(date: date))
                return try await browser.request(.post, "/signin/two-factor", form: [("_csrf", PageClient.csrf(form.body) ?? ""), ("code", code)])
            }
            #expect(try await signIn(at: Date()).headers[.location] == "/")

            #expect(try await TwoFactorSecrets.sealStored(db: api.db, cipher: Self.key) == 1)
            let sealed = try await stored(api.db, user.id) ?? ""
            #expect(sealed.hasPrefix("enc:v2:") && !sealed.contains(secret))
            #expect(try await TwoFactorSecrets.sealStored(db: api.db, cipher: Self.key) == 0)
            // The same authenticator app goes on working (the next step: the first is spent).
            #expect(try await signIn(at: Date().addingTimeInterval(30)).headers[.location] == "/")
        }
    }
}
