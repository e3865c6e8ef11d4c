import RapportKit

/// A macro applied to a ticket: the fields it changed (already saved, audited as the
/// agent's own edit) and the reply it proposes, filled in the requester's language, for
/// the agent to read, change and send.
public struct AppliedMacro: Sendable {
    public var name: String
    public var ticket: StoredRecord
    /// The ticket fields the macro changed, with their new values.
    public var changed: JSONObject
    public var reply: String?
    public var replyLanguage: String?
    public var replyKind: TicketMessages.Kind
    /// The status the ticket takes when the reply is sent.
    public var statusAfter: TicketStatus?
}

extension RecordStore {
    /// The macros `actor` may use, by name.
    public func ticketMacros(actor: Actor) async throws -> [StoredRecord] {
        let macros = try await type(named: TicketMacros.type.name)
        guard case .success(let query) = ListQuery.parse([("limit", "200"), ("sort", "name")], type: view(macros, for: actor)) else { return [] }
        return try await list(macros, query: query, actor: actor).records
    }

    /// Applies `macroID` to `ticketID` as `actor`: both must be visible to them, and the
    /// ticket's changes pass every check a hand edit does (a closed ticket refuses them).
    /// `agentLanguage` is the reply's language when the requester has none.
    public func applyMacro(_ macroID: String, ticketID: String, actor: Actor, agentName: String?, agentLanguage: String?) async throws -> AppliedMacro {
        let macros = try await type(named: TicketMacros.type.name)
        let tickets = try await type(named: Tickets.type.name)
        let macro = try await get(macros, id: macroID, actor: actor)
        var ticket = try await get(tickets, id: ticketID, actor: actor)
        let changes = TicketMacros.changes(macro.fields, ticket: ticket.fields)
        if changes.count > 0 { ticket = try await update(tickets, id: ticket.id, body: changes, ifMatch: nil, actor: actor) }

        var requester: StoredRecord?
        if let person = ticket.fields["requester_id"]?.stringValue {
            requester = try? await get(try await type(named: People.type.name), id: person, actor: actor)
        }
        var values: [String: String] = [
            "ticket.number": ticket.fields["number"]?.stringValue ?? "", "ticket.subject": ticket.fields["subject"]?.stringValue ?? "",
        ]
        values["user.name"] = agentName
        values["person.name"] = requester?.fields["display_name"]?.stringValue
        if let org = ticket.fields["organization_id"]?.stringValue {
            values["organization.name"] = try await titles(try await type(named: Organizations.type.name), ids: [org], actor: actor)[org]
        }
        let reply = TicketMacros.reply(macro.fields, preferred: [requester?.fields["language"]?.stringValue, agentLanguage])
        return AppliedMacro(
            name: macro.fields["name"]?.stringValue ?? "", ticket: ticket, changed: changes,
            reply: reply.map { MailTemplate.render($0.text, values: values, fields: TicketMacros.fields) }, replyLanguage: reply?.language,
            replyKind: macro.fields["kind"]?.stringValue.flatMap(TicketMessages.Kind.init(rawValue:)) ?? .publicReply,
            statusAfter: macro.fields["status_after"]?.stringValue.flatMap(TicketStatus.init(rawValue:)))
    }
}
