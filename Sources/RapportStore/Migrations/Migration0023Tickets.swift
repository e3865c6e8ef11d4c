/// The service desk's tickets, their conversation, and the ticket events the SLA clock
/// reads back in order (``RecordStore/slaEvents(ticketID:)``).
enum Migration0023Tickets {
    private static func statements(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        let seq = sqlite ? "seq INTEGER PRIMARY KEY" : "seq BIGSERIAL PRIMARY KEY"
        var out = Migration0005Sales.recordTable("tickets", """
            number %TEXT%, subject %TEXT%, requester_id %TEXT%, organization_id %TEXT%, channel %TEXT%, priority %TEXT%,
            ticket_type %TEXT%, status %TEXT%, group_id %TEXT%, assignee_id %TEXT%, tags %TEXT%, deal_id %TEXT%, order_id %TEXT%,
            contract_id %TEXT%, follow_up_of %TEXT%, status_since %TEXT%
            """, sqlite: sqlite)
        out += [
            "CREATE INDEX tickets_number ON tickets (number\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX tickets_requester ON tickets (requester_id\(nf), updated_at\(nf), id) WHERE deleted_at IS NULL",
            // The agent views: mine by status, a group's unassigned, pending since when.
            "CREATE INDEX tickets_assignee ON tickets (assignee_id\(nf), status\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX tickets_group ON tickets (group_id\(nf), assignee_id\(nf), status\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX tickets_status ON tickets (status\(nf), status_since\(nf), id) WHERE deleted_at IS NULL",
        ]
        out += Migration0005Sales.recordTable("ticket_messages", "ticket_id %TEXT%, kind %TEXT%, author_person_id %TEXT%, body %TEXT%, status_after %TEXT%", sqlite: sqlite)
        out += [
            "CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id\(nf), created_at\(nf), id) WHERE deleted_at IS NULL",
            """
            CREATE TABLE ticket_events (
            \(seq), ticket_id \(text) NOT NULL, at_ms \(int) NOT NULL, kind \(text) NOT NULL, status \(text), priority \(text),
            message_id \(text), actor_id \(text))
            """,
            "CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at_ms, seq)",
        ]
        return out
    }

    static let migration = Migration(version: 23, name: "tickets", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
