import Foundation
import HTTPTypes
import RapportKit
import RapportServer
import RapportStore
import Testing

/// Home as a rep uses it: tasks grouped by the rep's own day, done in one click, open deals
/// by close date and the first figures, on a clock the test sets.
@Suite struct HomeTests {
    static let password = "home passphrase"
    /// 16:30 UTC on 1 December: already 01:30 on 2 December in Seoul.
    static let now = "2026-12-01T16:30:00.000Z"

    static var configuration: ServerConfiguration {
        var c = testConfiguration
        let fixed = Date(timeIntervalSince1970: Double(Timestamp.parse(now)!) / 1000)
        c.clock = { fixed }
        return c
    }

    /// A user with a password, a name and a zone, with an API token and a signed-in browser.
    static func member(_ api: API, _ email: String, name: String, role: String, zone: String = "UTC", teams: [String] = []) async throws -> (TestUser, PageClient) {
        let body = JSONObject([("email", .string(email)), ("name", .string(name)), ("role", .string(role)), ("time_zone", .string(zone)),
                               ("teams", .array(teams.map(JSONValue.string))), ("password", .string(password))])
        let reply = try await api.call(.post, "/api/v1/users", json: JSONValue.object(body).serialized())
        #expect(reply.status == .created, "\(reply.body)")
        let token = try await TokenStore(db: api.db).create(name: email, userEmail: email).token
        var browser = PageClient(api)
        _ = try await browser.signIn(email, password)
        return (TestUser(id: try reply.object().string("id") ?? "", email: email, token: token), browser)
    }

