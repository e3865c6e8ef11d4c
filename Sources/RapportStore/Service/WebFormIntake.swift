import Foundation
import RapportKit
import RapportMail

/// The public web form of a group: anyone may write without an account, so everything a
/// stranger sends is checked as strictly as an agent's write. A submission becomes the
/// requester (found by address, or made in the form's language), a `web_form` ticket in the
/// group and its first message, all through the record engine and in one transaction, and,
/// once a relay is set up, a confirmation mail in the requester's language that a reply to
/// threads back into the ticket.
///
/// A group has a form when it has a support address: that is the address the confirmation
/// comes from and answers go to, and the group has chosen to face customers.
public struct WebFormIntake: Sendable {
    public struct Group: Sendable, Equatable {
        public var id: String
        public var name: String
        public var supportAddress: String
        /// The ticket fields the group's form asks for besides the four every form has.
        public var fields: [FieldSpec] = []
    }

    public struct Submission: Sendable {
        public var name: String
        public var email: String
        public var subject: String
        public var body: String
        /// The language the form was read in: a new requester's language.
        public var language: String
        /// Values of the group's chosen fields by name, as typed (checked when the ticket is written).
        public var extra: [String: String]

        public init(name: String, email: String, subject: String, body: String, language: String, extra: [String: String] = [:]) {
            self.name = name
            self.email = email
            self.subject = subject
            self.body = body
            self.language = language
            self.extra = extra
        }

        /// Every wrong field at once; nothing is stored while any is wrong.
        public var errors: [FieldError] {
            var out: [FieldError] = []
            if name.count > WebFormMail.maxName { out.append(FieldError(field: "name", code: "too_long", message: "At most \(WebFormMail.maxName) characters.")) }
            if Email.normalize(email.trimmedWhitespace) == nil {
                out.append(FieldError(field: "email", code: "invalid_email", message: "An email address we can answer, such as name@example.com."))
            }
            out += RequestText.errors(subject: subject, body: body)
            return out
        }
    }

    public struct Receipt: Sendable, Equatable {
        public var ticketID: String
        public var number: String
        /// The address the confirmation went to; nil when no relay is set up.
        public var confirmedTo: String?
    }

    let store: RecordStore

    public init(store: RecordStore) {
        self.store = store
    }

    /// The group behind `/support/{id}`, if it takes requests from the public.
    public func group(_ id: String) async throws -> Group? {
        guard RecordID.isValid(id) else { return nil }
        return try await store.db.read { s in
            guard let r = try await s.query("SELECT id, name, support_address FROM teams WHERE id = \(id) AND support_address IS NOT NULL").first,
                  let id = r.text("id"), let name = r.text("name"), let address = r.text("support_address") else { return nil }
            return Group(id: id, name: name, supportAddress: address, fields: try await WebFormFields(store: store).chosen(s, team: id))
        }
    }

    public func submit(_ submission: Submission, to group: Group) async throws -> Receipt {
        let errors = submission.errors
        guard errors.isEmpty else { throw RecordError.invalid(errors) }
        // Two first submissions from one new address race to create the person; the loser
        // finds the winner's person when taken again, as mail intake does.
        var attempt = 0
        while true {
            do {
                return try await store.db.transaction { s in try await submit(s, submission, group) }
            } catch RecordError.duplicate where attempt < 3 {
                attempt += 1
            }
        }
    }

    private func submit(_ s: Session, _ form: Submission, _ group: Group) async throws -> Receipt {
        let address = Email.normalize(form.email.trimmedWhitespace) ?? form.email
        let language = SurveyWords.language(form.language)
        let person = try await Requesters.person(store, s, address: address, name: form.name, source: "web_form", language: language)
        let tickets = try await store.type(named: Tickets.type.name, in: s)
        let messages = try await store.type(named: TicketMessages.type.name, in: s)
        let subject = form.subject.trimmedWhitespace, body = form.body.trimmedWhitespace
        var changes = JSONObject([
            ("subject", .string(subject)), ("requester_id", .string(person.id)), ("channel", .string("web_form")), ("group_id", .string(group.id)),
        ])
        // Only the group's chosen fields are read, each checked as an agent's edit of it is
        // (a chosen required field must be filled). A required field the form does not ask
        // for is left to the agents, as for mail: it must not shut the form.
        var extra = JSONObject()
        for field in group.fields { extra[field.name] = RecordInput.fromCSV(form.extra[field.name] ?? "", field: field) }
        let checked = try RecordInput.validate(extra, type: tickets, mode: .update).get()
        for key in checked.keys { if let value = checked[key], !value.isNull { changes[key] = value } }
        let ticket = try await store.create(in: s, tickets, changes: changes, actor: .system)
        let message = try await store.create(in: s, messages, changes: JSONObject([
            ("ticket_id", .string(ticket.id)), ("kind", .string(TicketMessages.Kind.publicReply.rawValue)),
            ("author_person_id", .string(person.id)), ("body", .string(body)),
        ]), actor: .system)
        let number = ticket.fields["number"]?.stringValue ?? ""
        guard let relay = try await MailSettingsStore.settings(s) else { return Receipt(ticketID: ticket.id, number: number, confirmedTo: nil) }
        let reader = person.fields["language"]?.stringValue ?? language
        let mail = WebFormMail(language: reader, ticketNumber: number, ticketSubject: subject, body: body, groupName: group.name)
        var draft = MailOutbox.Draft(to: [MailAddress(name: person.fields["display_name"]?.stringValue, address: address)],
                                     subject: ThreadKeys.subject(mail.subject, adding: number), text: mail.text,
                                     links: [(TicketMessages.type.name, message.id), (People.type.name, person.id)])
        draft.fromName = "\(group.name) (\(relay.fromName ?? "Rapport"))"
        draft.replyTo = MailAddress(name: group.name, address: group.supportAddress)
        _ = try await MailOutbox(db: store.db, cipher: nil).enqueue(in: s, draft, actor: .system)
        return Receipt(ticketID: ticket.id, number: number, confirmedTo: address)
    }
}
