import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/tickets/held`: mail from unknown senders that a group holds for review, oldest first,
/// each taken in (the person and ticket are made as they would have been) or discarded
/// (kept in the mail log, nothing made). For those who may open tickets.
struct HeldMailPage {
    let deps: PageDependencies
    var intake: TicketMailIntake { TicketMailIntake(store: deps.store, blobs: deps.attachments.blobs) }

    func register(on router: Router<AppRequestContext>) {
        router.get(":type/held", use: TypeRoute.only(Tickets.type.name, list))
        router.post(":type/held/:mail/accept", use: TypeRoute.only(Tickets.type.name, accept))
        router.post(":type/held/:mail/discard", use: TypeRoute.only(Tickets.type.name, discard))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            guard user.viewer.role.allows(.create, on: Tickets.type.name) else { throw RecordError.forbidden("Only those who open tickets review held mail.") }
            let formatter = ValueFormatter(user: user)
            let held = try await intake.held()
            let values: [String: Any] = [
                "held": held.map { m -> [String: Any] in
                    [
                        "id": m.id, "from": [m.fromName, "<\(m.fromAddress)>"].compactMap { $0 }.joined(separator: " "), "subject": m.subject ?? "",
                        "excerpt": m.excerpt, "when": formatter.instant(m.receivedAt), "at": m.receivedAt, "group": m.group ?? user.t("none"),
                        "acceptAction": "/tickets/held/\(m.id)/accept", "discardAction": "/tickets/held/\(m.id)/discard",
                    ]
                },
            ]
            return deps.renderApp("ticket_held", user: user, title: user.t("svc_held"), values: values, current: Tickets.type.name)
        }
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.post(request) { user, _ in
            guard let ticket = try await intake.release(mailID: context.parameters.get("mail") ?? "", actor: user.actor(context)) else {
                return PageRenderer.redirect("/tickets/held")
            }
            return PageRenderer.redirect("/tickets/\(ticket)")
        }
    }

    @Sendable func discard(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.post(request) { user, _ in
            _ = try await intake.discard(mailID: context.parameters.get("mail") ?? "", actor: user.actor(context))
            return PageRenderer.redirect("/tickets/held")
        }
    }
}

enum HeldMailTemplates: PageTemplateSet {
    static let all: [String: String] = ["ticket_held": held]

    static let held = """
        {{> head}}
        <div class="actions spread"><h1>{{t.svc_held}}</h1><div class="actions"><a class="button secondary" href="/tickets/queue">{{t.svc_views}}</a></div></div>
        <p class="meta report-hint">{{t.svc_held_hint}}</p>
        {{^has_held}}<p class="meta" id="held-empty">{{t.svc_held_empty}}</p>{{/has_held}}
        {{#has_held}}<ul class="thread" id="held-list">{{#held}}<li class="message requester" id="held-{{id}}">
        <div class="message-head"><strong>{{from}}</strong> <span class="chip">{{group}}</span> <time class="meta" datetime="{{at}}">{{when}}</time></div>
        <div><strong>{{subject}}</strong></div><div class="message-body">{{excerpt}}</div>
        <div class="actions"><form method="post" action="{{acceptAction}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">{{t.svc_held_accept}}</button></form>
        <form method="post" action="{{discardAction}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="secondary" type="submit">{{t.svc_held_discard}}</button></form></div>
        </li>{{/held}}</ul>{{/has_held}}
        {{> foot}}
        """
}
