import RapportKit
import RapportMail

/// An agent's public reply goes to the requester by mail, in the same transaction as the
/// message, once a relay is set up: answered by the ticket's thread headers and its
/// `[#T-…]` subject token, so the customer's answer comes back to the same ticket
/// (``TicketMailIntake``). Internal notes and the requester's own messages never leave.
enum TicketReplyMail {
    static func queue(_ store: RecordStore, _ s: Session, message: StoredRecord, ticket: StoredRecord, attachments: [OutgoingMessage.Attachment] = [],
                      actor: Actor) async throws {
        guard let relay = try await MailSettingsStore.settings(s),
              let requesterID = ticket.fields["requester_id"]?.stringValue else { return }
        let people = try await store.type(named: People.type.name, in: s)
        guard let person = try? await store.load(s, people, id: requesterID, forUpdate: false),
              let address = person.fields["emails"]?.arrayValue?.first?.objectValue?["address"]?.stringValue else { return }
        let thread = try await s.query("""
            SELECT m.message_id, m.direction FROM mail_messages m
            JOIN mail_links l ON l.mail_id = m.id AND l.record_type = 'ticket_messages'
            JOIN ticket_messages tm ON tm.id = l.record_id
            WHERE tm.ticket_id = \(ticket.id) ORDER BY m.created_at, m.id
            """).compactMap { row in row.text("message_id").map { ($0, row.text("direction") ?? "") } }
        // The customer's latest message is what this answers; the thread's start and its
        // latest messages are what a mail client threads by (RFC 5322 §3.6.4).
        let parent = thread.last { $0.1 == "inbound" }?.0 ?? thread.last?.0
        let references = thread.count > 20 ? [thread[0].0] + thread.suffix(19).map(\.0) : thread.map(\.0)
        let group = try await ticket.fields["group_id"]?.stringValue.asyncMap { id in
            try await s.query("SELECT name, support_address FROM teams WHERE id = \(id)").first
        } ?? nil
        let subject = ThreadKeys.subject("Re: " + ThreadKeys.topic(ticket.fields["subject"]?.stringValue ?? ""), adding: ticket.fields["number"]?.stringValue ?? "")
        var draft = MailOutbox.Draft(
            to: [MailAddress(name: person.fields["display_name"]?.stringValue, address: address)], subject: subject,
            text: message.fields["body"]?.stringValue ?? "", links: [(TicketMessages.type.name, message.id), (People.type.name, person.id)])
        draft.inReplyTo = parent
        draft.attachments = attachments
        draft.references = references
        draft.fromName = group?.text("name").map { "\($0) (\(relay.fromName ?? "Rapport"))" }
        draft.replyTo = group?.text("support_address").map { MailAddress(name: group?.text("name"), address: $0) }
        _ = try await MailOutbox(db: store.db, cipher: nil).enqueue(in: s, draft, actor: actor)
    }
}
