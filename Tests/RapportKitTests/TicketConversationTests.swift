import RapportKit
import Testing

/// The status rules of a ticket's conversation as the established help desks behave: in
/// Zendesk a requester's update reopens a solved ticket, a closed ticket cannot be
/// reopened and a reply to it creates a follow-up ticket; Freshdesk reopens a resolved or
/// waiting ticket when the customer replies.
@Suite struct TicketConversationTests {
    @Test func requesterRepliesReopenSolvedAndWaitingTickets() {
        #expect(TicketConversation.outcome(of: .solved, messageFromRequester: true) == .becomes(.open))
        #expect(TicketConversation.outcome(of: .pendingCustomer, messageFromRequester: true) == .becomes(.open))
        // Waiting on a third party or on hold: the requester's news does not end the wait.
        #expect(TicketConversation.outcome(of: .pendingThirdParty, messageFromRequester: true) == .stays)
        #expect(TicketConversation.outcome(of: .onHold, messageFromRequester: true) == .stays)
        #expect(TicketConversation.outcome(of: .new, messageFromRequester: true) == .stays)
        #expect(TicketConversation.outcome(of: .solved, messageFromRequester: false) == .stays)
    }

    @Test func closedIsFinal() {
        #expect(TicketConversation.outcome(of: .closed, messageFromRequester: true) == .followUp)
        #expect(TicketConversation.outcome(of: .closed, messageFromRequester: false) == .refused)
        for status in TicketStatus.allCases where status != .closed {
            #expect(!TicketConversation.allows(from: .closed, to: status))
            #expect(TicketConversation.allows(from: status, to: .closed))
        }
        #expect(TicketConversation.allows(from: .solved, to: .open))
    }

    @Test func storedEventsReadBackAsClockEvents() {
        #expect(TicketEventKind.created.slaEvent(at: 5, status: "pending_customer", priority: "urgent") == SLAEvent(at: 5, kind: .created(status: .pendingCustomer, priority: .urgent)))
        #expect(TicketEventKind.statusChanged.slaEvent(at: 6, status: "solved", priority: nil) == SLAEvent(at: 6, kind: .statusChanged(to: .solved)))
        #expect(TicketEventKind.priorityChanged.slaEvent(at: 7, status: nil, priority: "low") == SLAEvent(at: 7, kind: .priorityChanged(to: .low)))
        #expect(TicketEventKind.customerMessage.slaEvent(at: 8, status: nil, priority: nil) == SLAEvent(at: 8, kind: .customerMessage))
        #expect(TicketEventKind.agentPublicReply.slaEvent(at: 9, status: nil, priority: nil) == SLAEvent(at: 9, kind: .agentPublicReply))
        #expect(TicketEventKind.internalNote.slaEvent(at: 10, status: nil, priority: nil) == nil)
        #expect(TicketEventKind.statusChanged.slaEvent(at: 11, status: "resolved", priority: nil) == nil)
    }

    @Test func pendingCutOffStaysInRange() {
        let now: Int64 = 1_780_000_000_000
        #expect(TicketQueue.pendingCutoff(now: now, days: 3) == now - 3 * 86_400_000)
        #expect(TicketQueue.pendingCutoff(now: now, days: 0) == now)
        #expect(TicketQueue.pendingCutoff(now: now, days: -1) == nil)
        #expect(TicketQueue.pendingCutoff(now: now, days: 366) == nil)
        #expect(TicketQueue.pendingCutoff(now: Int64.min, days: 1) == nil)
        #expect((try? TicketQueue.pendingDays(nil).get()) == TicketQueue.defaultPendingDays)
        #expect((try? TicketQueue.pendingDays("7").get()) == 7)
        for bad in ["-1", "366", "x", "1.5", "99999999999999999999999"] {
            guard case .failure(let error) = TicketQueue.pendingDays(bad) else { Issue.record("\(bad) accepted"); continue }
            #expect(error.field == "pending_days")
        }
    }

    @Test func ticketDefaultsAndRequesterRules() {
        var record = Tickets.type.newRecord(from: JSONObject([("subject", .string("x"))]))
        Tickets.type.hooks.derive(&record)
        #expect(record["status"]?.stringValue == "new" && record["priority"]?.stringValue == "normal" && record["channel"]?.stringValue == "api")
        let note = JSONObject([("kind", .string("internal_note")), ("author_person_id", .string("p")), ("status_after", .string("solved"))])
        #expect(TicketMessages.type.hooks.validate(note).map(\.field) == ["kind", "status_after"])
        #expect(TicketMessages.type.hooks.validate(JSONObject([("kind", .string("internal_note"))])).isEmpty)
    }

    @Test func supportWorksItsGroupsTicketsAndRepsSeeNone() throws {
        let support = try #require(Role.builtIn(named: "support"))
        #expect(support.grant(for: "tickets").visibility == .team && support.allows(.update, on: "tickets") && !support.allows(.delete, on: "tickets"))
        for name in ["sales", "marketing", "partner_manager"] {
            let role = try #require(Role.builtIn(named: name))
            #expect(!role.allows(.read, on: "tickets") && !role.allows(.read, on: "ticket_messages"), "\(name)")
        }
        let agent = Viewer(userID: "u1", role: support, teamMembers: ["u1", "u2"], teams: ["seoul"])
        #expect(agent.visibleGroups(Tickets.type) == ["seoul"])
        #expect(agent.visibleGroups(TicketMessages.type) == nil)
        #expect(agent.canSee(Tickets.type, ownerID: "u9", fields: JSONObject([("group_id", .string("seoul"))])))
        // A ticket of another group stays hidden even when a teammate owns it.
        #expect(!agent.canSee(Tickets.type, ownerID: "u2", fields: JSONObject([("group_id", .string("tokyo"))])))
        // Without a group the owner decides, as for every other type.
        #expect(agent.canSee(Tickets.type, ownerID: "u2", fields: JSONObject()))
        #expect(!agent.canSee(Tickets.type, ownerID: "u9", fields: JSONObject()))
    }
}
