import Foundation
import RapportKit
@testable import RapportStore
import Testing

/// Round-robin assignment on both databases: a group's new tickets go to its members in
/// turn, skipping anyone away and anyone whose role cannot work tickets; racing creates are
/// spread evenly; an agent's own choice of assignee stands; and admins switch it per group
/// on Settings → Teams while agents step away on their settings page.
@Suite struct TicketAssignmentTests {
    static func assignee(_ api: API, _ ticket: JSONObject) async throws -> String? {
        try await api.call(.get, "/api/v1/tickets/\(ticket.string("id") ?? "")").object().string("assignee_id")
    }

    @Test func theLongestWaitingMemberGoesNext() {
        typealias C = RoundRobin.Candidate
        #expect(RoundRobin.next([]) == nil)
        #expect(RoundRobin.next([C(id: "b", lastAssigned: nil), C(id: "a", lastAssigned: nil)]) == "a")
        #expect(RoundRobin.next([C(id: "a", lastAssigned: 5), C(id: "c", lastAssigned: nil), C(id: "b", lastAssigned: 3)]) == "c")
        #expect(RoundRobin.next([C(id: "a", lastAssigned: 5), C(id: "b", lastAssigned: 3)]) == "b")
        #expect(RoundRobin.next([C(id: "b", lastAssigned: 3), C(id: "a", lastAssigned: 3)]) == "a")
        // A Japanese requester goes to the Japanese speaker whose turn it is; a language
        // nobody speaks falls back to everyone.
        let desk = [C(id: "a", lastAssigned: 1, language: "ko"), C(id: "b", lastAssigned: 9, language: "ja"), C(id: "c", lastAssigned: 5, language: "ja-JP")]
        #expect(RoundRobin.next(desk, speaking: "ja") == "c")
        #expect(RoundRobin.next(desk, speaking: "JA-jp") == "c")
        #expect(RoundRobin.next(desk, speaking: "fr") == "a")
        #expect(RoundRobin.next(desk, speaking: nil) == "a")
    }

    @Test func skillsComeBeforeLanguage() {
        typealias C = RoundRobin.Candidate
        let desk = [
            C(id: "a", lastAssigned: 1, language: "ko"), C(id: "b", lastAssigned: 9, language: "ja", skills: ["Billing"]),
            C(id: "c", lastAssigned: 5, language: "ko", skills: ["billing", "API"]), C(id: "d", lastAssigned: 2, language: "ja", skills: ["api"]),
        ]
        // A tag that is somebody's skill asks for it; case does not matter.
        #expect(RoundRobin.next(desk, speaking: nil, tags: ["BILLING"]) == "c")
        // Among those with the skill, the requester's language first.
        #expect(RoundRobin.next(desk, speaking: "ja", tags: ["billing"]) == "b")
        // Both skills: only c has both.
        #expect(RoundRobin.next(desk, speaking: "ja", tags: ["billing", "api"]) == "c")
        // Tags nobody has as a skill ask for nothing: the plain turn, by language.
        #expect(RoundRobin.next(desk, speaking: nil, tags: ["vip", "urgent"]) == "a")
        #expect(RoundRobin.next(desk, speaking: "ja", tags: []) == "d")
        // Generated: the pick always has as many of the asked skills as anyone has.
        var rng = SeededGenerator(seed: 7)
        let words = ["billing", "api", "refunds", "vip"]
        for _ in 0..<300 {
            let members = (0..<Int.random(in: 1...6, using: &rng)).map { i in
                C(id: "m\(i)", lastAssigned: Bool.random(using: &rng) ? nil : Int64.random(in: 0...20, using: &rng),
                  language: ["ko", "ja", nil].randomElement(using: &rng)!, skills: words.filter { _ in Int.random(in: 0...2, using: &rng) == 0 })
            }
            let tags = words.filter { _ in Bool.random(using: &rng) }
            let chosen = RoundRobin.next(members, speaking: ["ko", "ja", nil].randomElement(using: &rng)!, tags: tags)
            let asked = Set(tags)
            let have = { (m: C) in Set(m.skills).intersection(asked).count }
            let pick = members.first { $0.id == chosen }
            #expect(pick != nil && have(pick!) == members.map(have).max())
        }
    }

