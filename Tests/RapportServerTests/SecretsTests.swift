import Foundation
import HTTPTypes
import HummingbirdOTP
import RapportKit
import RapportServer
@testable import RapportStore
import Testing

/// The field key is checked before it is used, ciphertexts are bound to their record and
/// field, nothing sensitive is ever stored in plain text, and erasure reaches the address
/// typed at a failed sign-in.
@Suite struct SecretsTests {
    static let key = FieldCipher(keyBytes: Array(repeating: 7, count: 32))
    static let otherKey = FieldCipher(keyBytes: Array(repeating: 8, count: 32))

    @Test(arguments: Backend.available)
    func aWrongOrMissingKeyIsRefused(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            // No key and nothing sensitive: fine, and nothing is recorded.
            try await RecordStore(db: db).verifyFieldKey()
            try await RecordStore(db: db, cipher: Self.key).verifyFieldKey()
            try await RecordStore(db: db, cipher: Self.key).verifyFieldKey()
            await #expect(throws: FieldKeyError.self) { try await RecordStore(db: db, cipher: Self.otherKey).verifyFieldKey() }
            await #expect(throws: FieldKeyError.self) { try await RecordStore(db: db).verifyFieldKey() }
        }
    }

    @Test(arguments: Backend.available)
    func ciphertextsAreBoundToTheirRecordAndField(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"passport_number","kind":"text","sensitive":true}"#).status == .created)
            let a = try await api.create("people", #"{"display_name":"A","passport_number":"M111"}"#).string("id") ?? ""
            let b = try await api.create("people", #"{"display_name":"B","passport_number":"M222"}"#).string("id") ?? ""
            let stored = try await api.db.read { s in try await s.query("SELECT custom FROM people WHERE id = \(a)").first?.text("custom") ?? "" }
            #expect(stored.contains("enc:v2:") && !stored.contains("M111"))
            // A's ciphertext pasted into B does not open as B's value.
            try await api.db.transaction { s in try await s.execute("UPDATE people SET custom = \(stored) WHERE id = \(b)") }
            #expect(try await api.call(.get, "/api/v1/people/\(b)").object()["passport_number"] == .null)
            // Editing another field keeps the ciphertext that did not open, rather than erasing it.
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"nickname","kind":"text"}"#).status == .created)
            #expect(try await api.call(.patch, "/api/v1/people/\(b)", json: #"{"nickname":"Bee"}"#).status == .ok)
            let kept = try await api.db.read { s in try await s.query("SELECT custom FROM people WHERE id = \(b)").first?.text("custom") ?? "" }
            let sealedA = (try JSONValue.parse(stored)).objectValue?["passport_number"]?.stringValue ?? "-"
            #expect(kept.contains(sealedA) && kept.contains("Bee"))
            // Values written before binding (enc:v1:, no additional data) still open.
            let legacy = try Self.key.sealLegacy(.string("M333"))
            let column = JSONValue.object(JSONObject([("passport_number", legacy)])).serialized()
            try await api.db.transaction { s in try await s.execute("UPDATE people SET custom = \(column) WHERE id = \(b)") }
            #expect(try await api.call(.get, "/api/v1/people/\(b)").object().string("passport_number") == "M333")
            // Without a key, an import refuses a sensitive value instead of storing it as it is.
            let store = RecordStore(db: api.db)
            let people = try await store.type(named: "people")
            await #expect(throws: (any Error).self) {
                _ = try await store.importCSV(people, rows: try rows("display_name,passport_number\nC,M444\n"), options: ImportOptions(), actor: .system)
            }
            let all = try await api.db.read { s in try await s.query("SELECT custom FROM people").compactMap { $0.text("custom") }.joined() }
            #expect(!all.contains("M444"))
        }
    }

    @Test(arguments: Backend.available)
    func erasureRemovesTheEmailTypedAtAFailedSignIn(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let person = try await api.create("people", #"{"display_name":"Erin","emails":["erin.gone@example.com"]}"#).string("id") ?? ""
            var browser = PageClient(api)
            _ = try await browser.signIn("Erin.Gone@example.com", "not-a-password")
            _ = try await browser.signIn("someone.else@example.com", "not-a-password")
            func failed() async throws -> String {
                try await api.db.read { s in try await s.query("SELECT changes FROM audit_log WHERE action = 'signin.failed'").compactMap { $0.text("changes") }.joined(separator: "\n") }
            }
            #expect(try await failed().lowercased().contains("erin.gone@example.com"))
            #expect(try await api.call(.post, "/api/v1/people/\(person)/erase").status == .ok)
            let after = try await failed().lowercased()
            #expect(!after.contains("erin.gone") && after.contains("someone.else@example.com"), "\(after)")
        }
    }
    /// Two-step secrets are sealed with the field key, and replacing one in use takes a
    /// code from it (or the password).
    @Test(arguments: Backend.available)
    func twoStepSecretsAreSealedAndGuarded(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let password = "correct horse battery staple"
            let user = try await api.user("totp.owner@example.com", role: "support", password: password)
            var browser = PageClient(api)
            _ = try await browser.signIn(user.email, password)
            let account = try await browser.request(.get, "/account")
            guard let r = account.body.range(of: #"name="secret" value=""#) else { Issue.record("no two-factor form"); return }
            let secret = String(account.body[r.upperBound...].prefix { $0 != "\"" })
            let csrf = PageClient.csrf(account.body) ?? ""
            let enabled = try await browser.request(.post, "/account/two-factor", form: [("_csrf", csrf), ("secret", secret), ("code", String(format: "%06d", TOTP(secret: secret).compute()))])
            #expect(enabled.status == .ok)
            func stored() async throws -> String {
                try await api.db.read { s in try await s.query("SELECT totp_secret FROM users WHERE id = \(user.id)").first?.text("totp_secret") ?? "" }
            }
            let sealed = try await stored()
            #expect(sealed.hasPrefix("enc:v2:") && !sealed.contains(secret))
            // A new secret without proof of the current one is refused and changes nothing.
            let attacker = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
            let code = String(format: "%06d", TOTP(secret: attacker).compute())
            let refused = try await browser.request(.post, "/account/two-factor", form: [("_csrf", csrf), ("secret", attacker), ("code", code)])
            #expect(refused.status == .forbidden)
            #expect(try await stored() == sealed)
            let current = String(format: "%06d", TOTP(secret: secret).compute())
            let replaced = try await browser.request(.post, "/account/two-factor", form: [("_csrf", csrf), ("secret", attacker), ("code", code), ("current_code", current)])
            #expect(replaced.status == .ok)
            #expect(try await stored() != sealed)
        }
    }
}
