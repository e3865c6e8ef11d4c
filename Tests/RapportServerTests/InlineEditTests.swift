import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// Editing one value in place on a list or a record page: the same update as the form and
/// the API's PATCH, refused when the row's ETag is stale, and never offered (nor accepted)
/// for a field the user may not write.
@Suite struct InlineEditTests {
    static func json(_ reply: Reply) throws -> JSONObject { try reply.object() }

    @Test(arguments: Backend.available)
    func inlineSaveWithStaleETagIsRefused(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let id = try await api.create("people", #"{"family_name":"김","given_name":"보경","job_title":"Engineer"}"#).string("id") ?? ""
            let list = try await browser.request(.get, "/people?col=job_title")
            #expect(list.body.contains(#"data-record="/people/\#(id)" data-etag="&quot;1&quot;""#), "the row carries its ETag")
            #expect(list.body.contains(#"<td data-label="Job title" data-edit="job_title">"#))
            // The script names each edit button "Edit <heading> of <row title>" from these.
            #expect(list.body.contains(#"data-inline-label="Edit %1$@ of %2$@""#))
            let editor = try await browser.request(.get, "/people/\(id)/field/job_title")
            #expect(editor.status == .ok)
            #expect(editor.body.contains(#"id="inline-job_title""#) && editor.body.contains(#"value="Engineer""#))
            let csrf = PageClient.csrf(list.body) ?? ""

            let saved = try await browser.request(.post, "/people/\(id)/field/job_title", form: [("_csrf", csrf), ("job_title", "Lead <engineer>")], headers: [.ifMatch: "\"1\"", .accept: "application/json"])
            #expect(saved.status == .ok, "\(saved.body)")
            #expect(try Self.json(saved).string("etag") == "\"2\"")
            #expect(try Self.json(saved).string("html") == "Lead &lt;engineer&gt;", "what users typed comes back escaped")

            // A second save still holding the first ETag is refused and changes nothing.
            let stale = try await browser.request(.post, "/people/\(id)/field/job_title", form: [("_csrf", csrf), ("job_title", "Overwritten")], headers: [.ifMatch: "\"1\"", .accept: "application/json"])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.headers[.contentType] == "application/problem+json")
            #expect(try Self.json(stale).string("detail")?.hasPrefix("Someone else changed this record") == true)
            #expect(try await api.call(.get, "/api/v1/people/\(id)").object().string("job_title") == "Lead <engineer>")

            // A bad value is a 422 naming the field, in the user's language, and changes nothing.
            let home = try await browser.request(.get, "/")
            _ = try await browser.request(.post, "/settings/language", form: [("_csrf", PageClient.csrf(home.body) ?? ""), ("language", "ko")])
            let bad = try await browser.request(.post, "/people/\(id)/field/lifecycle_stage", form: [("_csrf", csrf), ("lifecycle_stage", "bogus")], headers: [.ifMatch: "\"2\"", .accept: "application/json"])
            #expect(bad.status == .unprocessableContent, "\(bad.body)")
            #expect(try bad.errorFields() == ["lifecycle_stage"])
            let message = try Self.json(bad).string("detail") ?? ""
            #expect(!message.isEmpty && message.unicodeScalars.contains { $0.value >= 0xAC00 && $0.value <= 0xD7A3 }, "Korean: \(message)")
            // Without the CSRF token nothing is saved.
            let forged = try await browser.request(.post, "/people/\(id)/field/job_title", form: [("job_title", "Forged")], headers: [.ifMatch: "\"2\""])
            #expect(forged.status == .forbidden)
            #expect(try await api.call(.get, "/api/v1/people/\(id)").object().string("job_title") == "Lead <engineer>")
            let updates = try await api.db.read { s in
                try await s.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'update' AND record_id = \(id)").first?.int("n")
            }
            #expect(updates == 1, "one audited update, as a PATCH")
        }
    }

    @Test(arguments: Backend.available)
    func hiddenAndDerivedFieldsAreNotEditableInline(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            // Marketing may edit people but does not see their phones.
            var browser = try await WorkspacePageTests.signedIn(api, email: "marketing@example.com", role: "marketing")
            let id = try await api.create("people", #"{"family_name":"山田","given_name":"太郎","phones":["+81 3 1234 5678"]}"#).string("id") ?? ""
            let record = try await browser.request(.get, "/people/\(id)")
            #expect(record.status == .ok)
            #expect(record.body.contains(#"data-edit="job_title""#), "an empty field the user may write is offered")
            #expect(!record.body.contains(#"data-edit="phones""#))
            #expect(!record.body.contains(#"data-edit="sort_name""#))
            let list = try await browser.request(.get, "/people?col=phones&col=job_title")
            #expect(!list.body.contains(#"data-edit="phones""#))
            let csrf = PageClient.csrf(record.body) ?? ""
            for field in ["phones", "sort_name", "display_name", "nonexistent"] {
                let editor = try await browser.request(.get, "/people/\(id)/field/\(field)")
                #expect(editor.status == .forbidden, "\(field): \(editor.status)")
                let post = try await browser.request(.post, "/people/\(id)/field/\(field)", form: [("_csrf", csrf), (field, "+82 2 000 0000")], headers: [.ifMatch: "\"1\"", .accept: "application/json"])
                #expect(post.status == .forbidden, "\(field): \(post.status)")
                #expect(!post.body.contains("+81"), "a refusal tells nothing of the hidden value")
            }
            let phones = try await api.call(.get, "/api/v1/people/\(id)").object()["phones"]?.arrayValue?.count
            #expect(phones == 1)
            // A viewer may not write at all: no editors offered.
            var viewer = try await WorkspacePageTests.signedIn(api, email: "viewer@example.com", role: "viewer")
            #expect(!(try await viewer.request(.get, "/people/\(id)").body.contains("data-edit=")))
        }
    }
}
