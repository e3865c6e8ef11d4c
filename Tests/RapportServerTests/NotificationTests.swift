import Foundation
import HTTPTypes
import RapportKit
import RapportServer
import RapportStore
import Testing

/// In-app notifications: who is told about what, never about a record they cannot see,
/// never twice; the bell's count, the page and the API.
@Suite struct NotificationTests {
    static func notifications(_ api: API, _ user: TestUser, _ query: String = "") async throws -> [JSONObject] {
        let reply = try await api.call(.get, "/api/v1/notifications\(query)", token: user.token)
        #expect(reply.status == .ok, "\(reply.body)")
        return try reply.object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
    }

    @Test(arguments: Backend.available)
    func assignmentNotifiesTheNewOwnerButNotWhoAssignedThemselves(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: HomeTests.configuration) { api in
            try await api.team("Seoul")
            let (manager, _) = try await HomeTests.member(api, "lead@example.com", name: "Lead", role: "manager", teams: ["Seoul"])
            let (rep, browserStart) = try await HomeTests.member(api, "rep@example.com", name: "Rep", role: "sales", teams: ["Seoul"])
            var browser = browserStart
            // Made by the manager for themselves, then handed to the rep.
            let person = try await api.call(.post, "/api/v1/people", json: #"{"family_name":"Kim","given_name":"Jin"}"#, token: manager.token).object().string("id") ?? ""
            #expect(try await Self.notifications(api, manager).isEmpty)
            let handed = try await api.call(.patch, "/api/v1/people/\(person)", json: #"{"owner_id":"\#(rep.id)"}"#, token: manager.token)
            #expect(handed.status == .ok, "\(handed.body)")
            let told = try await Self.notifications(api, rep)
            #expect(told.count == 1)
            #expect(told.first?.string("kind") == "assigned" && told.first?.string("record_id") == person && told.first?.string("actor_id") == manager.id)
            #expect(try await Self.notifications(api, manager).isEmpty)
            // A record the rep makes for themselves, and an edit that keeps the owner, tell nobody.
            _ = try await api.call(.post, "/api/v1/people", json: #"{"family_name":"Lee","given_name":"Min"}"#, token: rep.token)
            _ = try await api.call(.patch, "/api/v1/people/\(person)", json: #"{"given_name":"Jina"}"#, token: rep.token)
            // Created straight into the rep's hands by the manager.
            let given = try await api.call(.post, "/api/v1/people", json: #"{"family_name":"Park","owner_id":"\#(rep.id)"}"#, token: manager.token)
            #expect(given.status == .created, "\(given.body)")
            #expect(try await Self.notifications(api, rep).count == 2)

            // The bell counts them on every page; the page lists and marks them read.
            let home = try await browser.request(.get, "/").body
            #expect(home.contains(#"<span class="badge" data-unread aria-hidden="true">2</span>"#))
            let page = try await browser.request(.get, "/notifications")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"href="/people/\#(person)""#))
            #expect(page.body.contains("Assigned to you") && page.body.contains("Lead"))
            let csrf = PageClient.csrf(page.body) ?? ""
            let id = told.first?.string("id") ?? ""
            #expect(try await browser.request(.post, "/notifications/\(id)/read", form: [("_csrf", csrf)]).status == .seeOther)
            #expect(try await browser.request(.get, "/").body.contains(#"data-unread aria-hidden="true">1<"#))
            #expect(try await browser.request(.post, "/notifications/read-all", form: [("_csrf", "wrong")]).status == .forbidden)
            #expect(try await browser.request(.post, "/notifications/read-all", form: [("_csrf", csrf)]).status == .seeOther)
            #expect(!(try await browser.request(.get, "/").body.contains("data-unread")))
        }
    }

    @Test(arguments: Backend.available)
    func mentionsInHangulAndKanjiNotifyOnlyThoseWhoCanSeeTheNote(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: HomeTests.configuration) { api in
            try await api.team("Tokyo")
            let (yamada, _) = try await HomeTests.member(api, "taro@acme.example", name: "山田 太郎", role: "manager", teams: ["Tokyo"])
            let (author, _) = try await HomeTests.member(api, "author@acme.example", name: "Author", role: "sales", teams: ["Tokyo"])
            let (kim, _) = try await HomeTests.member(api, "bokyung@hanbit.example", name: "김보경", role: "support")
            let (sato, _) = try await HomeTests.member(api, "sato@acme.example", name: "佐藤 花子", role: "sales")
            // Support sees every note; the Tokyo manager sees the team's; a rep outside it does not.
            let body = "@김보경님, @山田さん 견적 확인 부탁드립니다. @佐藤 花子 cc @author"
            let note = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"note","body":"\#(body)"}"#, token: author.token)
            #expect(note.status == .created, "\(note.body)")
            let noteID = try note.object().string("id") ?? ""
            for user in [kim, yamada] {
                let told = try await Self.notifications(api, user)
                #expect(told.map { $0.string("kind") } == ["mentioned"] && told.first?.string("record_id") == noteID, "\(user.email)")
            }
            #expect(try await Self.notifications(api, sato).isEmpty)
            #expect(try await Self.notifications(api, author).isEmpty)
            // Editing the note tells only someone newly mentioned, once.
            let edited = try await api.call(.patch, "/api/v1/activities/\(noteID)", json: #"{"body":"\#(body) 그리고 @taro 다시"}"#, token: author.token)
            #expect(edited.status == .ok)
            #expect(try await Self.notifications(api, kim).count == 1)
            #expect(try await Self.notifications(api, yamada).count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func theReminderJobNotifiesOnceEvenWhenRunTwice(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: HomeTests.configuration) { api in
            let (rep, _) = try await HomeTests.member(api, "rep@example.com", name: "Rep", role: "sales")
            let soon = try await HomeTests.task(api, rep, "Call Hanbit", due: "2026-12-01T17:20:00Z")
            _ = try await HomeTests.task(api, rep, "Later", due: "2026-12-01T20:00:00Z")
            let done = try await HomeTests.task(api, rep, "Done", due: "2026-12-01T17:00:00Z")
            _ = try await api.call(.patch, "/api/v1/activities/\(done)", json: #"{"completed_at":"2026-12-01T16:00:00Z"}"#, token: rep.token)

            let clock = ManualJobClock(Timestamp.parse("2026-12-01T16:25:00Z")!)
            var registry = JobRegistry()
            registry.registerNotifications(store: RecordStore(db: api.db))
            let runner = JobRunner(store: JobStore(db: api.db, clock: clock), registry: registry, worker: "test", random: { 0 })
            try await runner.ensureRecurring()
            #expect(try await runner.runDue() == 0)
            clock.advance(milliseconds: 5 * 60_000)
            #expect(try await runner.runDue() == 1)
            // The same run again (a retry, another instance) and the next run tell nobody again.
            #expect(try await RecordStore(db: api.db).remindDueTasks(now: clock.now()) == 0)
            clock.advance(milliseconds: 15 * 60_000)
            #expect(try await runner.runDue() == 1)
            let told = try await Self.notifications(api, rep)
            #expect(told.count == 1)
            #expect(told.first?.string("kind") == "task_due" && told.first?.string("record_id") == soon && told.first?["actor_id"] == .null)
        }
    }

    @Test(arguments: Backend.available)
    func theAPIPagesNewestFirstAndMarksOnlyTheCallersOwn(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: HomeTests.configuration) { api in
            let (rep, _) = try await HomeTests.member(api, "rep@example.com", name: "Rep", role: "sales")
            let other = try await api.user("other@example.com", role: "sales")
            var made: [String] = []
            for i in 1...5 {
                let p = try await api.call(.post, "/api/v1/people", json: #"{"family_name":"P\#(i)","owner_id":"\#(rep.id)"}"#).object().string("id") ?? ""
                made.append(p)
            }
            _ = try await api.call(.post, "/api/v1/people", json: #"{"family_name":"Q","owner_id":"\#(other.id)"}"#)
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let reply = try await api.call(.get, "/api/v1/notifications?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: rep.token)
                #expect(reply.status == .ok)
                let object = try reply.object()
                seen += object["data"]?.arrayValue?.compactMap { $0.objectValue?.string("record_id") } ?? []
                cursor = object.string("next_cursor")
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == made.reversed())

            let all = try await Self.notifications(api, rep)
            let first = all.first?.string("id") ?? ""
            let marked = try await api.call(.post, "/api/v1/notifications/\(first)/read", token: rep.token)
            #expect(marked.status == .ok)
            #expect(try marked.object().string("read_at") == HomeTests.now)
            #expect(try await Self.notifications(api, rep, "?unread=true").count == 4)
            // Someone else's notification is not found, and nothing changes.
            let theirs = try await Self.notifications(api, other).first?.string("id") ?? ""
            #expect(try await api.call(.post, "/api/v1/notifications/\(theirs)/read", token: rep.token).status == .notFound)
            #expect(try await Self.notifications(api, other, "?unread=true").count == 1)
            let readAll = try await api.call(.post, "/api/v1/notifications/read-all", token: rep.token)
            #expect(try readAll.object()["marked"] == .number("4"))
            #expect(try await Self.notifications(api, rep, "?unread=true").isEmpty)
            // Bad input is a 400 problem, never a 500.
            for query in ["?limit=0", "?limit=abc", "?cursor=nonsense", "?unread=maybe", "?sort=id"] {
                let bad = try await api.call(.get, "/api/v1/notifications\(query)", token: rep.token)
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            }
            #expect(try await api.call(.post, "/api/v1/notifications/not-an-id/read", token: rep.token).status == .notFound)
            let spec = try await api.call(.get, "/api/openapi.json").body
            #expect(spec.contains("/api/v1/notifications/{id}/read") && spec.contains("listNotifications"))
        }
    }
}