    @Test(arguments: Backend.available)
    func ticketsTaggedWithASkillGoToThoseWhoHaveIt(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let group = try await api.call(.post, "/api/v1/teams", json: #"{"name":"Desk","assignment":"round_robin"}"#).object().string("id") ?? ""
            let mina = try await api.user("mina@example.com", role: "support", teams: ["Desk"])
            let jun = try await api.user("jun@example.com", role: "support", teams: ["Desk"])
            let bad = try await api.call(.patch, "/api/v1/users/\(jun.id)", json: #"{"skills":["ok","a,b"]}"#)
            #expect(bad.status == .unprocessableContent && bad.body.contains("skills"), "\(bad.body)")
            let saved = try await api.call(.patch, "/api/v1/users/\(jun.id)", json: #"{"skills":[" Billing ","billing","환불"]}"#)
            let skills = try saved.object()["skills"]
            #expect(saved.status == .ok && skills == .array([.string("Billing"), .string("환불")]), "\(saved.body)")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'user.update' AND record_id = \(jun.id)") == 1)

            func ticket(_ tags: String) async throws -> String? {
                try await api.create("tickets", #"{"subject":"Help","group_id":"\#(group)","tags":[\#(tags)]}"#).string("assignee_id")
            }
            // Billing questions all go to Jun; the rest take turns as before.
            #expect(try await ticket(#""billing""#) == jun.id)
            #expect(try await ticket(#""환불","vip""#) == jun.id)
            #expect(try await ticket("") == mina.id)
            // A tag nobody has as a skill asks for nothing: Jun waited longest (turn 2 vs 3).
            #expect(try await ticket(#""vip""#) == jun.id)
            // Jun away: the skill is nobody's now, so the ticket still gets someone.
            try await AwayStatus(db: api.db).set(jun.id, away: true, actor: .system)
            #expect(try await ticket(#""billing""#) == mina.id)
        }
    }

    @Test(arguments: Backend.available)
    func newTicketsGoToMembersInTurn(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let wrong = try await api.call(.post, "/api/v1/teams", json: #"{"name":"X","assignment":"by_mood"}"#)
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("assignment"), "\(wrong.body)")
            let team = try await api.call(.post, "/api/v1/teams", json: #"{"name":"Desk","assignment":"round_robin"}"#)
            let rule = try team.object()["assignment"]
            #expect(team.status == .created && rule == .string("round_robin"), "\(team.body)")
            let group = try team.object().string("id") ?? ""
            let mina = try await api.user("mina@example.com", role: "support", teams: ["Desk"], password: WorkspacePageTests.password)
            let jun = try await api.user("jun@example.com", role: "support", teams: ["Desk"])
            let away = try await api.user("away@example.com", role: "support", teams: ["Desk"])
            _ = try await api.user("seller@example.com", role: "sales", teams: ["Desk"])
            try await AwayStatus(db: api.db).set(away.id, away: true, actor: .system)

            func ticket(_ extra: String = "") async throws -> JSONObject {
                try await api.create("tickets", #"{"subject":"Help","group_id":"\#(group)"\#(extra)}"#)
            }
            var got: [String?] = []
            for _ in 0..<4 { got.append(try await ticket().string("assignee_id")) }
            #expect(got == [mina.id, jun.id, mina.id, jun.id], "\(got)")
            // An assignee chosen by hand stands and does not take a turn.
            #expect(try await ticket(#","assignee_id":"\#(jun.id)""#).string("assignee_id") == jun.id)
            #expect(try await ticket().string("assignee_id") == mina.id)

            // Back from leave: the one who waited longest (never given one) goes first.
            try await AwayStatus(db: api.db).set(away.id, away: false, actor: .system)
            #expect(try await ticket().string("assignee_id") == away.id)

            // A ticket moved into the group without an assignee gets one.
            let loose = try await api.create("tickets", #"{"subject":"Loose"}"#)
            #expect(loose.string("assignee_id") == nil)
            let moved = try await api.call(.patch, "/api/v1/tickets/\(loose.string("id") ?? "")", json: #"{"group_id":"\#(group)"}"#).object()
            #expect(moved.string("assignee_id") == jun.id)

            // Racing creates are spread: each member gets two of six.
            let ids = try await withThrowingTaskGroup(of: String.self) { tasks in
                for i in 0..<6 { tasks.addTask { try await api.create("tickets", #"{"subject":"Race \#(i)","group_id":"\#(group)"}"#).string("id") ?? "" } }
                return try await tasks.reduce(into: []) { $0.append($1) }
            }
            var counts: [String: Int] = [:]
            for id in ids { counts[try await api.call(.get, "/api/v1/tickets/\(id)").object().string("assignee_id") ?? "none", default: 0] += 1 }
            #expect(counts == [mina.id: 2, jun.id: 2, away.id: 2], "\(counts)")

            // A Korean requester's ticket goes to the Korean speaker, in turn among speakers.
            #expect(try await api.call(.patch, "/api/v1/users/\(jun.id)", json: #"{"language":"ko"}"#).status == .ok)
            let korean = try await api.create("people", #"{"display_name":"한지민","language":"ko"}"#).string("id") ?? ""
            for _ in 0..<2 { #expect(try await ticket(#","requester_id":"\#(korean)""#).string("assignee_id") == jun.id) }

            // By hand again: nobody is assigned.
            #expect(try await api.call(.patch, "/api/v1/teams/\(group)", json: #"{"assignment":null}"#).status == .ok)
            #expect(try await ticket().string("assignee_id") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func adminsSwitchItAndAgentsStepAway(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var admin = try await WorkspacePageTests.signedIn(api)
            let teams = try await admin.request(.get, "/settings/teams")
            let csrf = PageClient.csrf(teams.body) ?? ""
            #expect(try await admin.request(.post, "/settings/teams", form: [("_csrf", csrf), ("name", "Tokyo desk"), ("round_robin", "true")]).status == .seeOther)
            let group = try await api.call(.get, "/api/v1/teams").object()["data"]?.arrayValue?.first?.objectValue
            #expect(group?["assignment"] == .string("round_robin"))
            let listed = try await admin.request(.get, "/settings/teams")
            #expect(listed.body.contains("Round robin") && listed.body.contains("Assign by hand"))
            #expect(try await admin.request(.post, "/settings/teams/assignment", form: [("_csrf", csrf), ("id", group?.string("id") ?? ""), ("assignment", "none")]).status == .seeOther)
            #expect(try await api.call(.get, "/api/v1/teams").object()["data"]?.arrayValue?.first?.objectValue?["assignment"] == .null)

            // An existing group gets its support address (and with it, its public form) on the page.
            let teamID = group?.string("id") ?? ""
            let bad = try await admin.request(.post, "/settings/teams/support-address", form: [("_csrf", csrf), ("id", teamID), ("support_address", "not-an-address")])
            #expect(bad.status == .unprocessableContent, "\(bad.status)")
            #expect(try await admin.request(.post, "/settings/teams/support-address", form: [("_csrf", csrf), ("id", teamID), ("support_address", "Tokyo@Example.jp")]).status == .seeOther)
            #expect(try await api.call(.get, "/api/v1/teams").object()["data"]?.arrayValue?.first?.objectValue?["support_address"] == .string("tokyo@example.jp"))
            #expect(try await admin.request(.get, "/settings/teams").body.contains(#"href="/support/\#(teamID)""#))
            // An empty address is refused, not read as "clear it": the live address stays.
            #expect(try await admin.request(.post, "/settings/teams/support-address", form: [("_csrf", csrf), ("id", teamID), ("support_address", " ")]).status == .unprocessableContent)
            #expect(try await api.call(.get, "/api/v1/teams").object()["data"]?.arrayValue?.first?.objectValue?["support_address"] == .string("tokyo@example.jp"))

            let agent = try await api.user("yuki@example.com", role: "support", teams: ["Tokyo desk"], password: WorkspacePageTests.password)
            // Skills on Settings → Users: comma-separated (Japanese and Korean commas too),
            // shown in the table; an empty save is refused rather than clearing them.
            let users = try await admin.request(.post, "/settings/users/update", form: [("_csrf", csrf), ("id", agent.id), ("skills", "請求、API, 환불")])
            #expect(users.status == .seeOther)
            #expect(try await api.call(.get, "/api/v1/users/\(agent.id)").object()["skills"] == .array([.string("請求"), .string("API"), .string("환불")]))
            #expect(try await admin.request(.get, "/settings/users").body.contains("請求, API, 환불"))
            #expect(try await admin.request(.post, "/settings/users/update", form: [("_csrf", csrf), ("id", agent.id), ("skills", " , ")]).status == .unprocessableContent)
            #expect(try await api.call(.get, "/api/v1/users/\(agent.id)").object()["skills"]?.arrayValue?.count == 3)
            var browser = PageClient(api)
            _ = try await browser.signIn("yuki@example.com", WorkspacePageTests.password)
            let settings = try await browser.request(.get, "/settings")
            #expect(settings.body.contains(#"id="away-form""#) && (settings.body.contains("I&#39;m away") || settings.body.contains("I'm away")), "\(settings.body)")
            let token = PageClient.csrf(settings.body) ?? ""
            #expect(try await browser.request(.post, "/settings/away", form: [("_csrf", token), ("away", "true")]).status == .seeOther)
            #expect(try await AwayStatus(db: api.db).isAway(agent.id))
            let back = try await browser.request(.get, "/settings").body
            #expect(back.contains("I&#39;m back") || back.contains("I'm back"))
            // Without the form token nothing changes.
            #expect(try await browser.request(.post, "/settings/away", form: [("away", "false")]).status == .forbidden)
            #expect(try await AwayStatus(db: api.db).isAway(agent.id))
            // A sales rep works no tickets: no away switch.
            try await api.user("rep@example.com", role: "sales", password: WorkspacePageTests.password)
            var rep = PageClient(api)
            _ = try await rep.signIn("rep@example.com", WorkspacePageTests.password)
            #expect(!(try await rep.request(.get, "/settings").body.contains(#"id="away-form""#)))
        }
    }
}
