import RapportStore
import HTTPTypes
import NIOCore
import RapportKit
import Testing

@Suite("Bad input gets a clear 4xx and changes nothing")
struct BadInputTests {
    @Test("Invalid fields answer 422 naming each field", arguments: Backend.available)
    func invalidFields(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let reply = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"X","emails":["not-an-email"],"lifecycle_stage":"king","language":"??","time_zone":"Mars/Base"}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.headers[.contentType] == "application/problem+json")
            #expect(Set(try reply.errorFields()) == ["emails", "lifecycle_stage", "language", "time_zone"])
            let wrongType = try await api.call(.post, "/api/v1/organizations", json: #"{"name":42,"annual_revenue":{"amount":"10.5","currency":"KRW"}}"#)
            #expect(wrongType.status == .unprocessableContent)
            #expect(Set(try wrongType.errorFields()) == ["name", "annual_revenue"])
            let unknown = try await api.call(.post, "/api/v1/organizations", json: #"{"name":"A","colour":"red"}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(try unknown.errorFields() == ["colour"])
            let required = try await api.call(.post, "/api/v1/organizations", json: #"{}"#)
            #expect(try required.errorFields() == ["name"])
            #expect(try await api.names("/api/v1/organizations", field: "name").isEmpty)
            #expect(try await api.names("/api/v1/people").isEmpty)
        }
    }

    @Test("Malformed bodies, oversize bodies and bad UTF-8", arguments: Backend.available)
    func malformed(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let auth: HTTPFields = [.authorization: "Bearer \(api.token)", .contentType: "application/json"]
            for body in [#"{"name":"#, "[1,2]", "", #"{"name":"a","name":"b"}"#, "nul"] {
                let reply = try await api.raw(.post, "/api/v1/organizations", body: ByteBuffer(string: body), headers: auth)
                #expect(reply.status == .badRequest, "\(body)")
                #expect(reply.headers[.contentType] == "application/problem+json")
            }
            let badUTF8 = try await api.raw(.post, "/api/v1/organizations", body: ByteBuffer(bytes: Array(#"{"name":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)), headers: auth)
            #expect(badUTF8.status == .badRequest)
            let huge = try await api.raw(.post, "/api/v1/organizations", body: ByteBuffer(string: #"{"name":""# + String(repeating: "a", count: 1_100_000) + #""}"#), headers: auth)
            #expect(huge.status == .contentTooLarge)
            let notJSON = try await api.raw(.post, "/api/v1/organizations", body: ByteBuffer(string: "name=a"), headers: [.authorization: "Bearer \(api.token)", .contentType: "application/x-www-form-urlencoded"])
            #expect(notJSON.status == .unsupportedMediaType)
            #expect(try await api.names("/api/v1/organizations", field: "name").isEmpty)
        }
    }

    @Test("Bad query parameters, ids, types and tokens", arguments: Backend.available)
    func badRequests(backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await api.call(.get, "/api/v1/people?limit=100000").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people?limit=0").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people?limit=abc").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people?cursor=garbage").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people?sort=shoe_size").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people?filter%5Bshoe%5D=1").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people?filter[created_at][gte]=yesterday").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people?bogus=1").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people?q=%FF").status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people/not-an-id").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/people/01a211e7-e91a-7ff5-bd97-befbd42d9a91").status == .notFound)
            #expect(try await api.call(.get, "/api/v1/spaceships").status == .notFound)
            #expect(try await api.call(.patch, "/api/v1/people/01a211e7-e91a-7ff5-bd97-befbd42d9a91", json: "{}", headers: [.ifMatch: "banana"]).status == .badRequest)
            #expect(try await api.call(.get, "/api/v1/people", token: "rpt_wrong").status == .unauthorized)
            let none = try await api.client.execute(uri: "/api/v1/people", method: .get, headers: [:], body: nil)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] != nil)
        }
    }

    @Test("A read-only token cannot write", arguments: Backend.available)
    func readScope(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let reader = try await RapportStore.TokenStore(db: api.db).create(name: "reader", scope: "read").token
            #expect(try await api.call(.get, "/api/v1/people", token: reader).status == .ok)
            #expect(try await api.call(.post, "/api/v1/people", json: #"{"display_name":"X"}"#, token: reader).status == .forbidden)
            #expect(try await api.names("/api/v1/people").isEmpty)
        }
    }
}
