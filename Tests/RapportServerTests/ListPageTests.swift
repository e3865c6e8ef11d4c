import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// A list page as a rep uses it: the name first and as the link, a count, sortable
/// headings, rows chosen for one audited change that lands whole or not at all, and the
/// view exported as it is filtered.
@Suite struct ListPageTests {
    static func people(_ api: API, count: Int) async throws -> [String] {
        var ids: [String] = []
        for i in 0..<count {
            let family = i % 2 == 0 ? "김" : "山田"
            let person = try await api.create("people", #"{"family_name":"\#(family)","given_name":"사람\#(i)","emails":["p\#(i)@example.com"]}"#)
            ids.append(person.string("id") ?? "")
        }
        return ids
    }

    @Test(arguments: Backend.available)
    func listShowsNamesCountSortingAndSelection(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            _ = try await Self.people(api, count: 12)
            let page = try await browser.request(.get, "/people")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<span class="count">12</span>"#))
            #expect(page.body.contains(#"<td class="title">"#) && page.body.contains("김사람0"))
            #expect(page.body.contains(#"href="/people?sort=sort_name""#), "the name heading sorts by reading")
            #expect(page.body.components(separatedBy: #"name="ids""#).count - 1 == 12)
            let sorted = try await browser.request(.get, "/people?sort=-sort_name")
            #expect(sorted.body.contains(#"aria-sort="descending""#))
            let filtered = try await browser.request(.get, "/people?q=%EA%B9%80")
            #expect(filtered.body.contains(#"<span class="count">6</span>"#))
        }
    }

    @Test(arguments: Backend.available)
    func bulkOwnerChangeIsOneAuditedOperation(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let rep = try await api.user("rep@example.com", role: "sales")
            let ids = try await Self.people(api, count: 10)
            let list = try await browser.request(.get, "/people")
            let csrf = PageClient.csrf(list.body) ?? ""
            let reply = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "owner"), ("owner_id", rep.id), ("back", "/people")] + ids.map { ("ids", $0) })
            #expect(reply.status == .seeOther)
            #expect(reply.headers[.location] == "/people?notice=bulk_done")
            for id in ids {
                #expect(try await api.call(.get, "/api/v1/people/\(id)").object().string("owner_id") == rep.id)
            }
            let audited = try await api.db.read { s in
                try await s.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'bulk_update' AND record_type = 'people'").first?.int("n")
            }
            #expect(audited == 1)
        }
    }

    @Test(arguments: Backend.available)
    func bulkChangeLandsWholeOrNotAtAll(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let ids = try await Self.people(api, count: 3)
            let csrf = PageClient.csrf(try await browser.request(.get, "/people").body) ?? ""
            // A record that does not exist among the chosen: nothing moves to the trash.
            let missing = RecordID.make()
            let reply = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "delete"), ("back", "/people")] + (ids + [missing]).map { ("ids", $0) })
            #expect(reply.headers[.location]?.hasPrefix("/people?bulk_error=") == true)
            for id in ids { #expect(try await api.call(.get, "/api/v1/people/\(id)").status == .ok) }
            // Without rows chosen the page says so.
            let none = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "tag"), ("tag", "vip"), ("back", "/people")])
            #expect(none.headers[.location] == "/people?bulk_error=none_selected")
            // A tag is added to each, keeping the tags they had.
            _ = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "tag"), ("tag", "vip"), ("back", "/people")] + ids.map { ("ids", $0) })
            for id in ids {
                let tags = try await api.call(.get, "/api/v1/people/\(id)").object()["tags"]?.arrayValue?.compactMap(\.stringValue)
                #expect(tags == ["vip"])
            }
            // Back only to this site.
            let away = try await browser.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "delete"), ("back", "//evil.example/x")] + ids.map { ("ids", $0) })
            #expect(away.headers[.location] == "/people?notice=bulk_done")
        }
    }

    @Test(arguments: Backend.available)
    func bulkChangeFollowsTheRole(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let ids = try await Self.people(api, count: 2)
            var viewer = try await WorkspacePageTests.signedIn(api, email: "viewer@example.com", role: "viewer")
            let page = try await viewer.request(.get, "/people")
            #expect(!page.body.contains(#"value="delete""#), "a viewer is not offered the trash")
            let csrf = PageClient.csrf(page.body) ?? ""
            let reply = try await viewer.request(.post, "/people/bulk", form: [("_csrf", csrf), ("action", "delete"), ("back", "/people")] + ids.map { ("ids", $0) })
            #expect(reply.headers[.location] == "/people?bulk_error=forbidden")
            for id in ids { #expect(try await api.call(.get, "/api/v1/people/\(id)").status == .ok) }
        }
    }

    @Test(arguments: Backend.available)
    func exportOfAViewHoldsWhatTheListShows(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            _ = try await Self.people(api, count: 6)
            let csv = try await browser.request(.get, "/people?q=%E5%B1%B1%E7%94%B0&format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let listed = try await browser.request(.get, "/people?q=%E5%B1%B1%E7%94%B0")
            #expect(listed.body.contains(#"<span class="count">3</span>"#), "\(listed.body.count)")
            let lines = csv.body.split(whereSeparator: \.isNewline)
            #expect(lines.count == 4, "a header and the three 山田: \(lines.count)")
            #expect(!csv.body.contains("김사람"))
        }
    }

    @Test(arguments: Backend.available)
    func recentRecordsThemeAndLanguageBeforeSignIn(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let person = try await api.create("people", #"{"family_name":"김","given_name":"보경"}"#)
            let id = person.string("id") ?? ""
            _ = try await api.create("activities", #"{"kind":"call","subject":"Kickoff call","occurred_at":"2026-01-05T01:00:00Z","participants":["\#(id)"]}"#)
            _ = try await browser.request(.get, "/people/\(id)")
            let home = try await browser.request(.get, "/")
            #expect(home.body.contains(#"<ul class="recent"><li><a href="/people/\#(id)">"#))
            // The sidebar's recent records and Home's latest activities are two lists: the
            // first once replaced the second's entries with record links and no kind or time.
            let latest = try #require(home.body.range(of: #"id="h-recent""#)).upperBound
            let section = home.body[latest...].prefix { $0 != "§" }.prefix(800)
            #expect(section.contains("Kickoff call") && section.contains("Call · "), "\(section)")
            _ = try await browser.request(.post, "/settings/theme", form: [("_csrf", PageClient.csrf(home.body) ?? ""), ("theme", "dark")])
            #expect(try await browser.request(.get, "/").body.contains(#"data-theme="dark""#))
            // Erased or deleted records leave the list.
            _ = try await api.call(.delete, "/api/v1/people/\(id)")
            #expect(!(try await browser.request(.get, "/").body.contains("/people/\(id)")))

            var stranger = PageClient(api)
            let japanese = try await stranger.request(.get, "/signin?lang=ja")
            #expect(WorkspacePageTests.lang(japanese.body) == "ja")
            #expect(WorkspacePageTests.lang(try await stranger.request(.get, "/signin").body) == "ja", "the choice is kept for the sign-in post")
        }
    }
}
