import Foundation
import HTTPTypes
import RapportKit
import RapportStore
import Testing

/// Tickets through the API on both databases: numbers under racing creates, the
/// conversation's effect on status, group visibility for support agents, bad input and
/// the agent views' counts.
@Suite struct TicketTests {
    @Test(arguments: Backend.available)
    func twentyRacingCreatesGetTwentyNumbers(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for i in 0..<20 { group.addTask { try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"Printer \#(i) is jammed"}"#) } }
                var out: [Reply] = []
                for try await reply in group { out.append(reply) }
                return out
            }
            #expect(replies.allSatisfy { $0.status == .created }, "\(replies.map(\.status))")
            let numbers = try replies.compactMap { try $0.object().string("number") }
            let year = String(Timestamp.format(Date()).prefix(4))
            var expected = Set<String>()
            for n in 1...20 { expected.insert("T-" + year + "-" + String(String(n + 1_000_000).dropFirst())) }
            // Unique, always; on PostgreSQL a creation retried after a deadlock may leave a
            // number unused (they come from a sequence nobody waits on), so only SQLite's
            // single writer promises exactly 1…20.
            #expect(Set(numbers).count == 20 && numbers.allSatisfy { $0.hasPrefix("T-\(year)-") && $0.count == 13 }, "\(numbers.sorted())")
            if backend == .sqlite { #expect(Set(numbers) == expected, "\(numbers.sorted())") }
            // A client cannot choose one.
            let chosen = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"Mine","number":"T-2026-999999"}"#)
            #expect(chosen.status == .unprocessableContent)
            #expect(try chosen.errorFields() == ["number"])
        }
    }

    @Test(arguments: Backend.available)
    func numbersContinueAfterThoseAlreadyGiven(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let year = String(Timestamp.format(Date()).prefix(4))
            // A database copied from another: its counter and a ticket numbered by hand beyond it.
            try await api.db.transaction { s in
                try await s.execute("INSERT INTO number_sequences (name, value) VALUES (\("T-" + year), 41)")
            }
            let first = try await api.create("tickets", #"{"subject":"After the copy"}"#).string("number")
            #expect(first == "T-\(year)-000042")
            let second = try await api.create("tickets", #"{"subject":"And the next"}"#).string("number")
            #expect(second == "T-\(year)-000043")
        }
    }

    @Test(arguments: Backend.available)
    func aReplyReopensSolvedAndAClosedTicketGetsAFollowUp(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let org = try await api.create("organizations", #"{"name":"Hanbit Logistics"}"#).string("id") ?? ""
            let person = try await api.create("people", #"{"display_name":"김보경","organization_id":"\#(org)"}"#).string("id") ?? ""
            let ticket = try await api.create("tickets", #"{"subject":"배송 조회가 안 됩니다","requester_id":"\#(person)","priority":"high"}"#)
            let id = ticket.string("id") ?? ""
            #expect(ticket.string("status") == "new" && ticket.string("organization_id") == org && ticket.string("channel") == "api")

            // The requester writes, an agent answers and solves.
            try await message(api, id, #""kind":"public_reply","author_person_id":"\#(person)","body":"송장 번호로 조회해도 나오지 않아요""#)
            try await message(api, id, #""kind":"internal_note","body":"창고에 확인 요청함""#)
            try await message(api, id, #""kind":"public_reply","body":"확인 후 수정했습니다","status_after":"solved""#)
            #expect(try await status(api, id) == "solved")
            // The requester writes again: reopened.
            try await message(api, id, #""kind":"public_reply","author_person_id":"\#(person)","body":"아직도 안 돼요""#)
            #expect(try await status(api, id) == "open")
            // Priority and status changes are events; the clock reads them in order.
            #expect(try await api.call(.patch, "/api/v1/tickets/\(id)", json: #"{"priority":"urgent","status":"closed"}"#).status == .ok)
            let events = try await RecordStore(db: api.db).slaEvents(ticketID: id)
            #expect(events.map(\.kind) == [
                .created(status: .new, priority: .high), .customerMessage, .agentPublicReply, .statusChanged(to: .solved),
                .customerMessage, .statusChanged(to: .open), .statusChanged(to: .closed), .priorityChanged(to: .urgent),
            ])
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.at <= $1.at })
            let listed = try await api.call(.get, "/api/v1/tickets/\(id)/events").object()["data"]?.arrayValue ?? []
            #expect(listed.count == events.count)

            // Closed is final: no field changes, no agent messages.
            let reopen = try await api.call(.patch, "/api/v1/tickets/\(id)", json: #"{"status":"open"}"#)
            #expect(reopen.status == .unprocessableContent)
            #expect(try reopen.errorFields() == ["status"])
            #expect(try await api.call(.patch, "/api/v1/tickets/\(id)", json: #"{"subject":"다른 제목"}"#).status == .unprocessableContent)
            let agent = try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(id)","kind":"public_reply","body":"추가 안내"}"#)
            #expect(agent.status == .unprocessableContent)
            #expect(try agent.errorFields() == ["ticket_id"])

            // A requester's message opens a follow-up that points back at the closed one.
            let late = try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(id)","kind":"public_reply","author_person_id":"\#(person)","body":"또 문제가 생겼어요"}"#)
            #expect(late.status == .created, "\(late.body)")
            let followUpID = try late.object().string("ticket_id") ?? ""
            #expect(followUpID != id && !followUpID.isEmpty)
            let followUp = try await api.call(.get, "/api/v1/tickets/\(followUpID)").object()
            #expect(followUp.string("follow_up_of") == id && followUp.string("status") == "new")
            #expect(followUp.string("requester_id") == person && followUp.string("subject") == "배송 조회가 안 됩니다")
            #expect(followUp.string("number") != ticket.string("number"))
            #expect(try await status(api, id) == "closed")
            let closedMessages = try await api.call(.get, "/api/v1/ticket_messages?filter[ticket_id]=\(id)").object()["data"]?.arrayValue ?? []
            #expect(closedMessages.count == 4)
            #expect(try await RecordStore(db: api.db).slaEvents(ticketID: followUpID).map(\.kind) == [.created(status: .new, priority: .urgent), .customerMessage])
        }
    }

    @Test(arguments: Backend.available)
    func supportAgentsSeeOnlyTheirGroupsTickets(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let groupA = try await team(api, "Seoul desk"), groupB = try await team(api, "Tokyo desk")
            let agentA = try await api.user("agent.a@example.com", role: "support", teams: ["Seoul desk"])
            let agentB = try await api.user("agent.b@example.com", role: "support", teams: ["Tokyo desk"])
            let rep = try await api.user("rep@example.com", role: "sales")
            let a = try await api.create("tickets", #"{"subject":"프린터 고장 문의","group_id":"\#(groupA)","status":"open"}"#).string("id") ?? ""
            let b = try await api.create("tickets", #"{"subject":"請求書が届かない","group_id":"\#(groupB)","status":"open"}"#).string("id") ?? ""
            try await message(api, b, #""kind":"internal_note","body":"経理に確認中""#)

            // Agent A: group A's ticket everywhere, group B's nowhere.
            let list = try await api.call(.get, "/api/v1/tickets", token: agentA.token)
            #expect(list.body.contains(a) && !list.body.contains(b))
            #expect(try await api.call(.get, "/api/v1/tickets?q=고장", token: agentA.token).body.contains(a))
            for q in ["請求", "請求書"] {
                let found = try await api.call(.get, "/api/v1/tickets?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q)", token: agentA.token)
                #expect(found.status == .ok && !found.body.contains(b), "search \(q) leaked")
                #expect(try await api.call(.get, "/api/v1/tickets?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q)", token: agentB.token).body.contains(b), "agent B finds \(q)")
            }
            #expect(try await api.call(.get, "/api/v1/tickets/\(b)", token: agentA.token).status == .notFound)
            #expect(try await api.call(.patch, "/api/v1/tickets/\(b)", json: #"{"status":"solved"}"#, token: agentA.token).status == .notFound)
            #expect(try await api.call(.get, "/api/v1/tickets/\(b)/events", token: agentA.token).status == .notFound)
            let messages = try await api.call(.get, "/api/v1/ticket_messages?q=経理", token: agentA.token)
            #expect(messages.status == .ok && !messages.body.contains("経理"))
            #expect(!(try await api.call(.get, "/api/v1/ticket_messages", token: agentA.token).body.contains("経理")))
            #expect(try await api.call(.get, "/api/v1/ticket_messages", token: agentB.token).body.contains("経理"))
            let message = try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(b)","kind":"internal_note","body":"x"}"#, token: agentA.token)
            #expect(message.status == .unprocessableContent || message.status == .notFound)
            let export = try await api.call(.get, "/api/v1/tickets/export?format=csv", token: agentA.token)
            #expect(export.status == .ok && export.body.contains("프린터") && !export.body.contains("請求書"))
            let counts = try await viewCounts(api, token: agentA.token)
            #expect(counts["unassigned"] == 1)
            #expect(try await viewCounts(api, token: agentB.token)["unassigned"] == 1)
            // Agent A works their own group's ticket.
            #expect(try await api.call(.patch, "/api/v1/tickets/\(a)", json: #"{"assignee_id":"\#(agentA.id)"}"#, token: agentA.token).status == .ok)
            #expect(try await viewCounts(api, token: agentA.token)["mine"] == 1)

            // A sales rep sees no tickets at all unless granted.
            #expect(try await api.call(.get, "/api/v1/tickets", token: rep.token).status == .forbidden)
            #expect(try await api.call(.get, "/api/v1/tickets/\(a)", token: rep.token).status == .forbidden)
            #expect(try await api.call(.get, "/api/v1/tickets/views", token: rep.token).status == .forbidden)
        }
    }

    @Test(arguments: Backend.available)
    func badInputIsRefusedByField(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let person = try await api.create("people", #"{"display_name":"山田太郎"}"#).string("id") ?? ""
            for (body, field) in [
                (#"{"subject":"x","priority":"sky-high"}"#, "priority"),
                (#"{"subject":"x","channel":"fax"}"#, "channel"),
                (#"{"subject":"x","status":"resolved"}"#, "status"),
                (#"{"subject":"x","ticket_type":"bug"}"#, "ticket_type"),
                (#"{"priority":"low"}"#, "subject"),
                (#"{"subject":"x","requester_id":"not-an-id"}"#, "requester_id"),
                (#"{"subject":"x","group_id":"0190b3a0-0000-7000-8000-000000000000"}"#, "group_id"),
                (#"{"subject":"\#(String(repeating: "あ", count: 301))"}"#, "subject"),
                (#"{"subject":"x","status_since":"2026-01-01T00:00:00Z"}"#, "status_since"),
            ] {
                let reply = try await api.call(.post, "/api/v1/tickets", json: body)
                #expect(reply.status == .unprocessableContent, "\(body): \(reply.status) \(reply.body)")
                #expect(try reply.errorFields().contains(field), "\(body): \(reply.body)")
            }
            let ticket = try await api.create("tickets", #"{"subject":"ログインできない","requester_id":"\#(person)"}"#).string("id") ?? ""
            for (body, field) in [
                (#"{"ticket_id":"\#(ticket)","kind":"internal_note","author_person_id":"\#(person)","body":"x"}"#, "kind"),
                (#"{"ticket_id":"\#(ticket)","kind":"public_reply","author_person_id":"\#(person)","body":"x","status_after":"solved"}"#, "status_after"),
                (#"{"ticket_id":"\#(ticket)","kind":"shout","body":"x"}"#, "kind"),
                (#"{"ticket_id":"\#(ticket)","kind":"public_reply"}"#, "body"),
                (#"{"ticket_id":"0190b3a0-0000-7000-8000-000000000000","kind":"public_reply","body":"x"}"#, "ticket_id"),
            ] {
                let reply = try await api.call(.post, "/api/v1/ticket_messages", json: body)
                #expect(reply.status == .unprocessableContent, "\(body): \(reply.status) \(reply.body)")
                #expect(try reply.errorFields().contains(field), "\(body): \(reply.body)")
            }
            for days in ["-1", "366", "abc", "99999999999999999999"] {
                let reply = try await api.call(.get, "/api/v1/tickets/views?pending_days=\(days)")
                #expect(reply.status == .unprocessableContent, "\(days): \(reply.status)")
                #expect(try reply.errorFields() == ["pending_days"])
            }
            // Nothing was changed by the refused writes.
            #expect(try await api.call(.get, "/api/v1/ticket_messages").object()["data"]?.arrayValue?.isEmpty == true)
            #expect(try await api.call(.get, "/api/v1/tickets").object()["data"]?.arrayValue?.count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func viewCountsFollowAssigneeGroupAndWaiting(_ backend: Backend) async throws {
        // The server's clock runs four days ahead of the writes, so a ticket pending now
        // has waited four days when the views are read.
        var configuration = testConfiguration
        configuration.clock = { Date().addingTimeInterval(4 * 86_400) }
        try await withAPI(backend, configuration: configuration) { api in
            let group = try await team(api, "Osaka desk")
            let agent = try await api.user("agent@example.com", role: "support", teams: ["Osaka desk"])
            func ticket(_ fields: String) async throws -> String {
                try await api.create("tickets", #"{"subject":"t",\#(fields)}"#).string("id") ?? ""
            }
            _ = try await ticket(#""group_id":"\#(group)","assignee_id":"\#(agent.id)","status":"open""#)
            _ = try await ticket(#""group_id":"\#(group)","assignee_id":"\#(agent.id)","status":"pending_customer""#)
            _ = try await ticket(#""group_id":"\#(group)","assignee_id":"\#(agent.id)","status":"solved""#)
            _ = try await ticket(#""group_id":"\#(group)","status":"new""#)
            _ = try await ticket(#""group_id":"\#(group)","status":"pending_third_party""#)
            _ = try await ticket(#""group_id":"\#(group)","status":"closed""#)
            _ = try await ticket(#""status":"pending_customer""#)  // no group: the admin's, not the agent's
            var counts = try await viewCounts(api, token: agent.token)
            #expect(counts == ["mine": 2, "unassigned": 2, "pending_too_long": 2, "breaching_soon": 0])  // no policy, no clocks
            counts = try await viewCounts(api, token: agent.token, days: 5)
            #expect(counts["pending_too_long"] == 0)
            #expect(try await viewCounts(api, token: nil, days: 3)["pending_too_long"] == 3)
            let listed = try await api.call(.get, "/api/v1/tickets/views/unassigned", token: agent.token).object()["data"]?.arrayValue ?? []
            #expect(listed.count == 2)
            #expect(try await api.call(.get, "/api/v1/tickets/views/nothing", token: agent.token).status == .notFound)
        }
    }

    private func message(_ api: API, _ ticket: String, _ fields: String) async throws {
        let reply = try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(ticket)",\#(fields)}"#)
        #expect(reply.status == .created, "\(reply.body)")
    }

    private func status(_ api: API, _ id: String) async throws -> String? {
        try await api.call(.get, "/api/v1/tickets/\(id)").object().string("status")
    }

    private func team(_ api: API, _ name: String) async throws -> String {
        let reply = try await api.call(.post, "/api/v1/teams", json: #"{"name":"\#(name)"}"#)
        #expect(reply.status == .created, "\(reply.body)")
        return try reply.object().string("id") ?? ""
    }

    private func viewCounts(_ api: API, token: String?, days: Int = 3) async throws -> [String: Int] {
        let reply = try await api.call(.get, "/api/v1/tickets/views?pending_days=\(days)", token: token)
        #expect(reply.status == .ok, "\(reply.body)")
        var out: [String: Int] = [:]
        for item in try reply.object()["data"]?.arrayValue ?? [] {
            if let o = item.objectValue, let view = o.string("view"), let n = o["count"]?.numberLiteral.flatMap({ Int($0) }) { out[view] = n }
        }
        return out
    }
}
