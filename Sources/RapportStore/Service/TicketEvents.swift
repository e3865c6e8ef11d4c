import RapportKit

/// A ticket's events, in the order they happened, kept in `ticket_events` rather than read
/// from the audit trail: the audit log holds diffs of one record at a time, so a
/// requester's message (a record of another type) and the ticket's own changes would have
/// to be merged from two types' entries and their JSON parsed for every clock computed;
/// this narrow table is read by one index, in order, for many tickets at once, and written
/// in the same transaction as the change it records.
///
/// Within one transaction the events read are remembered and kept in step with each
/// append, so mail that opens a ticket with its first message reads them from the table
/// once at most (a new ticket's not at all) instead of after every write.
enum TicketEvents {
    /// `created`: the ticket is being created in this transaction, so these are all its
    /// events and none need reading.
    static func append(_ s: Session, ticketID: String, kind: TicketEventKind, status: String? = nil, priority: String? = nil,
                       messageID: String? = nil, actor: Actor, now: String, created: Bool = false) async throws {
        let at = Timestamp.parse(now) ?? 0
        try await s.execute("""
            INSERT INTO ticket_events (ticket_id, at_ms, kind, status, priority, message_id, actor_id)
            VALUES (\(ticketID), \(at), \(kind.rawValue), \(status), \(priority), \(messageID), \(actor.userID))
            """)
        let key = memoKey(ticketID)
        let event = kind.slaEvent(at: at, status: status, priority: priority)
        if created {
            s.marks?.remember(key, [event].compactMap { $0 })
        } else if var held = s.marks?.memo(key, as: [SLAEvent].self) {
            // Read back in (time, insertion) order: an event dated before the last one held
            // would sort before it, so the table is read again instead.
            if let last = held.last, at < last.at { s.marks?.forget(key); return }
            if let event { held.append(event) }
            s.marks?.remember(key, held)
        }
    }

    static func read(_ s: Session, ticketID: String) async throws -> [SLAEvent] {
        try await s.memoized(memoKey(ticketID)) {
            let rows = try await s.query("SELECT at_ms, kind, status, priority FROM ticket_events WHERE ticket_id = \(ticketID) ORDER BY at_ms, seq")
            return rows.compactMap { row in
                guard let kind = row.text("kind").flatMap(TicketEventKind.init(rawValue:)), let at = row.int("at_ms") else { return nil }
                return kind.slaEvent(at: at, status: row.text("status"), priority: row.text("priority"))
            }
        }
    }

    static func memoKey(_ ticketID: String) -> String { "ticket-events:" + ticketID }

    /// For a write that moves events between tickets by statement (a merge).
    static func forget(_ s: Session, _ ticketIDs: [String]) {
        for id in ticketIDs { s.marks?.forget(memoKey(id)) }
    }
}

extension RecordStore {
    /// The events of a ticket the SLA clock reads, oldest first (ties in the order they
    /// were written). The actor must see the ticket: 404 otherwise, as for the ticket.
    public func slaEvents(ticketID: String, actor: Actor = .system) async throws -> [SLAEvent] {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        return try await db.read { s in
            _ = try await self.load(s, tickets, id: ticketID, forUpdate: false, actor: actor)
            return try await TicketEvents.read(s, ticketID: ticketID)
        }
    }
}
