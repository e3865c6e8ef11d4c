import HTTPTypes
import RapportKit
import Testing

@Suite("Records over HTTP")
struct RecordAPITests {
    @Test("Create, read, update and delete with ETags and If-Match", arguments: Backend.available)
    func lifecycle(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let created = try await api.call(.post, "/api/v1/organizations", json: #"{"name":"Acme","website":"https://www.Acme.example/about","annual_revenue":{"amount":"1200000","currency":"KRW"},"relationship_roles":["customer","supplier"],"tags":["VIP"]}"#)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            let org = try created.object()
            let id = try #require(org.string("id"))
            #expect(org.string("domain") == "acme.example")  // derived from the website
            #expect(org["annual_revenue"] == .object(JSONObject([("amount", .string("1200000")), ("currency", .string("KRW"))])))
            #expect(created.headers[.location] == "/api/v1/organizations/\(id)")

            let read = try await api.call(.get, "/api/v1/organizations/\(id)")
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"1\"")

            let updated = try await api.call(.patch, "/api/v1/organizations/\(id)", json: #"{"city":"Seoul"}"#, headers: [.ifMatch: "\"1\""])
            #expect(updated.status == .ok)
            #expect(updated.headers[.eTag] == "\"2\"")
            #expect(try updated.object().string("city") == "Seoul")

            let stale = try await api.call(.patch, "/api/v1/organizations/\(id)", json: #"{"city":"Busan"}"#, headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
            #expect(try await api.call(.get, "/api/v1/organizations/\(id)").object().string("city") == "Seoul")

            #expect(try await api.call(.delete, "/api/v1/organizations/\(id)", headers: [.ifMatch: "\"1\""]).status == .preconditionFailed)
            #expect(try await api.call(.delete, "/api/v1/organizations/\(id)", headers: [.ifMatch: "\"2\""]).status == .noContent)
            #expect(try await api.call(.get, "/api/v1/organizations/\(id)").status == .notFound)
            #expect(try await api.call(.delete, "/api/v1/organizations/\(id)").status == .notFound)
        }
    }

    @Test("Duplicate email or domain answers 409 naming the existing record", arguments: Backend.available)
    func duplicates(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let ada = try await api.create("people", #"{"display_name":"Ada","emails":["ada@example.com"]}"#)
            let dup = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Ada 2","emails":["other@example.com","ADA@Example.com"]}"#)
            #expect(dup.status == .conflict)
            #expect(try dup.object().string("existing_id") == ada.string("id"))
            #expect(try dup.errorFields() == ["emails"])
            // Nothing of the refused record was written.
            #expect(try await api.names("/api/v1/people?q=other%40example.com").isEmpty)

            let org = try await api.create("organizations", #"{"name":"Hanbit","domain":"hanbit.kr"}"#)
            let dupOrg = try await api.call(.post, "/api/v1/organizations", json: #"{"name":"Hanbit Copy","website":"http://www.hanbit.kr"}"#)
            #expect(dupOrg.status == .conflict)
            #expect(try dupOrg.object().string("existing_id") == org.string("id"))

            // An email becomes free again when its person is deleted.
            #expect(try await api.call(.delete, "/api/v1/people/\(ada.string("id")!)").status == .noContent)
            #expect(try await api.call(.post, "/api/v1/people", json: #"{"emails":["ada@example.com"]}"#).status == .created)
        }
    }

    @Test("Clients cannot set ids, versions or timestamps", arguments: Backend.available)
    func noMassAssignment(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let reply = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"X","id":"01a211e7-e91a-7ff5-bd97-befbd42d9a91","version":9,"created_at":"2020-01-01T00:00:00Z"}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(Set(try reply.errorFields()) == ["id", "version", "created_at"])
        }
    }

    @Test("Activities link people and records and validate task fields", arguments: Backend.available)
    func activities(backend: Backend) async throws {
        try await withAPI(backend) { api in
            let person = try await api.create("people", #"{"display_name":"Kim"}"#)
            let pid = person.string("id")!
            let call = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"call","subject":"Intro","participants":["\#(pid)"],"due_at":"2026-01-01T00:00:00Z"}"#)
            #expect(call.status == .unprocessableContent)
            #expect(try call.errorFields() == ["due_at"])
            let task = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"task","subject":"Send quote","due_at":"2026-12-01T18:00:00+09:00","links":[{"type":"people","id":"\#(pid)"}]}"#)
            #expect(task.status == .created)
            #expect(try task.object().string("due_at") == "2026-12-01T09:00:00.000Z")
            let missing = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"note","body":"x","participants":["01a211e7-e91a-7ff5-bd97-befbd42d9a91"]}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(try missing.errorFields() == ["participants"])
        }
    }
}
