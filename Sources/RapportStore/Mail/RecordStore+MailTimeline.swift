import RapportKit

extension RecordStore {
    /// Received mail linked to `ids` (a record and those merged into it), newest first, as
    /// timeline entries: the mail a person, their company or their open deal got through
    /// the service desk (see ``MailParties``).
    ///
    /// Everyone who reads the record sees that the customer wrote, when and about what (a
    /// sales rep should know their account is waiting on support). What they wrote and the
    /// way to the ticket are shown only to a reader who may see the ticket message it became
    /// (not another group's ticket, not a role without tickets, not a role that hides
    /// message bodies).
    func mailEntries(_ s: Session, type: RecordType, ids: [String], before: (String, String)?, limit: Int, actor: Actor) async throws -> [TimelineEntry] {
        let messages = try await self.type(named: TicketMessages.type.name, in: s)
        let readsMessages = actor.viewer.map { $0.role.allows(.read, on: messages.name) && !$0.hiddenFields(messages).contains("body") } ?? true
        let shown: SQL = readsMessages ? "CASE WHEN \(visibility(messages, actor, column: "tm.owner_id") ?? "1 = 1") THEN 1 ELSE 0 END" : "0"
        var clauses: [SQL] = [
            "m.direction = 'inbound'",
            "m.id IN (SELECT mail_id FROM mail_links WHERE record_type = \(type.name) AND record_id IN (\(SQL.join(ids.map { "\($0)" }, ", "))))",
            "tm.deleted_at IS NULL",
        ]
        if let (t, cid) = before { clauses.append("(m.created_at < \(t) OR (m.created_at = \(t) AND m.id < \(cid)))") }
        let rows = try await s.query("""
            SELECT m.id, m.created_at, m.from_name, m.from_address, m.to_addresses, m.cc_addresses, m.subject, m.text_body, tm.id AS message_record_id, tm.ticket_id,
            \(shown) AS shown
            FROM mail_messages m JOIN mail_links l ON l.mail_id = m.id AND l.record_type = \(messages.name)
            JOIN ticket_messages tm ON tm.id = l.record_id
            WHERE \(SQL.join(clauses, " AND ")) ORDER BY m.created_at DESC, m.id DESC LIMIT \(limit + 1)
            """)
        return rows.compactMap { row in
            guard let id = row.text("id"), let at = row.text("created_at") else { return nil }
            let list = { (column: String) in JSONValue.array((row.text(column).flatMap { try? JSONValue.parse($0) }?.arrayValue ?? []).filter { $0.stringValue != nil }) }
            let shown = row.int("shown") == 1
            let text = shown ? row.text("text_body").map(JSONValue.string) ?? .null : .null
            return TimelineEntry(at: at, json: JSONObject([
                ("entry", .string("mail")), ("at", .string(at)),
                ("mail", .object(JSONObject([
                    ("id", .string(id)), ("direction", .string("inbound")), ("from_name", row.text("from_name").map(JSONValue.string) ?? .null),
                    ("from_address", .string(row.text("from_address") ?? "")), ("to", list("to_addresses")), ("cc", list("cc_addresses")),
                    ("subject", row.text("subject").map(JSONValue.string) ?? .null), ("text", text),
                    ("ticket_id", shown ? row.text("ticket_id").map(JSONValue.string) ?? .null : .null),
                    ("ticket_message_id", shown ? row.text("message_record_id").map(JSONValue.string) ?? .null : .null),
                ]))),
            ]), sortID: id)
        }
    }
}
