import Foundation
import HTTPTypes
import RapportKit
import Testing

/// Record visibility and field hiding, through every way a record can be reached.
@Suite struct VisibilityTests {
    @Test(arguments: Backend.available)
    func salesRepsSeeOnlyTheirOwnPeople(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let a = try await api.user("rep.a@example.com", role: "sales")
            let b = try await api.user("rep.b@example.com", role: "sales")
            let created = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Adeline Ownby","emails":["adeline@ownby.example"],"phones":["+1 555 0100"]}"#, token: a.token)
            #expect(created.status == .created, "\(created.body)")
            let id = try created.object().string("id") ?? ""
            #expect(try created.object().string("owner_id") == a.id)
            _ = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"note","body":"Met Adeline","participants":["\#(id)"]}"#, token: a.token)

            // Rep A sees the person everywhere.
            #expect(try await api.call(.get, "/api/v1/people/\(id)", token: a.token).status == .ok)
            #expect(try await api.call(.get, "/api/v1/people?q=adeline", token: a.token).body.contains(id))
            // Rep B gets 404 and finds nothing by any route.
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/people/\(id)"), (.get, "/api/v1/people/\(id)/timeline"), (.get, "/api/v1/people/\(id)/export"), (.delete, "/api/v1/people/\(id)")] {
                let reply = try await api.call(method, uri, token: b.token)
                #expect(reply.status == .notFound, "\(method) \(uri): \(reply.status)")
                #expect(!reply.body.contains("Adeline"))
            }
            #expect(try await api.call(.patch, "/api/v1/people/\(id)", json: #"{"job_title":"x"}"#, token: b.token).status == .notFound)
            for q in ["adeline", "ownby", "adeline@ownby.example", "5550100"] {
                let reply = try await api.call(.get, "/api/v1/people?q=\(q)", token: b.token)
                #expect(reply.status == .ok)
                #expect(!reply.body.contains(id), "search \(q) leaked")
            }
            #expect(!(try await api.call(.get, "/api/v1/people", token: b.token).body.contains(id)))
            #expect(!(try await api.call(.get, "/api/v1/people?filter[display_name]=Adeline%20Ownby", token: b.token).body.contains(id)))
            for format in ["csv", "jsonl"] {
                let export = try await api.call(.get, "/api/v1/people/export?format=\(format)", token: b.token)
                #expect(export.status == .ok)
                #expect(!export.body.contains("Adeline"))
            }
            // Activities about the person are rep A's too.
            #expect(!(try await api.call(.get, "/api/v1/activities?q=adeline", token: b.token).body.contains("Met Adeline")))
            // A duplicate email is refused without naming the record rep B may not see.
            let dup = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Copy","emails":["adeline@ownby.example"]}"#, token: b.token)
            #expect(dup.status == .conflict)
            #expect(!dup.body.contains(id))
            // Rep B cannot merge it away or hand records to rep A.
            let mine = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Bo"}"#, token: b.token)
            let mineID = try mine.object().string("id") ?? ""
            #expect(try await api.call(.post, "/api/v1/people/merge", json: #"{"survivor_id":"\#(mineID)","duplicate_id":"\#(id)"}"#, token: b.token).status == .notFound)
            #expect(try await api.call(.patch, "/api/v1/people/\(mineID)", json: #"{"owner_id":"\#(a.id)"}"#, token: b.token).status == .forbidden)
            // The admin sees both.
            let all = try await api.names("/api/v1/people")
            #expect(Set(all) == ["Adeline Ownby", "Bo"])
        }
    }

    @Test(arguments: Backend.available)
    func managersSeeTheirTeam(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let manager = try await api.user("lead@example.com", role: "manager")
            try await api.team("East", manager: manager.id)
            let east = try await api.user("east.rep@example.com", role: "sales", teams: ["East"])
            let west = try await api.user("west.rep@example.com", role: "sales")
            _ = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Eastern Client"}"#, token: east.token)
            _ = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Western Client"}"#, token: west.token)
            let seen = try await api.call(.get, "/api/v1/people", token: manager.token)
            #expect(seen.body.contains("Eastern Client"))
            #expect(!seen.body.contains("Western Client"))
            // The team member does not see the manager's other reports' records beyond the team rules (own).
            #expect(!(try await api.call(.get, "/api/v1/people", token: east.token).body.contains("Western")))
        }
    }

    @Test(arguments: Backend.available)
    func hiddenFieldsAreAbsentAndUnknown(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let person = try await api.create("people", #"{"display_name":"Hana Kim","emails":["hana@kim.example"],"phones":["+82 10-1234-5678"]}"#)
            let id = person.string("id") ?? ""
            let viewer = try await api.user("viewer@example.com", role: "viewer")
            let marketer = try await api.user("marketer@example.com", role: "marketing")
            let asViewer = try await api.call(.get, "/api/v1/people/\(id)", token: viewer.token).object()
            #expect(asViewer["emails"] == nil && asViewer["phones"] == nil)
            #expect(asViewer.string("display_name") == "Hana Kim")
            let asMarketer = try await api.call(.get, "/api/v1/people/\(id)", token: marketer.token).object()
            #expect(asMarketer["phones"] == nil && asMarketer["emails"] != nil)
            let list = try await api.call(.get, "/api/v1/people", token: viewer.token)
            #expect(!list.body.contains("hana@kim.example") && !list.body.contains("1234"))
            #expect(try await api.call(.get, "/api/v1/people?filter[phones]=1", token: marketer.token).status == .badRequest)
            // Hidden fields find nothing: not by phone for marketing, not by email for viewers.
            #expect(try await api.call(.get, "/api/v1/people?q=821012345678", token: marketer.token).body.contains(id) == false)
            #expect(try await api.call(.get, "/api/v1/people?q=821012345678").body.contains(id))
            #expect(try await api.call(.get, "/api/v1/people?q=hana@kim.example", token: viewer.token).body.contains(id) == false)
            #expect(try await api.call(.get, "/api/v1/people?q=hana", token: viewer.token).body.contains(id))
            #expect(try await api.call(.patch, "/api/v1/people/\(id)", json: #"{"phones":["+82 10-0000-0000"]}"#, token: marketer.token).status == .unprocessableContent)
            let timeline = try await api.call(.get, "/api/v1/people/\(id)/timeline", token: viewer.token)
            #expect(timeline.status == .ok)
            #expect(!timeline.body.contains("hana@kim.example"))
            // Viewers may not export at all; marketers export without phones.
            #expect(try await api.call(.get, "/api/v1/people/export", token: viewer.token).status == .forbidden)
            let csv = try await api.call(.get, "/api/v1/people/export", token: marketer.token)
            #expect(csv.body.contains("hana@kim.example") && !csv.body.contains("1234-5678") && !csv.body.contains("phones"))
        }
    }
}
