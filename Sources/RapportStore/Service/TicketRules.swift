import Foundation
import RapportKit

/// A ticket gets its number when created (`T-2026-000123`, by the same race-free counter
/// as quotes) and its requester's organization when it names none; closed is final; every status and priority change is written to the
/// ticket's events (``TicketEvents``) in the write's own transaction, so the clock never
/// sees a change that was rolled back or misses one that was not.
enum TicketRules {
    static let rules = WriteRules(before: before, after: after, merged: merged)

    /// A merged ticket's conversation has moved (the engine repoints its messages); their
    /// events move with them, so the survivor's clocks count the duplicate's customer
    /// messages and replies, and the duplicate's own clocks go (a retired ticket has none).
    /// A closed ticket is final either way: nothing moves into it or out of it.
    @Sendable static func merged(_ store: RecordStore, _ s: Session, survivorID: String, duplicateID: String) async throws {
        for (field, id) in [("survivor_id", survivorID), ("duplicate_id", duplicateID)] {
            if try await s.query("SELECT status FROM tickets WHERE id = \(id)").first?.text("status") == TicketStatus.closed.rawValue {
                throw RecordError.invalid([FieldError(field: field, code: "final", message: "A closed ticket is final; it is not merged.")])
            }
        }
        // Only the messages: the duplicate's creation and status changes were its own life,
        // and read on the survivor they would say it was solved or paused when it was not.
        let conversation = SQL.join([TicketEventKind.customerMessage, .agentPublicReply, .internalNote].map { "\($0.rawValue)" }, ", ")
        try await s.execute("UPDATE ticket_events SET ticket_id = \(survivorID) WHERE ticket_id = \(duplicateID) AND kind IN (\(conversation))")
        TicketEvents.forget(s, [survivorID, duplicateID])
        try await TicketClocks.remove(s, ticketID: duplicateID)
    }

    @Sendable static func before(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        var record = record
        let now = Timestamp.format(Date())
        guard let existing else {
            record["number"] = .string(try await DocumentNumbers.next(s, prefix: "T", table: "tickets", now: now, digits: 6, gapless: false))
            record["status_since"] = .string(now)
            // A requester's company is the ticket's unless the ticket names another.
            if record["organization_id"]?.stringValue == nil, let person = record["requester_id"]?.stringValue,
               let org = try await s.query("SELECT organization_id FROM people WHERE id = \(person) AND deleted_at IS NULL").first?.text("organization_id") {
                record["organization_id"] = .string(org)
            }
            try await assign(s, &record)
            return record
        }
        let old = existing.fields["status"]?.stringValue.flatMap(TicketStatus.init(rawValue:)) ?? .new
        let new = record["status"]?.stringValue.flatMap(TicketStatus.init(rawValue:)) ?? old
        if old == .closed {
            let changed = AuditLog.diff(before: existing.fields, after: record, fields: Tickets.type.fields)
            if changed.count > 0 || !TicketConversation.allows(from: old, to: new) {
                throw RecordError.invalid([FieldError(field: changed.keys.sorted().first ?? "status", code: "final",
                                                      message: "A closed ticket is final; a requester who writes again opens a follow-up ticket.")])
            }
        }
        if new != old { record["status_since"] = .string(now) }
        // Moved to another group without an assignee: that group's rule picks one.
        if record["group_id"] != existing.fields["group_id"] { try await assign(s, &record) }
        return record
    }

