/// Tickets: a requester's question or problem, numbered `T-2026-000123`, worked by a
/// group (a team) and an assignee until it is solved. Their conversation is
/// ``TicketMessages``; what happens to a ticket's status when a message arrives is
/// ``TicketConversation``.
public enum Tickets {
    public static let channels = ["email", "web_form", "portal", "api", "phone", "chat"]
    public static let kinds = ["question", "incident", "problem", "task"]

    public static let type = RecordType(
        name: "tickets",
        singular: "ticket",
        fields: [
            FieldSpec("number", .text(maxLength: 40), search: .name, isDerived: true),
            FieldSpec("subject", .text(maxLength: 300), required: true, search: .name),
            FieldSpec("requester_id", .reference("people"), search: .text, label: "Requester"),
            FieldSpec("organization_id", .reference("organizations"), label: "Organization"),
            // Filled with `api` when left out: a ticket made without saying where it came
            // from came through the API or a page, never through mail or the portal.
            FieldSpec("channel", .choice(channels)),
            FieldSpec("priority", .choice(TicketPriority.allCases.map(\.rawValue))),
            FieldSpec("ticket_type", .choice(kinds), label: "Type"),
            FieldSpec("status", .choice(TicketStatus.allCases.map(\.rawValue))),
            FieldSpec("group_id", .team, label: "Group"),
            FieldSpec("assignee_id", .user, label: "Assignee"),
            FieldSpec("tags", .tags),
            FieldSpec("deal_id", .reference("deals"), label: "Deal"),
            FieldSpec("order_id", .reference("orders"), label: "Order"),
            FieldSpec("contract_id", .reference("contracts"), label: "Contract"),
            // The closed ticket a customer wrote to again: this one carries on its conversation.
            FieldSpec("follow_up_of", .reference("tickets"), label: "Follow-up of"),
            // When the status last changed: what "pending too long" is measured from.
            FieldSpec("status_since", .dateTime, isDerived: true),
        ],
        titleField: "subject",
        listColumns: ["number", "status", "priority", "requester_id", "assignee_id", "updated_at"],
        hooks: RecordHooks(derive: derive),
        area: .service,
        icon: "ticket",
        groupField: "group_id"
    )

    /// A new ticket without a status, priority or channel starts `new`, `normal`, `api`.
    @Sendable static func derive(_ record: inout JSONObject) {
        if record["status"]?.stringValue == nil { record["status"] = .string(TicketStatus.new.rawValue) }
        if record["priority"]?.stringValue == nil { record["priority"] = .string(TicketPriority.normal.rawValue) }
        if record["channel"]?.stringValue == nil { record["channel"] = .string("api") }
    }
}

/// One message of a ticket's conversation: a public reply the requester reads or an
/// internal note only agents read. A message names `author_person_id` when the requester
/// wrote it; otherwise its author is the user who created it.
public enum TicketMessages {
    public enum Kind: String, CaseIterable, Sendable {
        case publicReply = "public_reply"
        case internalNote = "internal_note"
    }

    public static let type = RecordType(
        name: "ticket_messages",
        singular: "ticket message",
        fields: [
            FieldSpec("ticket_id", .reference("tickets"), required: true, label: "Ticket"),
            FieldSpec("kind", .choice(Kind.allCases.map(\.rawValue)), required: true),
            FieldSpec("author_person_id", .reference("people"), label: "From requester"),
            FieldSpec("body", .longText, required: true, search: .text),
            // The ticket's status once the message is sent ("reply and set pending"); an
            // agent's choice, so never with a requester's message.
            FieldSpec("status_after", .choice(TicketStatus.allCases.map(\.rawValue)), label: "Status after sending"),
        ],
        titleField: "body",
        listColumns: ["kind", "author_person_id", "created_at"],
        allowsCustomFields: false,
        hooks: RecordHooks(validate: validate),
        personalFields: ["body"],
        inNavigation: false,
        parent: ParentRule(type: "tickets", field: "ticket_id", onDelete: .cascade),
        area: .service,
        icon: "ticket"
    )

    /// A requester writes in public and does not steer the ticket's status.
    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        guard record["author_person_id"]?.stringValue != nil else { return [] }
        var errors: [FieldError] = []
        if record["kind"]?.stringValue == Kind.internalNote.rawValue {
            errors.append(FieldError(field: "kind", code: "invalid", message: "A requester's message is a public reply; internal notes are written by agents."))
        }
        if record["status_after"]?.stringValue != nil {
            errors.append(FieldError(field: "status_after", code: "invalid", message: "Only an agent's message sets the ticket's status."))
        }
        return errors
    }
}
