import RapportKit

/// A ticket's events, in the order they happened, kept in `ticket_events` rather than read
/// from the audit trail: the audit log holds diffs of one record at a time, so a
/// requester's message (a record of another type) and the ticket's own changes would have
/// to be merged from two types' entries and their JSON parsed for every clock computed;
/// this narrow table is read by one index, in order, for many tickets at once, and written
/// in the same transaction as the change it records.
enum TicketEvents {
    static func append(_ s: Session, ticketID: String, kind: TicketEventKind, status: String? = nil, priority: String? = nil,
                       messageID: String? = nil, actor: Actor, now: String) async throws {
        let at = Timestamp.parse(now) ?? 0
        try await s.execute("""
            INSERT INTO ticket_events (ticket_id, at_ms, kind, status, priority, message_id, actor_id)
            VALUES (\(ticketID), \(at), \(kind.rawValue), \(status), \(priority), \(messageID), \(actor.userID))
            """)
    }

    static func read(_ s: Session, ticketID: String) async throws -> [SLAEvent] {
        let rows = try await s.query("SELECT at_ms, kind, status, priority FROM ticket_events WHERE ticket_id = \(ticketID) ORDER BY at_ms, seq")
        return rows.compactMap { row in
            guard let kind = row.text("kind").flatMap(TicketEventKind.init(rawValue:)), let at = row.int("at_ms") else { return nil }
            return kind.slaEvent(at: at, status: row.text("status"), priority: row.text("priority"))
        }
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
