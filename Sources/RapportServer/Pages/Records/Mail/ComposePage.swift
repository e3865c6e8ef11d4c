import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportMail
import RapportStore

/// `GET /{type}/{id}/email` writes an email from a record's page and `POST` sends it: the
/// message goes to the outbox and an `email` activity onto the timelines of the record and
/// the people it goes to, in one transaction (``RecordStore/sendEmail``). Templates fill
/// merge fields with fallbacks in the reader's language; without script a template is
/// chosen by a link.
struct ComposePage {
    let deps: PageDependencies
    var store: RecordStore { deps.store }
    static let templates = ["followup", "quote"]

    func register(on router: Router<AppRequestContext>) {
        router.get(":type/:id/email", use: form)
        router.post(":type/:id/email", use: send)
    }

    struct Context {
        var type: RecordType
        var record: StoredRecord
        var people: [StoredRecord]
        var values: [String: String]
        var title: String
    }

    func load(_ user: PageUser, _ context: AppRequestContext) async throws -> Context {
        let type = try await store.type(named: context.parameters.get("type") ?? "")
        guard let action = ComposeEmailAction.registered(for: type) else { throw HTTPError(.notFound) }
        guard user.viewer.role.allows(.create, on: Activities.type.name) else { throw RecordError.forbidden("create activities") }
        let actor = user.actor(context)
        let record = try await store.get(type, id: context.parameters.get("id") ?? "", actor: actor)
        let people = try await action.recipients.people(of: record, store: store, actor: actor).filter { !Self.addresses($0).isEmpty }
        var values = try await action.recipients.values(of: record, store: store, actor: actor)
        values["user.name"] = user.user.name
        // One person addressed: their name; several: the template's fallback greets them all.
        if people.count == 1 { values["person.name"] = people[0].fields["display_name"]?.stringValue }
        let shown = store.view(type, for: actor)
        let title = record.fields[shown.titleField]?.stringValue ?? user.typeName(type, one: true)
        return Context(type: type, record: record, people: people, values: values, title: title)
    }

    static func addresses(_ person: StoredRecord) -> [String] {
        (person.fields["emails"]?.arrayValue ?? []).compactMap { $0.objectValue?["address"]?.stringValue ?? $0.stringValue }
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let c = try await load(user, context)
            let chosen = try QueryString.parse(request.uri.query).first { $0.0 == "template" }?.1
            let template = chosen.flatMap { Self.templates.contains($0) ? $0 : nil }
            let to = c.people.compactMap { Self.addresses($0).first }.joined(separator: ", ")
            // Filled at once, so the rep reads what will be sent; fields typed later are filled on send.
            let subject = template.map { MailTemplate.render(user.t("compose_tpl_\($0)_subject"), values: c.values) } ?? ""
            let body = template.map { MailTemplate.render(user.t("compose_tpl_\($0)_body"), values: c.values) } ?? ""
            return render(user, c, to: to, subject: subject, body: body, template: template, errors: [:], formError: nil, status: .ok)
        }
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let form: PageDependencies.SignedInForm
            switch try await deps.signedInForm(request) {
            case .proceed(let posted): form = posted
            case .stop(let response): return response
            }
            let c = try await load(user, context)
            let to = form.fields["to"] ?? "", subject = form.fields["subject"] ?? "", body = form.fields["body"] ?? ""
            var errors: [String: String] = [:]
            var recipients: [String] = []
            for piece in to.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline }) {
                let typed = piece.trimmedWhitespace
                guard !typed.isEmpty else { continue }
                guard let address = Email.normalize(typed) else {
                    errors["to"] = user.t("compose_error_address").replacingOccurrences(of: "%@", with: typed)
                    break
                }
                if !recipients.contains(address) { recipients.append(address) }
            }
            if recipients.isEmpty && errors["to"] == nil { errors["to"] = user.t("compose_error_no_recipient") }
            if subject.trimmedWhitespace.isEmpty { errors["subject"] = user.t("compose_error_subject") }
            guard errors.isEmpty else {
                return render(user, c, to: to, subject: subject, body: body, template: nil, errors: errors, formError: nil, status: .unprocessableContent)
            }
            // The people among the record's whose address is written: their timelines show it.
            let people = c.people.filter { person in Self.addresses(person).contains { recipients.contains(Email.normalize($0) ?? "") } }.map(\.id)
            let draft = MailOutbox.Draft(to: recipients.map { MailAddress(address: $0) }, subject: MailTemplate.render(subject, values: c.values),
                                         text: MailTemplate.render(body, values: c.values))
            let outbox = MailOutbox(db: store.db, cipher: store.cipher)
            do {
                _ = try await store.sendEmail(draft, outbox: outbox, about: (c.type.name, c.record.id), people: people, at: Date(), actor: user.actor(context))
            } catch RecordError.conflict {
                let message = user.t(user.viewer.role.isAdmin ? "compose_error_not_set_up_admin" : "compose_error_not_set_up")
                return render(user, c, to: to, subject: subject, body: body, template: nil, errors: [:], formError: message, status: .conflict)
            } catch RecordError.invalid(let fieldErrors) {
                for e in fieldErrors { errors[e.field == "text" ? "body" : e.field] = user.errorMessage(e) }
                return render(user, c, to: to, subject: subject, body: body, template: nil, errors: errors, formError: nil, status: .unprocessableContent)
            }
            return PageRenderer.redirect("/\(c.type.name)/\(c.record.id)?notice=email_queued")
        }
    }

    func render(_ user: PageUser, _ c: Context, to: String, subject: String, body: String, template: String?, errors: [String: String],
                formError: String?, status: HTTPResponse.Status) -> Response {
        let base = "/\(c.type.name)/\(c.record.id)/email"
        var values: [String: Any] = [
            "heading": user.t("compose_heading").replacingOccurrences(of: "%@", with: c.title), "action": base,
            "to": to, "subject": subject, "body": body, "backHref": "/\(c.type.name)/\(c.record.id)", "backTitle": c.title,
            "templates": [["label": user.t("compose_tpl_blank"), "href": base, "current": template == nil]]
                + Self.templates.map { ["label": user.t("compose_tpl_\($0)"), "href": base + "?template=" + $0, "current": template == $0] as [String: Any] },
            "fields": MailTemplate.fields.map { ["name": "{{" + $0 + "}}", "value": c.values[$0] ?? "—"] as [String: Any] },
            "people": c.people.map { p in ["name": p.fields["display_name"]?.stringValue ?? "", "email": Self.addresses(p).first ?? ""] as [String: Any] },
        ]
        for (field, message) in errors { values["\(field)Error"] = message }
        if let formError { values["formError"] = formError }
        return deps.renderApp("compose", user: user, title: user.t("compose_title"), values: values, current: c.type.name, status: status)
    }
}
