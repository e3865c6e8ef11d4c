import RapportKit
import Testing

@Suite("Custom fields behave like built-in fields")
struct CustomFieldTests {
    @Test("Admins add typed fields that validate, filter, sort and export", arguments: Backend.available)
    func customFields(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let seats = try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"organizations","name":"seats","kind":"number","label":"Seats"}"#)
            #expect(seats.status == .created)
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"organizations","name":"tier","kind":"choice","options":["gold","silver"]}"#).status == .created)
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"organizations","name":"renewal","kind":"date"}"#).status == .created)
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"organizations","name":"budget","kind":"money"}"#).status == .created)
            // Names that clash, bad kinds and duplicates are refused.
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"organizations","name":"name","kind":"text"}"#).status == .unprocessableContent)
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"organizations","name":"x","kind":"blob"}"#).status == .unprocessableContent)
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"organizations","name":"seats","kind":"number"}"#).status == .conflict)

            _ = try await api.create("organizations", #"{"name":"Small","seats":5,"tier":"silver","renewal":"2027-01-31","budget":{"amount":"19.99","currency":"USD"}}"#)
            _ = try await api.create("organizations", #"{"name":"Large","seats":"120.5","tier":"GOLD"}"#)
            _ = try await api.create("organizations", #"{"name":"None"}"#)
            let bad = try await api.call(.post, "/api/v1/organizations", json: #"{"name":"Bad","seats":"many","tier":"bronze","renewal":"2027-02-30"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(Set(try bad.errorFields()) == ["seats", "tier", "renewal"])

            #expect(try await api.names("/api/v1/organizations?filter[seats][gte]=100", field: "name") == ["Large"])
            #expect(try await api.names("/api/v1/organizations?filter[tier]=gold", field: "name") == ["Large"])
            #expect(try await api.names("/api/v1/organizations?sort=-seats&limit=2", field: "name") == ["Large", "Small"])
            // Paging on a custom number continues in numeric order on both databases.
            let first = try await api.call(.get, "/api/v1/organizations?sort=seats&limit=1").object()
            #expect(first["data"]?.arrayValue?.first?.objectValue?.string("name") == "None")
            let cursor = try #require(first["next_cursor"]?.stringValue)
            #expect(try await api.names("/api/v1/organizations?sort=seats&limit=5&cursor=\(cursor)", field: "name") == ["Small", "Large"])
            #expect(try await api.names("/api/v1/organizations?filter[budget][lte]=20+USD", field: "name") == ["Small"])
            let large = try await api.call(.get, "/api/v1/organizations?filter[tier]=gold").object()["data"]?.arrayValue?.first?.objectValue
            #expect(large?["seats"] == .number("120.5"))
            #expect(large?["tier"] == .string("gold"))

            let export = try await api.call(.get, "/api/v1/organizations/export?format=csv")
            #expect(export.status == .ok)
            let header = export.body.split(separator: "\r\n").first.map(String.init) ?? ""
            #expect(header.hasSuffix("seats,tier,renewal,budget,owner_id,created_at,updated_at"))
            #expect(export.body.contains("19.99 USD"))

            let listed = try await api.call(.get, "/api/v1/fields?record_type=organizations").object()
            #expect(listed["data"]?.arrayValue?.count == 4)
        }
    }
}
