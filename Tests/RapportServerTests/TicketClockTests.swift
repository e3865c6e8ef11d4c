import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// Stored SLA clocks on both databases: computed with every write that moves them, read
/// through the API, listed by the breaching view, escalated exactly once however many
/// instances run the job, and recomputed after the settings change.
@Suite struct TicketClockTests {
    static let minute: Int64 = 60_000

    /// An always-open calendar and one policy: normal first response 30 minutes and
    /// resolution 8 hours, low first response 10 hours; warnings 20 minutes ahead.
    static func policy(_ api: API, warnMinutes: Int = 20) async throws {
        let levels = ServiceLevels(db: api.db)
        let calendar = try await levels.createCalendar(name: "Always", timeZone: "Asia/Seoul", alwaysOpen: true, actor: .system)
        let policy = SLAPolicy(name: "Standard", targets: [.normal: SLATargets(firstResponse: 30, resolution: 480), .low: SLATargets(firstResponse: 600)])
        try await levels.createPolicy(policy, calendarID: calendar, warnMinutes: warnMinutes, actor: .system)
    }

    static func team(_ api: API, _ name: String, manager: String? = nil) async throws -> String {
        var body = JSONObject([("name", .string(name))])
        if let manager { body["manager_id"] = .string(manager) }
        let reply = try await api.call(.post, "/api/v1/teams", json: JSONValue.object(body).serialized())
        #expect(reply.status == .created, "\(reply.body)")
        return try reply.object().string("id") ?? ""
    }

    static func clocks(_ api: API, _ id: String, token: String? = nil) async throws -> [String: JSONObject] {
        let reply = try await api.call(.get, "/api/v1/tickets/\(id)/clocks", token: token)
        #expect(reply.status == .ok, "\(reply.body)")
        var out: [String: JSONObject] = [:]
        for item in try reply.object()["data"]?.arrayValue ?? [] {
            if let o = item.objectValue, let metric = o.string("metric") { out[metric] = o }
        }
        return out
    }

    static func millis(_ text: String?) -> Int64? { text.flatMap(Timestamp.parse) }