    /// The HTML of one task group on Home, from its heading to the next group.
    static func group(_ html: String, _ bucket: String) -> String {
        guard let start = html.range(of: #"id="h-\#(bucket)""#) else { return "" }
        let rest = html[start.upperBound...]
        let end = rest.range(of: #"class="task-group""#)?.lowerBound ?? rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    static func task(_ api: API, _ user: TestUser, _ subject: String, due: String) async throws -> String {
        let reply = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"task","subject":"\#(subject)","due_at":"\#(due)"}"#, token: user.token)
        #expect(reply.status == .created, "\(reply.body)")
        return try reply.object().string("id") ?? ""
    }

    @Test(arguments: Backend.available)
    func tasksAreGroupedByTheUsersOwnDay(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: Self.configuration) { api in
            let (rep, browserStart) = try await Self.member(api, "rep@example.com", name: "김보경", role: "sales", zone: "Asia/Seoul")
            var browser = browserStart
            let other = try await api.user("other@example.com", role: "sales")
            _ = try await Self.task(api, rep, "Evening call", due: "2026-12-01T14:00:00Z")
            _ = try await Self.task(api, rep, "Noon in Seoul", due: "2026-12-02T03:00:00Z")
            _ = try await Self.task(api, rep, "Next week", due: "2026-12-07T00:00:00Z")
            _ = try await Self.task(api, rep, "Far away", due: "2027-01-20T00:00:00Z")
            let done = try await Self.task(api, rep, "Already done", due: "2026-12-01T12:00:00Z")
            _ = try await api.call(.patch, "/api/v1/activities/\(done)", json: #"{"completed_at":"2026-12-01T10:00:00Z"}"#, token: rep.token)
            _ = try await Self.task(api, other, "Not mine", due: "2026-12-02T02:00:00Z")

            let seoul = try await browser.request(.get, "/").body
            #expect(Self.group(seoul, "overdue").contains("Evening call"))
            #expect(Self.group(seoul, "today").contains("Noon in Seoul"))
            #expect(Self.group(seoul, "upcoming").contains("Next week"))
            for hidden in ["Far away", "Already done", "Not mine"] { #expect(!seoul.contains(hidden), "\(hidden)") }
            #expect(Self.group(seoul, "today").contains(#"data-count>1<"#))

            // The same tasks for the same rep in UTC: it is still 1 December.
            _ = try await api.call(.patch, "/api/v1/users/\(rep.id)", json: #"{"time_zone":"UTC"}"#)
            let utc = try await browser.request(.get, "/").body
            #expect(Self.group(utc, "today").contains("Evening call"))
            #expect(Self.group(utc, "upcoming").contains("Noon in Seoul"))
            #expect(!Self.group(utc, "overdue").contains("Evening call"))

            // "See all" lists exactly what the group counted.
            let link = Self.group(seoul, "today").range(of: #"href="/activities?"#).map { _ in true } ?? false
            #expect(!link, "one task: no see-all link")
            let all = "/activities?" + ["filter%5Bkind%5D=task", "filter%5Bowner_id%5D=\(rep.id)", "filter%5Bcompleted_at%5D%5Bin%5D=%2C",
                                         "filter%5Bdue_at%5D%5Blte%5D=2026-12-01T23%3A59%3A59.999Z"].joined(separator: "&")
            let listed = try await browser.request(.get, all)
            #expect(listed.status == .ok)
            #expect(listed.body.contains("Evening call") && !listed.body.contains("Already done") && !listed.body.contains("Far away"))
        }
    }

    @Test(arguments: Backend.available)
    func aTaskIsDoneInOneClick(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: Self.configuration) { api in
            let (rep, browserStart) = try await Self.member(api, "rep@example.com", name: "Rep", role: "sales")
            var browser = browserStart
            let task = try await Self.task(api, rep, "Send the quote", due: "2026-12-01T18:00:00Z")
            let other = try await Self.task(api, rep, "Call back", due: "2026-12-01T19:00:00Z")
            let note = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"note","body":"met them"}"#, token: rep.token).object().string("id") ?? ""
            let home = try await browser.request(.get, "/")
            let csrf = PageClient.csrf(home.body) ?? ""
            #expect(home.body.contains(#"action="/home/tasks/\#(task)/done""#))

            // Without the token nothing changes.
            let refused = try await browser.request(.post, "/home/tasks/\(task)/done", form: [("_back", "h-today")])
            #expect(refused.status == .forbidden)
            #expect(try await api.call(.get, "/api/v1/activities/\(task)").object().string("completed_at") == nil)

            let done = try await browser.request(.post, "/home/tasks/\(task)/done", form: [("_csrf", csrf), ("_back", "h-today")])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/#h-today")
            #expect(try await api.call(.get, "/api/v1/activities/\(task)").object().string("completed_at") == Self.now)
            let audit = try await api.call(.get, "/api/v1/audit?record_id=\(task)&action=update").object()["data"]?.arrayValue ?? []
            #expect(audit.count == 1)
            let after = try await browser.request(.get, "/").body
            #expect(!after.contains("Send the quote") && after.contains("Call back"))

            // A second click, a script's post, a return link from elsewhere, a note, a stranger.
            #expect(try await browser.request(.post, "/home/tasks/\(task)/done", form: [("_csrf", csrf)]).status == .seeOther)
            #expect((try await api.call(.get, "/api/v1/audit?record_id=\(task)&action=update").object()["data"]?.arrayValue ?? []).count == 1)
            let scripted = try await browser.request(.post, "/home/tasks/\(other)/done", form: [("_csrf", csrf), ("_back", "https://evil.example")],
                                                     headers: [.accept: "application/json"])
            #expect(scripted.status == .ok)
            #expect(try scripted.object().string("completed_at") == Self.now)
            let offsite = try await browser.request(.post, "/home/tasks/\(other)/done", form: [("_csrf", csrf), ("_back", "https://evil.example")])
            #expect(offsite.headers[.location] == "/#h-tasks")
            let notATask = try await browser.request(.post, "/home/tasks/\(note)/done", form: [("_csrf", csrf)])
            #expect(notATask.status == .unprocessableContent)
            #expect(try await api.call(.get, "/api/v1/activities/\(note)").object().string("completed_at") == nil)
            let stranger = try await api.user("stranger@example.com", role: "sales")
            let theirs = try await Self.task(api, stranger, "Theirs", due: "2026-12-01T18:00:00Z")
            #expect(try await browser.request(.post, "/home/tasks/\(theirs)/done", form: [("_csrf", csrf)]).status == .notFound)
            #expect(try await browser.request(.post, "/home/tasks/not-an-id/done", form: [("_csrf", csrf)]).status == .notFound)
            #expect(try await api.call(.get, "/api/v1/activities/\(theirs)").object().string("completed_at") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func openDealsAndFiguresKeepCurrenciesApart(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: Self.configuration) { api in
            let (rep, browserStart) = try await Self.member(api, "rep@example.com", name: "Rep", role: "sales")
            var browser = browserStart
            let (pipeline, stage) = try await DealTests.stages(api)
            func deal(_ title: String, _ stageName: String, _ amount: String, _ currency: String, _ close: String) async throws {
                let json = #"{"title":"\#(title)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage[stageName]!)","amount":{"amount":"\#(amount)","currency":"\#(currency)"},"close_date":"\#(close)"}"#
                let reply = try await api.call(.post, "/api/v1/deals", json: json, token: rep.token)
                #expect(reply.status == .created, "\(reply.body)")
            }
            try await deal("Hanbit renewal", "Proposal", "1000000", "KRW", "2026-11-20")
            try await deal("Acme seats", "Negotiation", "400000", "JPY", "2026-12-15")
            try await deal("Won already", "Won", "250000", "KRW", "2026-12-01")
            // Someone else's deal counts for nobody on this rep's Home.
            let other = try await api.user("other@example.com", role: "sales")
            _ = try await api.call(.post, "/api/v1/deals", json: #"{"title":"Theirs","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)","amount":{"amount":"999","currency":"USD"}}"#, token: other.token)

            let html = try await browser.request(.get, "/").body
            let deals = html.components(separatedBy: #"id="h-deals""#).last ?? ""
            let hanbit = deals.range(of: "Hanbit renewal"), acme = deals.range(of: "Acme seats")
            #expect(hanbit != nil && acme != nil && hanbit!.lowerBound < acme!.lowerBound)
            #expect(!deals.contains("Won already") && !html.contains("Theirs"))
            #expect(deals.contains("close date passed"))
            let figures = html.components(separatedBy: #"id="h-figures""#).last?.components(separatedBy: "</section>").first ?? ""
            // Open: ₩1,000,000 and ¥400,000 on their own lines; weighted at 50% and 75%.
            #expect(figures.contains("<span>₩1,000,000</span>") && figures.contains("<span>¥400,000</span>"))
            #expect(figures.contains("<span>₩500,000</span>") && figures.contains("<span>¥300,000</span>"))
            #expect(figures.contains("<span>₩250,000</span>"))
            #expect(!figures.contains("$"))
        }
    }
}
