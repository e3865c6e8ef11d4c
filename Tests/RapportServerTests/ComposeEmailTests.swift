import Foundation
import HTTPTypes
import RapportKit
import Testing

/// Writing an email from a record's page: recipients from the record, templates filled in
/// the reader's language, the message queued in the outbox and kept on the timelines it
/// concerns, in one transaction; refused input changes nothing.
@Suite struct ComposeEmailTests {
    static let relay = #"{"host":"127.0.0.1","port":2,"security":"none","from_name":"Rapport","from_address":"sales@rapport.test"}"#

    static func queued(_ api: API) async throws -> Int {
        Int(try await api.db.read { s in try await s.query("SELECT COUNT(*) AS n FROM mail_messages").first?.int("n") } ?? -1)
    }

    static func emails(_ api: API) async throws -> Int {
        Int(try await api.db.read { s in try await s.query("SELECT COUNT(*) AS n FROM activities WHERE kind = 'email'").first?.int("n") } ?? -1)
    }

    @Test(arguments: Backend.available)
    func aPersonIsMailedFromTheirPage(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let org = try await api.create("organizations", #"{"name":"Hanbit Software"}"#).string("id") ?? ""
            let person = try await api.create("people", #"{"display_name":"김보경","emails":["bokyung@hanbit.example"],"organization_id":"\#(org)"}"#)
            let id = try #require(person.string("id"))
            let page = try await browser.request(.get, "/people/\(id)")
            #expect(page.body.contains(#"href="/people/\#(id)/email""#))
            let form = try await browser.request(.get, "/people/\(id)/email?template=followup")
            #expect(form.status == .ok)
            #expect(form.body.contains(#"value="bokyung@hanbit.example""#))
            #expect(form.body.contains("Hello 김보경,") && form.body.contains("next steps for Hanbit Software"), "the template is filled for this person")
            let csrf = PageClient.csrf(form.body) ?? ""

            // Without a relay nothing is queued and nothing is written on the timeline.
            let unset = try await browser.request(.post, "/people/\(id)/email", form: [("_csrf", csrf), ("to", "bokyung@hanbit.example"), ("subject", "Hi"), ("body", "Hello")])
            #expect(unset.status == .conflict)
            #expect(unset.body.contains("Settings → Mail"))
            let (q, e) = (try await Self.queued(api), try await Self.emails(api))
            #expect(q == 0 && e == 0)

            #expect(try await api.call(.put, "/api/v1/settings/mail", json: Self.relay).status == .ok)
            let bad = try await browser.request(.post, "/people/\(id)/email", form: [("_csrf", csrf), ("to", "bokyung@hanbit.example, not an address"), ("subject", ""), ("body", "x")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains(#"id="compose-to-error""#) && bad.body.contains(#"id="compose-subject-error""#))
            let (q2, e2) = (try await Self.queued(api), try await Self.emails(api))
            #expect(q2 == 0 && e2 == 0)

            let sent = try await browser.request(.post, "/people/\(id)/email", form: [
                ("_csrf", csrf), ("to", "bokyung@hanbit.example"), ("subject", "{{organization.name}} 갱신"), ("body", "{{person.name|고객}}님, 안녕하세요."),
            ])
            #expect(sent.status == .seeOther, "\(sent.body.prefix(400))")
            #expect(sent.headers[.location] == "/people/\(id)?notice=email_queued")
            let message = try #require(try await api.db.read { s in try await s.query("SELECT id, subject, text_body, to_addresses, state FROM mail_messages").first })
            #expect(message.text("subject") == "Hanbit Software 갱신" && message.text("text_body") == "김보경님, 안녕하세요.")
            #expect(message.text("state") == "queued" && message.text("to_addresses") == #"["bokyung@hanbit.example"]"#)
            let timeline = try await api.call(.get, "/api/v1/people/\(id)/timeline").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            let entry = try #require(timeline.first { $0["activity"]?.objectValue?.string("kind") == "email" }?["activity"]?.objectValue)
            #expect(entry.string("subject") == "Hanbit Software 갱신")
            let links = try await api.db.read { s in
                try await s.query("SELECT record_type FROM mail_links WHERE mail_id = \(message.text("id") ?? "") ORDER BY record_type").compactMap { $0.text("record_type") }
            }
            #expect(links == ["activities", "people"])
            let shown = try await browser.request(.get, "/people/\(id)?notice=email_queued")
            #expect(shown.body.contains("The email is on its way"))
        }
    }

    /// A deal is mailed to its contacts; a role that cannot log activities gets no button.
    @Test(arguments: Backend.available)
    func aDealIsMailedToItsContacts(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let a = try await api.create("people", #"{"display_name":"田中太郎","emails":["tanaka@example.jp"]}"#).string("id") ?? ""
            let b = try await api.create("people", #"{"display_name":"Sato Hana","emails":["hana@example.jp"]}"#).string("id") ?? ""
            let deal = try await api.create("deals", #"{"title":"Renewal 2027","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            for person in [a, b] {
                _ = try await api.create("deal_contacts", #"{"deal_id":"\#(deal)","person_id":"\#(person)","role":"decision_maker"}"#)
            }
            var browser = try await WorkspacePageTests.signedIn(api)
            let form = try await browser.request(.get, "/deals/\(deal)/email?template=quote")
            #expect(form.status == .ok)
            #expect(form.body.contains("tanaka@example.jp") && form.body.contains("hana@example.jp"))
            #expect(form.body.contains("Your quote for Renewal 2027") && form.body.contains("Hello there,"), "two people: the fallback greets both")
            #expect(try await browser.request(.get, "/activities/\(a)/email").status == .notFound, "types without recipients have no composer")
            _ = try await api.user("viewer@example.com", role: "viewer", password: WorkspacePageTests.password)
            var viewer = PageClient(api)
            _ = try await viewer.signIn("viewer@example.com", WorkspacePageTests.password)
            #expect(!(try await viewer.request(.get, "/deals/\(deal)").body.contains("/email\"")))
            #expect(try await viewer.request(.get, "/deals/\(deal)/email").status == .forbidden)
        }
    }
}
