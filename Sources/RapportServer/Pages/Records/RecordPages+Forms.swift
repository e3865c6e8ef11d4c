import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

extension RecordPages {
    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request) { user in
            let type = try await recordType(context)
            try store.require(.create, type, user.actor(context))
            // `?deal_id=…` from a deal's "add" link fills in the deal.
            var values = JSONObject()
            for (key, value) in try QueryString.parse(request.uri.query) {
                if case .reference = type.field(key)?.kind, RecordID.isValid(value) { values[key] = .string(value) }
            }
            return try await renderForm(user: user, context: context, type: type, record: nil, values: values, posted: nil, errors: [], formError: nil, status: .ok)
        }
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request) { user in
            let type = try await recordType(context)
            let actor = user.actor(context)
            try store.require(.update, type, actor)
            let record = try await store.get(type, id: context.parameters.get("id") ?? "", actor: actor)
            return try await renderForm(user: user, context: context, type: type, record: record, values: record.fields, posted: nil, errors: [], formError: nil, status: .ok)
        }
    }

    func renderForm(user: PageUser, context: AppRequestContext, type: RecordType, record: StoredRecord?, values: JSONObject, posted: [String: [String]]?, errors: [FieldError], formError: String?, status: HTTPResponse.Status) async throws -> Response {
        let actor = user.actor(context)
        let shown = store.view(type, for: actor)
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare(values: [record?.fields ?? values], type: type, store: store, admin: deps.admin, actor: actor)
        try await formatter.prepareChoices(type: shown, store: store, actor: actor)
        let users = try await deps.admin.users()
        let form = RecordForm(type: shown, user: user)
        let title = record.flatMap { r in shown.field(shown.titleField).map { formatter.text(r.fields[$0.name], field: $0) } } ?? ""
        var v: [String: Any] = [
            "heading": record == nil ? "\(user.t("new")): \(user.typeName(type, one: true))" : "\(user.t("edit")): \(title)",
            "action": record.map { "/\(type.name)/\($0.id)" } ?? "/\(type.name)",
            "cancel": record.map { "/\(type.name)/\($0.id)" } ?? "/\(type.name)",
            "inputs": form.inputs(values: values, posted: posted, errors: errors, users: users, owner: record?.ownerID, formatter: formatter),
        ]
        if let record { v["version"] = String(record.version) }
        if let formError { v["formError"] = formError } else if !errors.isEmpty { v["formError"] = user.t("form_errors") }
        return deps.renderApp("form", user: user, title: v["heading"] as? String ?? "", values: v, current: type.name, status: status)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await save(request, context: context, id: nil)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await save(request, context: context, id: context.parameters.get("id") ?? "")
    }

    /// Create and edit share one path: the posted form becomes the API's JSON, names typed
    /// into reference fields become ids (a new company is created when none matches), and
    /// the engine's field errors come back next to their inputs.
    func save(_ request: Request, context: AppRequestContext, id: String?) async throws -> Response {
        try await postPage(request, context) { user, type, posted in
            let actor = user.actor(context)
            let shown = store.view(type, for: actor)
            var existing: StoredRecord?
            if let id { existing = try await store.get(type, id: id, actor: actor) }
            var body = RecordForm(type: shown, user: user).body(posted.values, creating: id == nil)
            var errors: [FieldError] = []
            do {
                errors = try await resolveReferences(&body, type: shown, chosen: posted.values, actor: actor)
                if errors.isEmpty {
                    let saved: StoredRecord
                    if let existing {
                        saved = try await store.update(type, id: existing.id, body: body, ifMatch: posted.fields["_version"].flatMap { Int($0) }, actor: actor)
                    } else {
                        saved = try await store.create(type, body: body, actor: actor)
                    }
                    return PageRenderer.redirect("/\(type.name)/\(saved.id)?notice=\(existing == nil ? "created" : "saved")")
                }
            } catch RecordError.invalid(let e) {
                errors = e
            } catch RecordError.duplicate(let field, let value, _) {
                errors = [FieldError(field: field, code: "duplicate", message: "\(value) is taken.")]
            } catch RecordError.stale {
                return try await renderForm(user: user, context: context, type: type, record: existing, values: existing?.fields ?? JSONObject(), posted: posted.values, errors: [], formError: user.t("stale"), status: .preconditionFailed)
            }
            return try await renderForm(user: user, context: context, type: type, record: existing, values: existing?.fields ?? JSONObject(), posted: posted.values, errors: errors, formError: nil, status: .unprocessableContent)
        }
    }

    /// Reference fields given as a name: the record the form came with while its name is
    /// unchanged, else an exact title match the user can see, else a new record of that
    /// name when the user may create one.
    func resolveReferences(_ body: inout JSONObject, type: RecordType, chosen: [String: [String]], actor: Actor) async throws -> [FieldError] {
        var errors: [FieldError] = []
        for field in type.fields {
            guard case .reference(let targetName) = field.kind, let text = body[field.name]?.stringValue, !RecordID.isValid(text),
                  let target = try? await store.type(named: targetName) else { continue }
            if let id = chosen[field.name + "._id"]?.first, RecordID.isValid(id), try await store.titles(target, ids: [id], actor: actor)[id] == text {
                body[field.name] = .string(id)
                continue
            }
            guard case .success(let q) = ListQuery.parse([("filter[\(target.titleField)]", text), ("limit", "1")], type: target) else { continue }
            if let found = try await store.list(target, query: q, actor: actor).records.first {
                body[field.name] = .string(found.id)
            } else if actor.viewer.map({ $0.role.allows(.create, on: target.name) }) ?? true {
                let created = try await store.create(target, body: JSONObject([(target.titleField, .string(text))]), actor: actor)
                body[field.name] = .string(created.id)
            } else {
                errors.append(FieldError(field: field.name, code: "invalid_reference", message: "No match."))
            }
        }
        return errors
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await postPage(request, context) { user, type, _ in
            let id = context.parameters.get("id") ?? ""
            try await store.delete(type, id: id, ifMatch: nil, actor: user.actor(context))
            return PageRenderer.redirect("/\(type.name)?deleted=\(id)")
        }
    }

    @Sendable func restore(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await postPage(request, context) { user, type, _ in
            let restored = try await store.restore(type, id: context.parameters.get("id") ?? "", actor: user.actor(context))
            return PageRenderer.redirect("/\(type.name)/\(restored.id)?notice=restored")
        }
    }
}
