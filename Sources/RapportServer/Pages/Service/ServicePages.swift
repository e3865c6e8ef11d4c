import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The agent's pages beyond the generic record pages: `/tickets/queue` (my open tickets,
/// unassigned in my groups, pending too long, each with its live count) and the ticket
/// page composer's `POST /tickets/{id}/messages`.
struct ServicePages {
    let deps: PageDependencies
    var store: RecordStore { deps.store }

    static let listActions: [ListPageAction] = [
        ListPageAction(type: Tickets.type.name, href: "/tickets/queue", labelKey: "svc_views"),
    ]

    func register(on router: Router<AppRequestContext>) {
        // Under the generic `:type` segment, like the quote builder's routes: a fixed
        // `tickets` segment would shadow the record pages' `/tickets/{id}`.
        router.get(":type/queue", use: TypeRoute.only(Tickets.type.name, queue))
        router.get(":type/report", use: TypeRoute.only(Tickets.type.name, ServiceReportPage(deps: deps).page))
        router.post(":type/:id/messages", use: TypeRoute.only(Tickets.type.name, send))
    }


    /// `GET /tickets/queue?view=mine&pending_days=3`.
    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let params = try QueryString.parse(request.uri.query)
            func param(_ k: String) -> String? { params.last { $0.0 == k }.map(\.1).flatMap { $0.isEmpty ? nil : $0 } }
            let actor = user.actor(context)
            let tickets = try await store.type(named: Tickets.type.name)
            let chosen = param("view").flatMap(TicketQueue.init(rawValue:)) ?? .mine
            let days: Int
            switch TicketQueue.pendingDays(param("pending_days")) {
            case .success(let n): days = n
            case .failure: days = TicketQueue.defaultPendingDays
            }
            let now = deps.now()
            let counts = try await store.ticketQueueCounts(actor: actor, pendingDays: days, now: now)
            let records = try await store.ticketQueue(chosen, actor: actor, pendingDays: days, now: now)
            let formatter = ValueFormatter(user: user)
            let due = try await store.soonestDue(ticketIDs: records.map(\.id))
            let nowMillis = Timestamp.millis(now)
            let formats = SLATimeText.formats(user)
            var values: [String: Any] = [
                "view": chosen.rawValue, "pendingDays": String(days), "pendingView": chosen == .pendingTooLong, "ticketsLabel": user.typeName(tickets),
                "canCreate": user.viewer.role.allows(.create, on: tickets.name),
                "views": counts.map { queue, count -> [String: Any] in
                    [
                        "label": user.t("svc_view.\(queue.rawValue)"), "count": String(count), "current": queue == chosen,
                        "href": "/tickets/queue?" + RecordPages.encode([("view", queue.rawValue), ("pending_days", String(days))]),
                    ]
                },
                "tickets": records.map { t -> [String: Any] in
                    let status = t.fields["status"]?.stringValue ?? ""
                    var item: [String: Any] = [
                        "href": "/tickets/\(t.id)", "number": t.fields["number"]?.stringValue ?? "", "subject": t.fields["subject"]?.stringValue ?? "",
                        "status": user.choiceLabel("status", status), "statusValue": status,
                        "priority": user.choiceLabel("priority", t.fields["priority"]?.stringValue ?? ""),
                        "since": t.fields["status_since"]?.stringValue.map { formatter.relative($0, now: now) } ?? "",
                    ]
                    if let d = due[t.id] {
                        item["remaining"] = SLATimeText.remaining(d - nowMillis, user)
                        item["dueMillis"] = String(d)
                        item["overdue"] = d < nowMillis
                        item.merge(formats) { a, _ in a }
                    }
                    return item
                },
            ]
            return deps.renderApp("ticket_queue", user: user, title: user.t("svc_views"), values: values, current: tickets.name)
        }
    }

    /// `POST /tickets/{id}/messages`: the composer's reply or note, and the status chosen
    /// with it, in one write; back to the ticket. A refused message (a closed ticket, an
    /// empty body) says why, field by field, with a 422.
    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let posted: PageDependencies.SignedInForm
            switch try await deps.signedInForm(request) {
            case .proceed(let p): posted = p
            case .stop(let response): return response
            }
            let actor = user.actor(context)
            let ticket = try await store.get(try await store.type(named: Tickets.type.name), id: context.parameters.get("id") ?? "", actor: actor)
            let messages = try await store.type(named: TicketMessages.type.name)
            var body = JSONObject([
                ("ticket_id", .string(ticket.id)), ("kind", .string(posted.fields["kind"] ?? TicketMessages.Kind.publicReply.rawValue)),
                ("body", .string(posted.fields["body"] ?? "")),
            ])
            if let status = posted.fields["status_after"], !status.isEmpty { body["status_after"] = .string(status) }
            do {
                _ = try await store.create(messages, body: body, actor: actor)
            } catch RecordError.invalid(let errors) {
                let message = errors.map { user.fieldLabel(messages.field($0.field) ?? FieldSpec($0.field, .text(maxLength: 1))) + ": " + user.errorMessage($0) }.joined(separator: " ")
                return deps.renderApp("message_app", user: user, title: user.typeName(messages, one: true), values: ["message": message], status: .unprocessableContent)
            }
            return PageRenderer.redirect("/tickets/\(ticket.id)")
        }
    }
}
