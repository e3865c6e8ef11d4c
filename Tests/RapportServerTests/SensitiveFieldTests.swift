import Foundation
import RapportKit
import RapportServer
import RapportStore
import Testing

@Suite struct SensitiveFieldTests {
    @Test(arguments: Backend.available)
    func sensitiveFieldsAreEncryptedAtRest(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let field = try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"passport_number","kind":"text","sensitive":true}"#)
            #expect(field.status == .created, "\(field.body)")
            let person = try await api.create("people", #"{"display_name":"Traveller","passport_number":"M12345678"}"#)
            let id = person.string("id") ?? ""
            #expect(person.string("passport_number") == "M12345678")
            #expect(try await api.call(.get, "/api/v1/people/\(id)").object().string("passport_number") == "M12345678")
            let stored = try await api.db.read { s in try await s.query("SELECT custom FROM people WHERE id = \(id)").first?.text("custom") ?? "" }
            #expect(stored.contains("enc:v2:") && !stored.contains("M12345678"))
            // Nor does the audit log keep it.
            _ = try await api.call(.patch, "/api/v1/people/\(id)", json: #"{"passport_number":"X99"}"#)
            let audit = try await api.db.read { s in try await s.query("SELECT changes FROM audit_log").compactMap { $0.text("changes") }.joined() }
            #expect(!audit.contains("M12345678") && !audit.contains("X99"))
            // It cannot be filtered or sorted (the database holds ciphertext), and viewers do not see it.
            #expect(try await api.call(.get, "/api/v1/people?filter[passport_number]=X99").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people?sort=passport_number").status == .badRequest)
            let viewer = try await api.user("v@example.com", role: "viewer")
            let seen = try await api.call(.get, "/api/v1/people/\(id)", token: viewer.token)
            #expect(seen.status == .ok)
            #expect(try seen.object()["id"]?.stringValue == id && seen.object()["passport_number"] == nil)
            let csv = try await api.call(.get, "/api/v1/people/export")
            #expect(csv.body.contains("X99"))
        }
    }

    @Test(arguments: Backend.available)
    func withoutAKeySensitiveFieldsAreRefused(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: ServerConfiguration(passwordCost: 4)) { api in
            let reply = try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"tax_id","kind":"text","sensitive":true}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(try reply.errorFields() == ["sensitive"])
        }
    }
}
