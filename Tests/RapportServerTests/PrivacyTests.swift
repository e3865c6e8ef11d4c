import Foundation
import RapportKit
import RapportStore
import Testing

@Suite struct PrivacyTests {
    @Test(arguments: Backend.available)
    func exportHoldsEverythingAboutAPerson(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"Sakura Trading","domain":"sakura.example"}"#)
            let person = try await api.create("people", #"{"family_name":"佐藤","given_name":"花子","emails":["hanako@sakura.example"],"organization_id":"\#(org.string("id") ?? "")"}"#)
            let id = person.string("id") ?? ""
            _ = try await api.create("activities", #"{"kind":"call","subject":"Renewal call","participants":["\#(id)"]}"#)
            let reply = try await api.call(.get, "/api/v1/people/\(id)/export")
            #expect(reply.status == .ok)
            let doc = try reply.object()
            #expect(doc["person"]?.objectValue?.string("display_name") == "佐藤花子")
            #expect(doc["activities"]?.arrayValue?.count == 1)
            #expect((doc["audit"]?.arrayValue?.count ?? 0) >= 1)
            #expect(try await api.call(.get, "/api/v1/organizations/\(org.string("id") ?? "")/export").status == .notFound)
        }
    }

    @Test(arguments: Backend.available)
    func erasureRemovesPersonalDataEverywhere(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"Keep Corp","domain":"keepcorp.example","annual_revenue":{"amount":"1200000","currency":"USD"}}"#)
            let orgID = org.string("id") ?? ""
            let person = try await api.create("people", #"{"family_name":"Quizzlewick","given_name":"Ottoline","emails":["ottoline@quizzle.example"],"phones":["+44 20 7946 0321"],"organization_id":"\#(orgID)","job_title":"Chief Zymurgist"}"#)
            let id = person.string("id") ?? ""
            _ = try await api.call(.patch, "/api/v1/people/\(id)", json: #"{"job_title":"Head Zymurgist"}"#)
            // A duplicate merged into the person carries data too.
            let dup = try await api.create("people", #"{"display_name":"O. Quizzlewick","emails":["otto.q@quizzle.example"]}"#)
            _ = try await api.call(.post, "/api/v1/people/merge", json: #"{"survivor_id":"\#(id)","duplicate_id":"\#(dup.string("id") ?? "")"}"#)
            let note = try await api.create("activities", #"{"kind":"meeting","subject":"Lunch with Ottoline","body":"Ottoline prefers tea","participants":["\#(id)"],"links":[{"type":"organizations","id":"\#(orgID)"}]}"#)
            let orgBefore = try await api.call(.get, "/api/v1/organizations/\(orgID)").object()
            // A deal contact is found by the person's name until the erasure.
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Keep deal","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)"}"#).string("id") ?? ""
            _ = try await api.create("deal_contacts", #"{"deal_id":"\#(deal)","person_id":"\#(id)","role":"champion"}"#)
            #expect(try await api.call(.get, "/api/v1/deal_contacts?q=quizzlewick").object()["data"]?.arrayValue?.count == 1)

            let erased = try await api.call(.post, "/api/v1/people/\(id)/erase")
            #expect(erased.status == .ok, "\(erased.body)")

            let secrets = ["Quizzlewick", "quizzlewick", "Ottoline", "ottoline", "quizzle.example", "79460321", "Zymurgist", "zymurgist"]
            var responses = [
                try await api.call(.get, "/api/v1/people/\(id)"), try await api.call(.get, "/api/v1/people?q=quizzlewick"),
                try await api.call(.get, "/api/v1/people?q=ottoline"), try await api.call(.get, "/api/v1/people/export?format=jsonl"),
                try await api.call(.get, "/api/v1/activities/\(note.string("id") ?? "")"), try await api.call(.get, "/api/v1/activities?q=ottoline"),
                try await api.call(.get, "/api/v1/organizations/\(orgID)/timeline"), try await api.call(.get, "/api/v1/audit?limit=500"),
                try await api.call(.get, "/api/v1/activities/export?format=csv"), try await api.call(.get, "/api/v1/deal_contacts?q=quizzlewick"),
            ]
            responses.append(try await api.call(.get, "/api/v1/people/\(id)/timeline"))
            for reply in responses {
                for s in secrets { #expect(!reply.body.contains(s), "\(s) still in \(reply.body.prefix(300))") }
            }
            #expect(responses[0].status == .notFound)
            // Non-personal facts stay: the company and its figures, the activity and its links.
            let orgAfter = try await api.call(.get, "/api/v1/organizations/\(orgID)").object()
            #expect(orgAfter["annual_revenue"] == orgBefore["annual_revenue"])
            let activity = try await api.call(.get, "/api/v1/activities/\(note.string("id") ?? "")").object()
            #expect(activity.string("kind") == "meeting" && activity["participants"]?.arrayValue?.count == 1)
            // The chain still verifies, and the erasure is on record without the data.
            #expect(try await AuditChain.verify(api.db).isIntact)
            let entries = try await api.call(.get, "/api/v1/audit?action=erase").object()["data"]?.arrayValue ?? []
            #expect(entries.count == 1)
            // No column of any table holds the words any more.
            let tables = ["people", "activities", "audit_log", "record_keys", "organizations"]
            for table in tables {
                let rows = try await api.db.read { s in try await s.query(SQL("SELECT * FROM \(raw: table)")) }
                for row in rows {
                    let text = row.columnNames.compactMap { row.text($0) }.joined(separator: " ")
                    for s in secrets { #expect(!text.contains(s), "\(s) in \(table)") }
                }
            }
            // On SQLite, not even the file's free pages or the write-ahead log keep them.
            if backend == .sqlite, let path = api.db.filePath {
                for file in [path, path + "-wal"] {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    for s in secrets {
                        #expect(data.range(of: Data(s.utf8)) == nil, "\(s) in \(file)")
                    }
                }
            }
        }
    }

    @Test(arguments: Backend.available)
    func onlyAdminsErase(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let manager = try await api.user("boss@example.com", role: "manager")
            let person = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Not Yours To Erase"}"#, token: manager.token)
            let id = try person.object().string("id") ?? ""
            #expect(try await api.call(.post, "/api/v1/people/\(id)/erase", token: manager.token).status == .forbidden)
            #expect(try await api.call(.get, "/api/v1/people/\(id)", token: manager.token).status == .ok)
        }
    }
}
