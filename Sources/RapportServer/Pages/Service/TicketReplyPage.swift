import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The composer on a page of its own, filled in, for the two moments an agent must look
/// before sending: a macro was applied (what it changed, its reply ready to edit) and
/// someone else wrote on the ticket while the agent was typing (the new messages first,
/// the agent's own text kept). Both post back to the ticket's `messages` route.
struct TicketReplyPage {
    let deps: PageDependencies

    /// What the composer holds when the page opens.
    struct Draft {
        var kind: TicketMessages.Kind = .publicReply
        var body = ""
        var statusAfter: String?
        /// The newest message the agent has now seen.
        var seen = ""
        /// The agent saw a warning: sending again goes through.
        var confirm = false
    }

    /// The composer's values for a ticket: its form, its macros, the statuses to choose.
    static func composer(ticketID: String, draft: Draft, macros: [StoredRecord], user: PageUser, send: String? = nil) -> [String: Any] {
        [
            "action": "/tickets/\(ticketID)/messages", "macroAction": "/tickets/\(ticketID)/macro",
            "seen": draft.seen, "confirm": draft.confirm, "body": draft.body, "internalChecked": draft.kind == .internalNote,
            "rows": draft.body.isEmpty ? "4" : "8", "sendLabel": send ?? user.t("svc_send"),
            "statuses": TicketStatus.allCases.map { ["value": $0.rawValue, "label": user.choiceLabel("status", $0.rawValue), "selected": $0.rawValue == draft.statusAfter] },
            "hasMacros": !macros.isEmpty,
            "macros": macros.map { ["id": $0.id, "name": $0.fields["name"]?.stringValue ?? ""] },
        ]
    }

    /// Messages as the conversation lists them.
    /// `files` are each message's attachments by message id (a received mail's screenshots).
    static func messages(_ messages: [StoredRecord], formatter: ValueFormatter, user: PageUser, files: [String: [Attachment]] = [:]) -> [[String: Any]] {
        messages.map { m -> [String: Any] in
            let person = m.fields["author_person_id"]?.stringValue
            let internalNote = m.fields["kind"]?.stringValue == TicketMessages.Kind.internalNote.rawValue
            // What the writer's mail client appended folds away; the stored body keeps it.
            let reply = ReplyText(m.fields["body"]?.stringValue ?? "")
            return [
                "body": reply.visible, "folded": reply.folded ?? false,
                "author": person.map { formatter.titles[$0] ?? user.t("svc_from_requester") } ?? m.createdBy.flatMap { formatter.userNames[$0] } ?? "—",
                "fromRequester": person != nil, "internal": internalNote,
                "kindLabel": user.t(internalNote ? "svc_internal" : "svc_public"),
                "when": formatter.instant(m.createdAt), "at": m.createdAt,
                "hasFiles": !(files[m.id] ?? []).isEmpty,
                "files": (files[m.id] ?? []).map { ["name": $0.fileName, "href": "/api/v1/attachments/\($0.id)/content",
                                                    "size": ByteCountDisplay.format($0.size, language: user.language)] },
            ]
        }
    }

    /// The page: `warning` and `newMessages` after a collision, `changes` after a macro.
    func render(_ ticket: StoredRecord, user: PageUser, actor: Actor, draft: Draft, notice: String? = nil, warning: String? = nil,
                changes: [(label: String, value: String)] = [], newMessages: [StoredRecord] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let messageType = try await deps.store.type(named: TicketMessages.type.name)
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare(newMessages, type: messageType, store: deps.store, admin: deps.admin, actor: actor)
        let number = ticket.fields["number"]?.stringValue ?? ""
        var values = Self.composer(ticketID: ticket.id, draft: draft, macros: [], user: user, send: warning == nil ? nil : user.t("svc_send_anyway"))
        values["heading"] = "\(number) \(ticket.fields["subject"]?.stringValue ?? "")".trimmedWhitespace
        values["ticketHref"] = "/tickets/\(ticket.id)"
        values["compose"] = true
        if let notice { values["notice"] = ["text": notice] }
        if let warning { values["warning"] = warning }
        values["hasChanges"] = !changes.isEmpty
        values["changes"] = changes.map { ["label": $0.label, "value": $0.value] }
        values["hasNew"] = !newMessages.isEmpty
        values["newMessages"] = Self.messages(newMessages, formatter: formatter, user: user)
        return deps.renderApp("ticket_reply", user: user, title: values["heading"] as? String ?? number, values: values, current: Tickets.type.name, status: status)
    }
}
