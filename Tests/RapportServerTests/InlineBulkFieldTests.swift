import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// "Update a field" on a list's selection: only fields the user may write are offered, the
/// value is checked as a PATCH would check it, and the change lands on the chosen records
/// alone, audited once per record, or on none when any of them is out of the user's reach.
@Suite struct InlineBulkFieldTests {
    static func stage(_ api: API, _ id: String) async throws -> String? {
        try await api.call(.get, "/api/v1/people/\(id)").object().string("lifecycle_stage")
    }

    static func updates(_ api: API, _ id: String) async throws -> Int64? {
        try await api.db.read { s in try await s.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'update' AND record_id = \(id)").first?.int("n") }
    }

    @Test(arguments: Backend.available)
    func bulkFieldUpdateChangesOnlyTheSelectedAuditedOncePerRecord(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let ids = try await ListPageTests.people(api, count: 5)
            let list = try await browser.request(.get, "/people")
            #expect(list.body.contains(#"<option value="field">Update a field</option>"#))
            #expect(list.body.contains(#"<option value="lifecycle_stage">"#))
            for never in ["sort_name", "emails", "phones", "display_name", "owner_id"] {
                #expect(!list.body.contains(#"<option value="\#(never)">"#), "\(never) is not offered")
            }
            let csrf = PageClient.csrf(list.body) ?? ""
            let chosen = Array(ids.prefix(3))
            let step = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "field"), ("field", "lifecycle_stage"), ("back", "/people")] + chosen.map { ("ids", $0) })
            #expect(step.status == .ok)
            #expect(step.body.contains(#"<select id="f-lifecycle_stage" name="lifecycle_stage""#))
            #expect(step.body.contains("Update a field on 3 records"))
            #expect(step.body.contains("김사람0") && !step.body.contains("山田사람3"), "the chosen records are named, and only they")

            // A value the API would refuse comes back on the page, and nothing changes.
            let bad = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "field"), ("field", "lifecycle_stage"), ("step", "apply"), ("lifecycle_stage", "bogus"), ("back", "/people")] + chosen.map { ("ids", $0) })
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains(#"id="f-lifecycle_stage-error""#))
            for id in ids { #expect(try await Self.stage(api, id) == nil) }

            let done = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "field"), ("field", "lifecycle_stage"), ("step", "apply"), ("lifecycle_stage", "customer"), ("back", "/people")] + chosen.map { ("ids", $0) })
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/people?notice=bulk_done")
            for id in chosen {
                #expect(try await Self.stage(api, id) == "customer")
                #expect(try await Self.updates(api, id) == 1)
            }
            for id in ids.dropFirst(3) {
                #expect(try await Self.stage(api, id) == nil)
                #expect(try await Self.updates(api, id) == 0)
            }
            let operations = try await api.db.read { s in try await s.query("SELECT changes FROM audit_log WHERE action = 'bulk_update'").compactMap { $0.text("changes") } }
            #expect(operations.count == 1 && operations[0].contains("lifecycle_stage"))
            // A field that may not be written in bulk is refused before anything is asked.
            let hidden = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "field"), ("field", "sort_name"), ("back", "/people")] + chosen.map { ("ids", $0) })
            #expect(hidden.headers[.location] == "/people?bulk_error=unknown_field")
        }
    }

    @Test(arguments: Backend.available)
    func bulkFieldUpdateIsRefusedWhollyOnOneForbiddenRecord(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var rep = try await WorkspacePageTests.signedIn(api, email: "rep@example.com", role: "sales")
            let repToken = try await TokenStore(db: api.db).create(name: "rep", userEmail: "rep@example.com", scope: "write").token
            var own: [String] = []
            for name in ["Ada", "Grace"] {
                let reply = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"\#(name)"}"#, token: repToken)
                own.append(try reply.object().string("id") ?? "")
            }
            // Someone else's record: the rep (who sees only their own) may not change it.
            let other = try await api.create("people", #"{"display_name":"Not theirs"}"#).string("id") ?? ""
            let list = try await rep.request(.get, "/people")
            #expect(!list.body.contains("Not theirs"))
            let csrf = PageClient.csrf(list.body) ?? ""
            let reply = try await rep.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "field"), ("field", "job_title"), ("step", "apply"), ("job_title", "Changed"), ("back", "/people")] + (own + [other]).map { ("ids", $0) })
            #expect(reply.headers[.location] == "/people?bulk_error=forbidden_records&bulk_count=1")
            for id in own + [other] {
                #expect(try await api.call(.get, "/api/v1/people/\(id)").object().string("job_title") == nil)
            }
            let page = try await rep.request(.get, reply.headers[.location] ?? "")
            #expect(page.body.contains("Nothing was changed. 1 of the selected records may not be changed by you."))
            // The other bulk actions refuse the same way.
            let tag = try await rep.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "tag"), ("tag", "vip"), ("back", "/people")] + (own + [other]).map { ("ids", $0) })
            #expect(tag.headers[.location] == "/people?bulk_error=forbidden_records&bulk_count=1")
        }
    }

    /// Two bulk updates of the same records at the same moment: both answer (no 500),
    /// every record ends with one of the two values, and the audit chain verifies.
    @Test(arguments: Backend.available.filter { $0 == .postgres })
    func concurrentBulkUpdatesEndConsistent(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let browser = try await WorkspacePageTests.signedIn(api)
            let ids = try await ListPageTests.people(api, count: 8)
            var first = browser
            let csrf = PageClient.csrf(try await first.request(.get, "/people").body) ?? ""
            let session = first
            let replies = try await withinDeadline(60, "two bulk updates") {
                try await withThrowingTaskGroup(of: Reply.self) { group in
                    for title in ["Alpha", "Beta", "Gamma"] {
                        group.addTask {
                            var client = session
                            return try await client.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "field"), ("field", "job_title"), ("step", "apply"), ("job_title", title), ("back", "/people")] + ids.reversed().map { ("ids", $0) })
                        }
                    }
                    var out: [Reply] = []
                    for try await reply in group { out.append(reply) }
                    return out
                }
            }
            #expect(replies.allSatisfy { $0.status == .seeOther }, "\(replies.map(\.status))")
            var titles = Set<String>()
            for id in ids {
                let title = try await api.call(.get, "/api/v1/people/\(id)").object().string("job_title") ?? ""
                titles.insert(title)
                // Each record's own history: one update per bulk change that landed.
                let landed = replies.filter { $0.headers[.location] == "/people?notice=bulk_done" }.count
                #expect(try await Self.updates(api, id) == Int64(landed))
            }
            #expect(titles.count == 1, "the last change to commit holds on every record: \(titles)")
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken == nil)
        }
    }
}
