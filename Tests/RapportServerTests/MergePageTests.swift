import Foundation
import HTTPTypes
import RapportKit
import Testing

/// Merging two records side by side, choosing each field's surviving value, through the
/// page and through the API's `fields`, which share one store path.
@Suite struct MergePageTests {
    @Test(arguments: Backend.available)
    func apiKeepsTheChosenValuesAndMovesRelatedRecords(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let a = try await api.create("people", #"{"display_name":"Ada Lovelace","emails":["ada@example.com"],"job_title":"Analyst"}"#)
            let b = try await api.create("people", #"{"display_name":"Augusta Ada King","emails":["countess@example.org"],"job_title":"Countess","phones":["+44 20 7946 0018"]}"#)
            let aid = try #require(a.string("id")), bid = try #require(b.string("id"))
            let call = try await api.create("activities", #"{"kind":"call","subject":"Engine notes","participants":["\#(bid)"]}"#)
            let merged = try await api.call(.post, "/api/v1/people/merge", json: #"{"survivor_id":"\#(aid)","duplicate_id":"\#(bid)","fields":{"display_name":"duplicate","emails":"survivor"}}"#)
            #expect(merged.status == .ok, "\(merged.body)")
            let m = try merged.object()
            #expect(m.string("display_name") == "Augusta Ada King", "the duplicate's name was chosen")
            #expect(m["emails"]?.arrayValue?.count == 1, "the survivor's emails alone, not the union")
            #expect(m.string("job_title") == "Analyst", "not chosen: the survivor's value")
            #expect(m["phones"]?.arrayValue?.count == 1, "not chosen and empty on the survivor: filled")
            let activity = try await api.call(.get, "/api/v1/activities/\(try #require(call.string("id")))").object()
            #expect(activity["participants"] == .array([.string(aid)]))
            #expect(try await api.call(.get, "/api/v1/people/\(bid)").status == .notFound)
            let audited = try await api.db.read { s in
                try await s.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'merge' AND record_id = \(aid)").first?.int("n")
            }
            #expect(audited == 1)
        }
    }

    @Test(arguments: Backend.available)
    func apiRefusesUnknownAndMalformedChoicesWithoutChangingAnything(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let a = try await api.create("people", #"{"display_name":"Kim Bo-kyung"}"#)
            let b = try await api.create("people", #"{"display_name":"김보경"}"#)
            let ids = #""survivor_id":"\#(a.string("id") ?? "")","duplicate_id":"\#(b.string("id") ?? "")""#
            let unknown = try await api.call(.post, "/api/v1/people/merge", json: #"{\#(ids),"fields":{"nickname":"duplicate","sort_name":"survivor"}}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(try unknown.errorFields() == ["fields.nickname", "fields.sort_name"])
            let side = try await api.call(.post, "/api/v1/people/merge", json: #"{\#(ids),"fields":{"display_name":"both"}}"#)
            #expect(side.status == .unprocessableContent)
            #expect(try side.errorFields() == ["fields.display_name"])
            let shape = try await api.call(.post, "/api/v1/people/merge", json: #"{\#(ids),"fields":["display_name"]}"#)
            #expect(shape.status == .unprocessableContent)
            #expect(try await api.names("/api/v1/people?sort=display_name").count == 2, "nothing was merged")
        }
    }

    @Test(arguments: Backend.available)
    func recordsTheUserCannotSeeAreNotFound(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let rep = try await api.user("rep@example.com", role: "sales", password: WorkspacePageTests.password)
            let theirs = try await api.create("people", #"{"display_name":"Someone Else's"}"#)
            let mine = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Mine"}"#, token: rep.token).object()
            let body = #"{"survivor_id":"\#(mine.string("id") ?? "")","duplicate_id":"\#(theirs.string("id") ?? "")"}"#
            #expect(try await api.call(.post, "/api/v1/people/merge", json: body, token: rep.token).status == .notFound)
            var browser = PageClient(api)
            _ = try await browser.signIn("rep@example.com", WorkspacePageTests.password)
            let page = try await browser.request(.get, "/people/merge?ids=\(mine.string("id") ?? "")&ids=\(theirs.string("id") ?? "")")
            #expect(page.status == .notFound)
            #expect(try await api.call(.get, "/api/v1/people/\(theirs.string("id") ?? "")").status == .ok)
        }
    }

    @Test(arguments: Backend.available)
    func countsOfWhatMovesOnlyIncludeWhatTheReaderMaySee(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let rep = try await api.user("rep@example.com", role: "sales", password: WorkspacePageTests.password)
            let a = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Kim Bokyung"}"#, token: rep.token).object()
            let b = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"김보경"}"#, token: rep.token).object()
            let aid = try #require(a.string("id")), bid = try #require(b.string("id"))
            // The rep's own call, and a meeting the admin owns that the rep cannot see.
            #expect(try await api.call(.post, "/api/v1/activities", json: #"{"kind":"call","subject":"Mine","participants":["\#(aid)"]}"#, token: rep.token).status == .created)
            _ = try await api.create("activities", #"{"kind":"meeting","subject":"Board only","participants":["\#(aid)"]}"#)
            let path = "/people/merge?ids=\(aid)&ids=\(bid)"
            var repBrowser = PageClient(api)
            _ = try await repBrowser.signIn("rep@example.com", WorkspacePageTests.password)
            let repPage = try await repBrowser.request(.get, path)
            #expect(repPage.status == .ok)
            #expect(repPage.body.contains(#"<td class="num">1</td><td class="num">0</td>"#), "the rep is told of the one entry they can see")
            #expect(!repPage.body.contains(#"<td class="num">2</td>"#))
            var admin = try await WorkspacePageTests.signedIn(api)
            let adminPage = try await admin.request(.get, path)
            #expect(adminPage.body.contains(#"<td class="num">2</td><td class="num">0</td>"#), "the admin sees both")
        }
    }

    @Test(arguments: Backend.available)
    func thePageShowsBothSidesAndMergesWithTheChosenFields(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let a = try await api.create("people", #"{"display_name":"Yamada Taro","job_title":"Engineer","emails":["taro@example.jp"]}"#)
            let b = try await api.create("people", #"{"display_name":"山田太郎","job_title":"部長","emails":["yamada@example.co.jp"]}"#)
            let aid = try #require(a.string("id")), bid = try #require(b.string("id"))
            _ = try await api.create("activities", #"{"kind":"meeting","subject":"Kickoff","participants":["\#(aid)"]}"#)
            let list = try await browser.request(.get, "/people")
            #expect(list.body.contains(#"<option value="merge">"#))
            let csrf = try #require(PageClient.csrf(list.body))
            let one = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "merge"), ("back", "/people"), ("ids", aid)])
            #expect(one.headers[.location] == "/people?bulk_error=merge_two")
            let two = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "merge"), ("back", "/people"), ("ids", aid), ("ids", bid)])
            let location = try #require(two.headers[.location])
            #expect(location == "/people/merge?ids=\(aid)&ids=\(bid)")
            let page = try await browser.request(.get, location)
            #expect(page.status == .ok)
            #expect(page.body.contains("Yamada Taro") && page.body.contains("山田太郎"))
            // The survivor's values are chosen unless the user picks otherwise.
            #expect(page.body.contains(#"name="field.job_title" value="a" checked"#))
            // Two different lists are kept whole unless the user picks one side.
            #expect(page.body.contains(#"name="field.emails" value="both" checked"#) && !page.body.contains(#"name="field.emails" value="a" checked"#))
            #expect(!page.body.contains(#"name="field.job_title" value="both""#), "a single value has no union")
            #expect(page.body.contains(#"<td class="num">1</td><td class="num">0</td>"#), "the meeting would move from the first record")
            let merged = try await browser.request(.post, "/people/merge", form: [
                ("_csrf", csrf), ("a", aid), ("b", bid), ("survivor", bid),
                ("field.display_name", "b"), ("field.job_title", "a"), ("field.emails", "b"),
            ])
            #expect(merged.status == .seeOther)
            #expect(merged.headers[.location] == "/people/\(bid)?notice=merged")
            let kept = try await api.call(.get, "/api/v1/people/\(bid)").object()
            #expect(kept.string("display_name") == "山田太郎")
            #expect(kept.string("job_title") == "Engineer")
            #expect(kept["emails"]?.arrayValue?.count == 1)
            #expect(try await api.call(.get, "/api/v1/people/\(aid)").status == .notFound)
            // Posting the default keeps both people's addresses.
            let e = try await api.create("people", #"{"display_name":"Sato Hana","emails":["hana@example.jp"]}"#)
            let f = try await api.create("people", #"{"display_name":"佐藤花","emails":["sato@example.co.jp"]}"#)
            let united = try await browser.request(.post, "/people/merge", form: [
                ("_csrf", csrf), ("a", e.string("id") ?? ""), ("b", f.string("id") ?? ""), ("survivor", e.string("id") ?? ""), ("field.emails", "both"),
            ])
            #expect(united.status == .seeOther)
            let both = try await api.call(.get, "/api/v1/people/\(e.string("id") ?? "")").object()
            #expect(Set(both["emails"]?.arrayValue?.compactMap { $0.objectValue?.string("address") } ?? []) == ["hana@example.jp", "sato@example.co.jp"], "\(both)")
            let timeline = try await api.call(.get, "/api/v1/people/\(bid)/timeline").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(timeline.contains { $0["activity"]?.objectValue?.string("subject") == "Kickoff" })
            // A refused choice comes back to the page, named, with nothing merged.
            let c = try await api.create("people", #"{"display_name":"Third"}"#)
            let d = try await api.create("people", #"{"display_name":"Fourth"}"#)
            let refused = try await browser.request(.post, "/people/merge", form: [
                ("_csrf", csrf), ("a", c.string("id") ?? ""), ("b", d.string("id") ?? ""), ("survivor", c.string("id") ?? ""), ("field.nickname", "b"),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains(#"id="form-error""#))
            #expect(try await api.call(.get, "/api/v1/people/\(d.string("id") ?? "")").status == .ok)
        }
    }

    @Test(arguments: Backend.available)
    func aRecordPageOffersToMergeRecordsWithTheSameNameOrPhone(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let a = try await api.create("people", #"{"family_name":"김","given_name":"보경","phones":["010-1234-5678"]}"#)
            let b = try await api.create("people", #"{"family_name":"김","given_name":"보경"}"#)
            let c = try await api.create("people", #"{"display_name":"Kim B.","phones":["010 1234 5678"]}"#)
            let other = try await api.create("people", #"{"display_name":"Lee Seo-yoon"}"#)
            let aid = try #require(a.string("id")), bid = try #require(b.string("id")), cid = try #require(c.string("id"))
            // The record page only links to the search, so opening it runs none.
            let page = try await browser.request(.get, "/people/\(aid)")
            #expect(page.body.contains(#"href="/people/\#(aid)/duplicates""#))
            #expect(!page.body.contains("/people/merge?ids="))
            let found = try await browser.request(.get, "/people/\(aid)/duplicates")
            #expect(found.status == .ok)
            #expect(found.body.contains("/people/merge?ids=\(aid)&amp;ids=\(bid)"), "same name")
            #expect(found.body.contains("/people/merge?ids=\(aid)&amp;ids=\(cid)"), "a phone number in common, however written")
            #expect(found.body.contains(#"href="tel:01012345678">010 1234 5678</a>"#), "the other record's number can be called from the list")
            #expect(!found.body.contains(other.string("id") ?? "-"))
            let alone = try await browser.request(.get, "/people/\(other.string("id") ?? "")/duplicates")
            #expect(alone.status == .ok)
            #expect(alone.body.contains("No other record has the same name or phone number."))
            #expect(!alone.body.contains("/people/merge?ids="))
            // Types without the section have no such page.
            let note = try await api.create("activities", #"{"kind":"meeting","subject":"No twins"}"#)
            #expect(try await browser.request(.get, "/activities/\(note.string("id") ?? "")/duplicates").status == .notFound)
            // A role that may not merge is not offered it.
            var support = try await WorkspacePageTests.signedIn(api, email: "support@example.com", role: "support")
            #expect(!(try await support.request(.get, "/people/\(aid)").body.contains("duplicates-heading")))
            #expect(try await support.request(.get, "/people/\(aid)/duplicates").status == .forbidden)
        }
    }
}
