import Foundation
import NIOCore
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
        router.get(":type/report", use: TypeRoute.by([
            Tickets.type.name: ServiceReportPage(deps: deps).page, Partnerships.type.name: PartnerReportPage(deps: deps).page,
        ]))
        router.post(":type/:id/messages", use: TypeRoute.only(Tickets.type.name, send))
        router.post(":type/:id/macro", use: TypeRoute.only(Tickets.type.name, applyMacro))
        HeldMailPage(deps: deps).register(on: router)
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
            let held = user.viewer.role.allows(.create, on: tickets.name) ? try await TicketMailIntake(store: store).heldCount() : 0
            let formatter = ValueFormatter(user: user)
            let due = try await store.soonestDue(ticketIDs: records.map(\.id))
            let nowMillis = Timestamp.millis(now)
            let formats = SLATimeText.formats(user)
            var values: [String: Any] = [
                "view": chosen.rawValue, "pendingDays": String(days), "pendingView": chosen == .pendingTooLong, "ticketsLabel": user.typeName(tickets),
                "canCreate": user.viewer.role.allows(.create, on: tickets.name),
                "heldCount": held > 0 ? String(held) : false,
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
    /// empty body) says why, field by field, with a 422. When someone else wrote on the
    /// ticket after the newest message the sender had on screen, nothing is sent yet: the
    /// reply page shows the new messages above the sender's own text (409), and sending
    /// from there goes through.
    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await composerForm(request) { user, posted, files in
            let actor = user.actor(context)
            let ticket = try await store.get(try await store.type(named: Tickets.type.name), id: context.parameters.get("id") ?? "", actor: actor)
            let messages = try await store.type(named: TicketMessages.type.name)
            var body = JSONObject([
                ("ticket_id", .string(ticket.id)), ("kind", .string(posted.fields["kind"] ?? TicketMessages.Kind.publicReply.rawValue)),
                ("body", .string(posted.fields["body"] ?? "")),
            ])
            if let status = posted.fields["status_after"], !status.isEmpty { body["status_after"] = .string(status) }
            if posted.fields["confirm"] != "1" {
                let current = try await store.ticketMessages(ticketID: ticket.id, actor: actor)
                let unseen = TicketCollision.unseen(current.map { m in
                    TicketCollision.Message(id: m.id, mine: m.createdBy == user.user.id && m.fields["author_person_id"]?.stringValue == nil)
                }, seen: posted.fields["seen"] ?? "")
                if !unseen.isEmpty {
                    let draft = TicketReplyPage.Draft(kind: TicketMessages.Kind(rawValue: posted.fields["kind"] ?? "") ?? .publicReply, body: posted.fields["body"] ?? "",
                                                      statusAfter: posted.fields["status_after"], seen: current.last?.id ?? "", confirm: true)
                    let warning = user.t(unseen.count == 1 ? "svc_collision_one" : "svc_collision").replacingOccurrences(of: "%d", with: String(unseen.count))
                    return try await TicketReplyPage(deps: deps).render(ticket, user: user, actor: actor, draft: draft, warning: warning,
                                                                        newMessages: unseen.map { current[$0] }, status: .conflict)
                }
            }
            do {
                if files.isEmpty {
                    _ = try await store.create(messages, body: body, actor: actor)
                } else {
                    _ = try await store.createTicketMessage(body, files: files, blobs: deps.attachments.blobs, actor: actor)
                }
            } catch RecordError.invalid(let errors) {
                return refused(errors, messages, user, title: user.typeName(messages, one: true))
            }
            return PageRenderer.redirect("/tickets/\(ticket.id)")
        }
    }

    /// `POST /tickets/{id}/macro` with `macro`: the macro's fields are set on the ticket now
    /// (a refused change says why, 422, and changes nothing), and the reply page opens with
    /// the macro's reply in the requester's language, for the agent to edit and send.
    @Sendable func applyMacro(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await form(request) { user, posted in
            let actor = user.actor(context)
            let tickets = try await store.type(named: Tickets.type.name)
            let ticketID = context.parameters.get("id") ?? ""
            let applied: AppliedMacro
            do {
                applied = try await store.applyMacro(posted.fields["macro"] ?? "", ticketID: ticketID, actor: actor, agentName: user.user.name, agentLanguage: user.language)
            } catch RecordError.invalid(let errors) {
                return refused(errors, tickets, user, title: user.t("svc_macro"))
            }
            var formatter = ValueFormatter(user: user)
            try await formatter.prepare([applied.ticket], type: tickets, store: store, admin: deps.admin, actor: actor)
            let changes = applied.changed.keys.sorted().compactMap { name -> (label: String, value: String)? in
                guard let field = tickets.field(name) else { return nil }
                return (user.fieldLabel(field), formatter.text(applied.ticket.fields[name], field: field))
            }
            let messages = try await store.ticketMessages(ticketID: applied.ticket.id, actor: actor)
            let draft = TicketReplyPage.Draft(kind: applied.replyKind, body: applied.reply ?? "", statusAfter: applied.statusAfter?.rawValue, seen: messages.last?.id ?? "")
            let notice = user.t(changes.isEmpty ? "svc_macro_applied_nothing" : "svc_macro_applied").replacingOccurrences(of: "%@", with: applied.name)
            return try await TicketReplyPage(deps: deps).render(applied.ticket, user: user, actor: actor, draft: draft, notice: notice, changes: changes)
        }
    }

    /// A form posted from a ticket page by a signed-in user with its token; anything else
    /// ends as ``PageDependencies/signedInForm(_:)`` decides (sign-in, a refused token).
    private func form(_ request: Request, _ handle: (PageUser, PageDependencies.SignedInForm) async throws -> Response) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            switch try await deps.signedInForm(request) {
            case .proceed(let posted): return try await handle(user, posted)
            case .stop(let response): return response
            }
        }
    }

    /// The composer's post: a URL-encoded form, or a multipart one carrying files (each at
    /// most the attachment limit, together at most what one mail may carry). The form
    /// token is checked either way; files left over (a refusal, a collision) are removed.
    private func composerForm(_ request: Request, _ handle: (PageUser, PageDependencies.SignedInForm, [PendingFile]) async throws -> Response) async throws -> Response {
        guard MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") != nil else {
            return try await form(request) { user, posted in try await handle(user, posted, []) }
        }
        return try await RecordPages(deps: deps).page(request) { user in
            let tooLarge = FieldError(field: "file", code: "too_large", message: "A file may have at most \(deps.attachments.maxBytes >> 20) MB, and one message's files \(TicketMailIntake.maxBytes >> 20) MB.")
            switch try await FilesForm.read(request, blobs: deps.attachments.blobs, maxFileBytes: deps.attachments.maxBytes) {
            case nil, .failure(.unreadable): throw HTTPError(.badRequest)
            case .failure(.tooLarge):
                return refused([tooLarge], try await store.type(named: TicketMessages.type.name), user, title: user.t("svc_attach_files"))
            case .success(let form):
                defer { form.discard() }
                guard let sent = form.fields["_csrf"], SessionCookie.same(sent, user.session.csrfToken) else { return deps.refused(request, language: user.language) }
                let posted = PageDependencies.SignedInForm(session: user.session, fields: form.fields, values: [:], language: user.language, strings: user.strings)
                return try await handle(user, posted, form.files)
            }
        }
    }

    /// A write refused field by field, in the reader's words (422); nothing was changed.
    private func refused(_ errors: [FieldError], _ type: RecordType, _ user: PageUser, title: String) -> Response {
        let message = errors.map { user.fieldLabel(type.field($0.field) ?? FieldSpec($0.field, .text(maxLength: 1))) + ": " + user.errorMessage($0) }.joined(separator: " ")
        return deps.renderApp("message_app", user: user, title: title, values: ["message": message], status: .unprocessableContent)
    }
}
