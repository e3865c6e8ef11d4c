import HTTPTypes
import RapportKit
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("Describes every record type, its fields and custom fields", arguments: Backend.available)
    func document(backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"people","name":"nps","kind":"number"}"#).status == .created)
            // Custom fields are described to signed-in callers (HiddenFieldTests has the public document).
            let reply = try await api.client.execute(uri: "/api/openapi.json", method: .get, headers: [.authorization: "Bearer \(api.token)"], body: nil)
            #expect(reply.status == .ok)
            let doc = try #require(try JSONValue.parse(String(buffer: reply.body)).objectValue)
            #expect(doc.string("openapi") == "3.1.0")
            let paths = try #require(doc["paths"]?.objectValue)
            for type in RecordCatalog.builtIn.types {
                #expect(paths["/api/v1/\(type.name)"] != nil)
                #expect(paths["/api/v1/\(type.name)/{id}"] != nil)
                #expect(paths["/api/v1/\(type.name)/{id}/timeline"] != nil)
            }
            let person = doc["components"]?.objectValue?["schemas"]?.objectValue?["Person"]?.objectValue?["properties"]?.objectValue
            #expect(person?["name_reading"] != nil)
            #expect(person?["nps"] != nil)
            // Component names may hold only letters, digits, '.', '-' and '_'.
            for name in doc["components"]?.objectValue?["schemas"]?.objectValue?.keys ?? [] {
                #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }, "\(name)")
            }
            for report in ["forecast", "funnel", "summary", "quota"] { #expect(paths["/api/v1/reports/\(report)"] != nil) }
            for path in ["/api/v1/quotes/{id}/revise", "/api/v1/organizations/{id}/purchases", "/api/v1/people/{id}/purchases"] { #expect(paths[path] != nil) }
        }
    }

    @Test("Health answers when the database answers", arguments: Backend.available)
    func health(backend: Backend) async throws {
        try await withAPI(backend) { api in
            // The check's 2 s bound can pass while the whole suite shares the machine's two
            // cores (503 is then the right answer); the database does answer within a few tries.
            var status = HTTPResponse.Status.serviceUnavailable
            for _ in 0..<10 where status != .ok {
                status = try await api.client.execute(uri: "/healthz", method: .get, headers: [:], body: nil).status
                if status != .ok { try await Task.sleep(for: .milliseconds(500)) }
            }
            #expect(status == .ok)
        }
    }
}
