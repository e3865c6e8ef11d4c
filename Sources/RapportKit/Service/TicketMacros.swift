/// Macros: the answers a desk gives again and again ("refund approved", "need your order
/// number"), kept once with the fields they set, so an agent applies one in a click and
/// every requester reads the same words in their own language.
///
/// Applying a macro sets its fields on the ticket at once (priority, group, assignee,
/// tags) and opens the composer with its reply; the status it names is the status the
/// ticket takes when that reply is sent, as with the composer's own choice, so a macro
/// never marks a ticket "pending customer" before the customer has been asked anything.
public enum TicketMacros {
    /// The reply languages a macro carries, in the order used when the requester's is empty.
    public static let languages = ["en", "ko", "ja"]

    public static let type = RecordType(
        name: "ticket_macros",
        singular: "macro",
        fields: [
            FieldSpec("name", .text(maxLength: 120), required: true, search: .name),
            // Named as the ticket's (and the message's) own fields: what the macro sets them to.
            FieldSpec("status_after", .choice(TicketStatus.allCases.map(\.rawValue)), label: "Status after sending"),
            FieldSpec("priority", .choice(TicketPriority.allCases.map(\.rawValue))),
            FieldSpec("group_id", .team, label: "Group"),
            FieldSpec("assignee_id", .user, label: "Assignee"),
            FieldSpec("add_tags", .tags, label: "Add tags"),
            FieldSpec("kind", .choice(TicketMessages.Kind.allCases.map(\.rawValue)), label: "Reply as"),
            FieldSpec("reply_en", .longText, search: .text, label: "Reply in English"),
            FieldSpec("reply_ko", .longText, search: .text, label: "Reply in Korean"),
            FieldSpec("reply_ja", .longText, search: .text, label: "Reply in Japanese"),
        ],
        titleField: "name",
        listColumns: ["status_after", "priority", "group_id", "updated_at"],
        uniqueKeys: [.init(field: "name", kind: "ticket_macro")],
        hasOwner: false,
        allowsCustomFields: false,
        hooks: RecordHooks(validate: validate),
        inNavigation: false,
        area: .service,
        icon: "ticket",
        acceptsActivities: false
    )

    /// A macro that does nothing is a mistake: it sets a field or carries a reply.
    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        let acts = ["status_after", "priority", "group_id", "assignee_id", "reply_en", "reply_ko", "reply_ja"].contains { name in
            guard let value = record[name], !value.isNull else { return false }
            return value.stringValue.map { !$0.trimmedWhitespace.isEmpty } ?? true
        } || !(record["add_tags"]?.arrayValue ?? []).isEmpty
        return acts ? [] : [FieldError(field: "reply_en", code: "required", message: "A macro sets a field or carries a reply.")]
    }

    /// The ticket fields a macro changes now: only those it names and the ticket does not
    /// already have; tags are added to the ticket's, never replace them. The status is left
    /// out (see ``TicketMacros``): it goes with the reply.
    public static func changes(_ macro: JSONObject, ticket: JSONObject) -> JSONObject {
        var out = JSONObject()
        for field in ["priority", "group_id", "assignee_id"] {
            guard let value = macro[field]?.stringValue, !value.isEmpty, ticket[field]?.stringValue != value else { continue }
            out[field] = .string(value)
        }
        let have = (ticket["tags"]?.arrayValue ?? []).compactMap(\.stringValue)
        let seen = Set(have.map { $0.lowercased() })
        var added = Set<String>()
        let extra = (macro["add_tags"]?.arrayValue ?? []).compactMap(\.stringValue).filter {
            !seen.contains($0.lowercased()) && added.insert($0.lowercased()).inserted
        }
        if !extra.isEmpty { out["tags"] = .array((have + extra).map(JSONValue.string)) }
        return out
    }

    /// The reply in the first of `preferred` languages the macro has words for (the
    /// requester's, then the agent's), else in the first of ``languages`` it has; nil
    /// when it carries no reply. Language tags match by their primary subtag (`ja-JP` is `ja`).
    public static func reply(_ macro: JSONObject, preferred: [String?]) -> (language: String, text: String)? {
        let wanted = preferred.compactMap { $0?.split(separator: "-").first.map { $0.lowercased() } }
        for language in wanted + languages where languages.contains(language) {
            if let text = macro["reply_\(language)"]?.stringValue, !text.trimmedWhitespace.isEmpty { return (language, text) }
        }
        return nil
    }

    /// The merge fields a macro's reply may use, filled by ``MailTemplate/render(_:values:fields:)``.
    public static let fields = ["person.name", "organization.name", "user.name", "ticket.number", "ticket.subject"]
}
