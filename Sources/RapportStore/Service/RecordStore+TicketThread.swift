import RapportKit

extension RecordStore {
    /// A ticket's messages, oldest first, as `actor` may read them (at most the newest
    /// `limit`, which a page shows; the API lists them all with paging).
    public func ticketMessages(ticketID: String, actor: Actor, limit: Int = 500) async throws -> [StoredRecord] {
        let messages = try await type(named: TicketMessages.type.name)
        try require(.read, messages, actor)
        let codec = self.codec(messages)
        let rows = try await db.read { s in
            var clauses: [SQL] = ["ticket_id = \(ticketID)", "deleted_at IS NULL"]
            if let visible = self.visibility(messages, actor) { clauses.append(visible) }
            return try await s.query("""
                SELECT \(raw: codec.selectList) FROM ticket_messages WHERE \(SQL.join(clauses, " AND ")) ORDER BY created_at DESC, seq DESC LIMIT \(max(1, min(limit, 500)))
                """)
        }
        return rows.map { redact(codec.decode($0), messages, actor) }.reversed()
    }

    /// A requester's other tickets, newest first, that `actor` may see.
    public func requesterTickets(personID: String, excluding id: String, actor: Actor, limit: Int = 20) async throws -> [StoredRecord] {
        let tickets = try await type(named: Tickets.type.name)
        try require(.read, tickets, actor)
        let codec = self.codec(tickets)
        let rows = try await db.read { s in
            var clauses: [SQL] = ["requester_id = \(personID)", "id <> \(id)", "deleted_at IS NULL"]
            if let visible = self.visibility(tickets, actor) { clauses.append(visible) }
            return try await s.query("""
                SELECT \(raw: codec.selectList) FROM tickets WHERE \(SQL.join(clauses, " AND ")) ORDER BY updated_at DESC, id LIMIT \(max(1, min(limit, 100)))
                """)
        }
        return rows.map { redact(codec.decode($0), tickets, actor) }
    }
}