    @Test(arguments: Backend.available)
    func clocksFollowTheConversation(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            // Before any policy a ticket has no clocks.
            let early = try await api.create("tickets", #"{"subject":"Before the policy"}"#).string("id") ?? ""
            #expect(try await Self.clocks(api, early).isEmpty)
            try await Self.policy(api)

            let person = try await api.create("people", #"{"display_name":"佐藤 花子"}"#).string("id") ?? ""
            let ticket = try await api.create("tickets", #"{"subject":"請求書が届きません","requester_id":"\#(person)"}"#)
            let id = ticket.string("id") ?? ""
            let created = try #require(Self.millis(ticket.string("created_at")))
            var clocks = try await Self.clocks(api, id)
            #expect(Set(clocks.keys) == ["first_response", "resolution"])
            #expect(clocks["first_response"]?.string("state") == "running")
            #expect(Self.millis(clocks["first_response"]?.string("due_at")) == created + 30 * Self.minute)
            #expect(Self.millis(clocks["resolution"]?.string("due_at")) == created + 480 * Self.minute)
            let remaining = clocks["first_response"]?["remaining_seconds"]?.numberLiteral.flatMap { Int($0) } ?? -1
            #expect((1_700...1_800).contains(remaining), "\(remaining)")

            // The agent answers: the first response is met and stops.
            let reply = try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(id)","kind":"public_reply","body":"確認します"}"#)
            #expect(reply.status == .created, "\(reply.body)")
            clocks = try await Self.clocks(api, id)
            #expect(clocks["first_response"]?.string("state") == "met")
            #expect(clocks["first_response"]?.string("stopped_at") != nil && clocks["first_response"]?["remaining_seconds"] == .null)

            // Waiting on the customer pauses the resolution clock; their reply resumes it.
            #expect(try await api.call(.patch, "/api/v1/tickets/\(id)", json: #"{"status":"pending_customer"}"#).status == .ok)
            #expect(try await Self.clocks(api, id)["resolution"]?.string("state") == "paused")
            let back = try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(id)","kind":"public_reply","author_person_id":"\#(person)","body":"まだです"}"#)
            #expect(back.status == .created, "\(back.body)")
            clocks = try await Self.clocks(api, id)
            #expect(clocks["resolution"]?.string("state") == "running")

            // Low priority takes the low targets, which set no resolution clock; the first
            // response, met already, keeps the priority it was met under.
            #expect(try await api.call(.patch, "/api/v1/tickets/\(id)", json: #"{"priority":"low"}"#).status == .ok)
            clocks = try await Self.clocks(api, id)
            #expect(clocks["first_response"]?.string("priority") == "normal" && clocks["first_response"]?.string("state") == "met")
            #expect(clocks["resolution"] == nil, "\(clocks)")

            // Solved stops every clock.
            #expect(try await api.call(.patch, "/api/v1/tickets/\(id)", json: #"{"priority":"normal","status":"solved"}"#).status == .ok)
            clocks = try await Self.clocks(api, id)
            #expect(clocks.values.allSatisfy { $0.string("state") == "met" }, "\(clocks)")

            // The recomputation a settings change enqueued gives the early ticket its clocks.
            let queued = try await api.db.read { s in try await s.query("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'sla.recompute'") }
            #expect((queued.first?.int("n") ?? 0) >= 1)
            let store = RecordStore(db: api.db)
            let computed = try await store.recomputeTicketClocks(now: Int64(Date().timeIntervalSince1970 * 1000))
            #expect(computed == 1)  // the early one; the solved one keeps what it stopped with
            #expect(try await Self.clocks(api, early)["first_response"]?.string("state") == "running")
            #expect(try await Self.clocks(api, id).values.allSatisfy { $0.string("state") == "met" })

            // Unknown and unseen tickets are 404, never a 500.
            #expect(try await api.call(.get, "/api/v1/tickets/nothing/clocks").status == .notFound)
            let rep = try await api.user("rep@example.com", role: "sales")
            #expect(try await api.call(.get, "/api/v1/tickets/\(id)/clocks", token: rep.token).status == .forbidden)
        }
    }

    @Test(arguments: Backend.available)
    func breachingViewListsSoonestDueFirst(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await Self.policy(api)
            let first = try await api.create("tickets", #"{"subject":"First"}"#).string("id") ?? ""
            let relaxed = try await api.create("tickets", #"{"subject":"Low","priority":"low"}"#).string("id") ?? ""
            let second = try await api.create("tickets", #"{"subject":"Second"}"#).string("id") ?? ""
            let listed = try await api.call(.get, "/api/v1/tickets/views/breaching_soon").object()["data"]?.arrayValue?.compactMap { $0.objectValue?.string("id") } ?? []
            #expect(listed == [first, second], "\(listed) low=\(relaxed)")
            let counts = try await api.call(.get, "/api/v1/tickets/views").object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(counts.first { $0.string("view") == "breaching_soon" }?["count"]?.numberLiteral == "2")
            // Answered, it leaves the view.
            _ = try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(first)","kind":"public_reply","body":"On it"}"#)
            let after = try await api.call(.get, "/api/v1/tickets/views/breaching_soon").object()["data"]?.arrayValue?.compactMap { $0.objectValue?.string("id") } ?? []
            #expect(after == [second])
        }
    }

    @Test(arguments: Backend.available)
    func escalationsAreToldOnceToWhoMustAct(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await Self.policy(api)
            let lead = try await api.user("lead@example.com", role: "support")
            let group = try await Self.team(api, "Tokyo desk", manager: lead.id)
            let agent = try await api.user("agent@example.com", role: "support", teams: ["Tokyo desk"])
            let ticket = try await api.create("tickets", #"{"subject":"ログインできない","group_id":"\#(group)","assignee_id":"\#(agent.id)"}"#)
            let id = ticket.string("id") ?? ""
            let due = try #require(Self.millis(try await Self.clocks(api, id)["first_response"]?.string("due_at")))
            let store = RecordStore(db: api.db)

            // Nothing is owed before the lead; in it, three instances at once warn the agent once.
            #expect(try await store.escalateTicketClocks(now: due - 21 * Self.minute) == 0)
            let fired = try await withThrowingTaskGroup(of: Int.self) { tasks in
                for _ in 0..<3 { tasks.addTask { try await store.escalateTicketClocks(now: due - 10 * Self.minute) } }
                return try await tasks.reduce(0, +)
            }
            #expect(fired == 1)
            var agentTold = try await NotificationTests.notifications(api, agent)
            #expect(agentTold.map { $0.string("kind") } == ["sla_warning"] && agentTold.first?.string("record_id") == id)
            #expect(try await NotificationTests.notifications(api, lead).isEmpty)

            // At the due instant the breach goes to the agent and the group's manager, once.
            #expect(try await store.escalateTicketClocks(now: due) == 1)
            #expect(try await store.escalateTicketClocks(now: due + 5 * Self.minute) == 0)
            agentTold = try await NotificationTests.notifications(api, agent)
            #expect(agentTold.compactMap { $0.string("kind") }.sorted() == ["sla_breach", "sla_warning"])
            #expect(try await NotificationTests.notifications(api, lead).map { $0.string("kind") } == ["sla_breach"])
            let escalations = try await api.call(.get, "/api/v1/tickets/\(id)/clocks").object()["escalations"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(escalations.map { $0.string("kind") } == ["warning", "breach"])
            #expect(escalations.last?["notified"]?.arrayValue?.compactMap(\.stringValue) == [agent.id, lead.id])

            // A deleted ticket is owed nothing, and a breach is not told again after a restore
            // of the same due time.
            let other = try await api.create("tickets", #"{"subject":"Deleted","group_id":"\#(group)","assignee_id":"\#(agent.id)"}"#).string("id") ?? ""
            #expect(try await api.call(.delete, "/api/v1/tickets/\(other)").status == .noContent)
            #expect(try await store.escalateTicketClocks(now: due + 60 * Self.minute) == 0)
        }
    }

    /// Bad settings change nothing: a warning lead out of range is refused by field.
    @Test(arguments: Backend.available)
    func warningLeadIsBounded(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let levels = ServiceLevels(db: api.db)
            let calendar = try await levels.createCalendar(name: "Always", timeZone: "UTC", alwaysOpen: true, actor: .system)
            let policy = SLAPolicy(name: "P", targets: [.normal: SLATargets(firstResponse: 30)])
            for bad in [-1, SLAEscalation.maximumLeadMinutes + 1, Int.max, Int.min] {
                await #expect(throws: RecordError.self) { try await levels.createPolicy(policy, calendarID: calendar, warnMinutes: bad, actor: .system) }
            }
            #expect(try await levels.policies().isEmpty)
        }
    }

    /// The SLA report counts what is decided, per policy, group and agent, in the page and
    /// the CSV; an agent sees only their groups' tickets in it, a sales rep nothing.
    @Test(arguments: Backend.available)
    func reportCountsDecidedTargetsForWhatTheReaderSees(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            try await Self.policy(api)
            let seoul = try await Self.team(api, "Seoul desk"), osaka = try await Self.team(api, "Osaka desk")
            let kim = try await api.user("kim@example.com", role: "support", teams: ["Seoul desk"], password: WorkspacePageTests.password)
            _ = kim
            func ticket(_ group: String) async throws -> String {
                try await api.create("tickets", #"{"subject":"t","group_id":"\#(group)"}"#).string("id") ?? ""
            }
            let answered = try await ticket(seoul), late = try await ticket(seoul), waiting = try await ticket(osaka)
            _ = waiting
            #expect(try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(answered)","kind":"public_reply","body":"Hello"}"#).status == .created)
            // The late ticket's clock as if it had opened an hour ago: its 30-minute first
            // response passed unanswered half an hour ago.
            try await api.db.transaction { s in
                try await s.execute("""
                    UPDATE ticket_clocks SET started_at_ms = started_at_ms - 3600000, due_at_ms = started_at_ms - 1800000
                    WHERE ticket_id = \(late) AND metric = 'first_response'
                    """)
            }

            var admin = try await WorkspacePageTests.signedIn(api)
            let page = try await admin.request(.get, "/tickets/report?days=7")
            #expect(page.status == .ok, "\(page.body)")
            #expect(page.body.contains("Compliance by group") && page.body.contains("Seoul desk") && page.body.contains("50%"), "\(page.body)")
            #expect(page.body.contains("Open tickets by age"))
            let csv = try await admin.request(.get, "/tickets/report?days=7&format=csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.body.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.first == "dimension,name,met,missed,compliance")
            #expect(lines.contains("group,Seoul desk,1,1,0.5000"), "\(lines)")
            #expect(lines.contains("policy,Standard,1,1,0.5000"), "\(lines)")
            #expect(!lines.contains { $0.hasPrefix("group,Osaka desk") })  // nothing decided there yet

            // The Seoul agent's report holds Seoul's tickets; a sales rep has no report.
            var agent = PageClient(api)
            _ = try await agent.signIn("kim@example.com", WorkspacePageTests.password)
            let theirs = try await agent.request(.get, "/tickets/report?days=7&format=csv")
            #expect(theirs.status == .ok && theirs.body.contains("group,Seoul desk,1,1"), "\(theirs.body)")
            var rep = try await WorkspacePageTests.signedIn(api, email: "rep@example.com", role: "sales")
            #expect(try await rep.request(.get, "/tickets/report").status == .forbidden)
            // Unknown periods fall back to 30 days rather than failing.
            #expect(try await admin.request(.get, "/tickets/report?days=-99999999999999999999").status == .ok)
        }
    }
}