    /// A ticket in a group that assigns in turn, with nobody assigned, gets the member whose
    /// turn it is (``TicketAssignment``); a solved or closed one is left alone.
    static func assign(_ s: Session, _ record: inout JSONObject) async throws {
        guard record["assignee_id"]?.stringValue == nil, let group = record["group_id"]?.stringValue,
              !(record["status"]?.stringValue.flatMap(TicketStatus.init(rawValue:))?.isResolved ?? false),
              let chosen = try await TicketAssignment.pick(s, group: group, requester: record["requester_id"]?.stringValue,
                                                          tags: record["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []) else { return }
        record["assignee_id"] = .string(chosen)
    }

    @Sendable static func after(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        let status = after.fields["status"]?.stringValue, priority = after.fields["priority"]?.stringValue
        guard let before else {
            try await TicketEvents.append(s, ticketID: after.id, kind: .created, status: status, priority: priority, actor: actor, now: now, created: true)
            try await refreshClocks(s, after, now: now, held: [])
            return
        }
        // A delete arrives as the same record before and after; its clocks stay as they
        // were, for a restore, and the views and the escalation job skip deleted tickets.
        if before.version == after.version { return }
        if before.fields["status"]?.stringValue != status {
            try await TicketEvents.append(s, ticketID: after.id, kind: .statusChanged, status: status, actor: actor, now: now)
            if status == TicketStatus.solved.rawValue {
                try await SatisfactionSurveys.scheduleAfterSolve(store, s, ticketID: after.id, at: Timestamp.parse(now) ?? 0)
            }
        }
        if before.fields["priority"]?.stringValue != priority {
            try await TicketEvents.append(s, ticketID: after.id, kind: .priorityChanged, priority: priority, actor: actor, now: now)
        }
        // Any field may decide which policy applies, so every change recomputes.
        try await refreshClocks(s, after, now: now)
    }

    static func refreshClocks(_ s: Session, _ ticket: StoredRecord, now: String, held: [StoredClock]? = nil) async throws {
        try await TicketClocks.refresh(s, ticketID: ticket.id, fields: ticket.fields, settings: try await SLASettings.read(s), now: Timestamp.parse(now) ?? 0,
                                       held: held)
    }
}

/// A message belongs to its ticket's owner, like every child; it may move its ticket
/// (``TicketConversation``): a requester's reply reopens a solved ticket, and on a closed
/// one it goes to a follow-up ticket made for it, so the closed ticket stays as it was.
enum TicketMessageRules {
    static let rules = WriteRules(before: before, after: after)

    @Sendable static func before(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        var record = record
        if let existing {
            // A message is what was said: it stays on its ticket and keeps its author.
            for field in ["ticket_id", "author_person_id", "kind"] where record[field] != existing.fields[field] {
                throw RecordError.invalid([FieldError(field: field, code: "final", message: "A sent message keeps its ticket, author and kind.")])
            }
            return record
        }
        guard let ticketID = record["ticket_id"]?.stringValue, RecordID.isValid(ticketID) else { return record }
        let tickets = try await store.type(named: Tickets.type.name, in: s)
        guard let ticket = try? await store.load(s, tickets, id: ticketID, forUpdate: true) else { return record }
        // Locked until commit, so the `after` rule of this same write can take it from here.
        s.marks?.remember(lockedTicketKey(ticketID), ticket)
        let status = ticket.fields["status"]?.stringValue.flatMap(TicketStatus.init(rawValue:)) ?? .new
        switch TicketConversation.outcome(of: status, messageFromRequester: record["author_person_id"]?.stringValue != nil) {
        case .refused:
            throw RecordError.invalid([FieldError(field: "ticket_id", code: "final", message: "The ticket is closed; nothing more is added to it.")])
        case .followUp:
            let followUp = try await TicketFollowUp.open(store, s, after: ticket)
            record["ticket_id"] = .string(followUp.id)
            record["owner_id"] = followUp.ownerID.map(JSONValue.string) ?? .null
        case .stays, .becomes:
            record["owner_id"] = ticket.ownerID.map(JSONValue.string) ?? .null
        }
        return record
    }

    /// The ticket `before` read and locked, for `after` to take once.
    static func lockedTicketKey(_ id: String) -> String { "locked-ticket:" + id }

    /// Records the message on its ticket's events and moves the ticket: the reopening a
    /// requester's reply causes, or the status the agent chose to send with.
    @Sendable static func after(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        guard before == nil, let ticketID = after.fields["ticket_id"]?.stringValue else { return }
        let fromRequester = after.fields["author_person_id"]?.stringValue != nil
        let kind: TicketEventKind = fromRequester ? .customerMessage
            : after.fields["kind"]?.stringValue == TicketMessages.Kind.internalNote.rawValue ? .internalNote : .agentPublicReply
        let ticket: StoredRecord
        if let locked = s.marks?.memo(lockedTicketKey(ticketID), as: StoredRecord.self) {
            s.marks?.forget(lockedTicketKey(ticketID))
            ticket = locked
        } else {
            ticket = try await store.load(s, try await store.type(named: Tickets.type.name, in: s), id: ticketID, forUpdate: true)
        }
        let tickets = try await store.type(named: Tickets.type.name, in: s)
        // Never before its ticket: the follow-up made for a message is created a moment
        // after the message's write began, and the clock must see the ticket first.
        try await TicketEvents.append(s, ticketID: ticketID, kind: kind, messageID: after.id, actor: actor, now: max(now, ticket.createdAt))
        let files = try await TicketMessageFiles.attach(s, to: after.id, actor: actor)
        if kind == .agentPublicReply { try await TicketReplyMail.queue(store, s, message: after, ticket: ticket, attachments: files, actor: actor) }
        let status = ticket.fields["status"]?.stringValue.flatMap(TicketStatus.init(rawValue:)) ?? .new
        var target: TicketStatus?
        if case .becomes(let next) = TicketConversation.outcome(of: status, messageFromRequester: fromRequester) { target = next }
        if let chosen = after.fields["status_after"]?.stringValue.flatMap(TicketStatus.init(rawValue:)) { target = chosen }
        guard let target, target != status else {
            try await TicketRules.refreshClocks(s, ticket, now: max(now, ticket.createdAt))
            return
        }
        // The update's own rule recomputes the clocks, this message's event included.
        _ = try await store.update(in: s, tickets, id: ticketID, changes: JSONObject([("status", .string(target.rawValue))]), ifMatch: nil, actor: actor)
    }
}

/// The ticket a requester's message to a closed ticket opens: the same requester,
/// organization, group, subject and links, new and unassigned, pointing back at the
/// closed one. Made by the server (the write's rule cannot name the requesting user), so
/// its audit entry shows the system as its author and the message as its cause.
enum TicketFollowUp {
    static func open(_ store: RecordStore, _ s: Session, after closed: StoredRecord) async throws -> StoredRecord {
        let tickets = try await store.type(named: Tickets.type.name, in: s)
        var changes = JSONObject()
        for field in ["subject", "requester_id", "organization_id", "channel", "priority", "ticket_type", "group_id", "tags", "deal_id", "order_id", "contract_id"] {
            if let value = closed.fields[field], !value.isNull { changes[field] = value }
        }
        changes["follow_up_of"] = .string(closed.id)
        if let owner = closed.ownerID { changes["owner_id"] = .string(owner) }
        return try await store.create(in: s, tickets, changes: changes, actor: .system)
    }
}
