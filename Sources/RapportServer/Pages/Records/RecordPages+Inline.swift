import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// Editing one field in place, on a list's cell or a record's details: the editor is the
/// edit form's own input for that field (pickers, typeahead and all), and the save goes
/// through the same engine update as the form and the API's PATCH, with the row's ETag as
/// `If-Match`, so a value changed by someone else meanwhile is refused, never overwritten.
/// Without script none of this is used: the edit form stays.
extension RecordPages {
    func registerInline(on router: Router<AppRequestContext>) {
        router.get(":type/:id/field/:name", use: inlineEditor)
        router.post(":type/:id/field/:name", use: inlineSave)
    }

    /// The fields `user` may change in place on `type`: those the edit form offers
    /// (never derived, hidden or list-of-reference fields), and the owner when the type has
    /// one; none without the right to update.
    static func inlineFields(_ shown: RecordType, user: PageUser) -> Set<String> {
        guard user.viewer.role.allows(.update, on: shown.name) else { return [] }
        var names = Set(RecordForm(type: shown, user: user).fields.map(\.name))
        names.remove(shown.titleField)
        if shown.hasOwner { names.insert("owner_id") }
        return names
    }

    /// `GET /{type}/{id}/field/{name}`: the editor of one field, as a fragment for the page's
    /// script to put in place of the value.
    @Sendable func inlineEditor(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        do {
            let type = try await recordType(context)
            let actor = user.actor(context)
            let shown = store.view(type, for: actor)
            let name = context.parameters.get("name") ?? ""
            let record = try await store.get(type, id: context.parameters.get("id") ?? "", actor: actor)
            guard Self.inlineFields(shown, user: user).contains(name) else { throw RecordError.forbidden("This field cannot be changed here.") }
            var formatter = ValueFormatter(user: user)
            try await formatter.prepare(values: [record.fields], type: type, store: store, admin: deps.admin, actor: actor)
            try await formatter.prepareChoices(type: shown, store: store, actor: actor)
            let users = try await deps.admin.users()
            let inputs = RecordForm(type: shown, user: user).inputs(values: record.fields, posted: nil, errors: [], users: users, owner: record.ownerID, formatter: formatter)
            guard var input = inputs.first(where: { $0["name"] as? String == name }) else { throw RecordError.forbidden("This field cannot be changed here.") }
            // One editor open at a time, under ids no other part of a page uses.
            input["id"] = "inline-\(name)"
            input["inline"] = true
            return deps.renderer.render("inline_field", language: user.language, title: "", values: [
                "input": input, "csrf": user.session.csrfToken, "action": "/\(type.name)/\(record.id)/field/\(name)", "version": String(record.version),
            ])
        } catch let error as RecordError {
            return inlineProblem(error, user: user, field: context.parameters.get("name") ?? "", request: request, context: context)
        }
    }

    /// `POST /{type}/{id}/field/{name}`: saves one field. Answers JSON for the script: the
    /// value as the page shows it and the new ETag, or a problem whose `detail` and field
    /// message are in the user's language.
    @Sendable func inlineSave(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return PageRenderer.redirect("/signin") }
        let name = context.parameters.get("name") ?? ""
        do {
            let type = try await recordType(context)
            let actor = user.actor(context)
            let shown = store.view(type, for: actor)
            let posted: PageDependencies.SignedInForm
            switch try await deps.signedInForm(request) {
            case .proceed(let p): posted = p
            case .stop(let response): return response
            }
            guard Self.inlineFields(shown, user: user).contains(name) else {
                throw RecordError.forbidden("This field cannot be changed here.")
            }
            let ifMatch = try RecordRoutes.ifMatch(request) ?? posted.fields["_version"].flatMap { Int($0) }
            let formBody = RecordForm(type: shown, user: user).body(posted.values, creating: false)
            var body = JSONObject([(name, formBody[name] ?? .null)])
            if name == "owner_id", body["owner_id"]?.isNull == true {
                throw RecordError.invalid([FieldError(field: "owner_id", code: "required", message: "Choose an owner.")])
            }
            let unresolved = try await resolveReferences(&body, type: shown, chosen: posted.values, actor: actor)
            if !unresolved.isEmpty { throw RecordError.invalid(unresolved) }
            let saved = try await store.update(type, id: context.parameters.get("id") ?? "", body: body, ifMatch: ifMatch, actor: actor)
            var formatter = ValueFormatter(user: user)
            try await formatter.prepare([saved], type: type, store: store, admin: deps.admin, actor: actor)
            let field = name == "owner_id" ? Self.systemColumns.first { $0.name == "owner_id" } : shown.field(name)
            let value: JSONValue? = name == "owner_id" ? saved.ownerID.map(JSONValue.string) : saved.fields[name]
            let parts = field.map { formatter.parts(value, field: $0) } ?? []
            let html = ValuePart.html(parts)
            return Response.json(.object(JSONObject([
                ("html", .string(html.isEmpty ? "—" : html)), ("etag", .string(saved.etag)), ("version", .number(String(saved.version))),
            ])), headers: [.eTag: saved.etag])
        } catch let error as RecordError {
            return inlineProblem(error, user: user, field: name, request: request, context: context)
        } catch let problem as Problem {
            return problem.response(requestID: context.requestID, instance: request.uri.path)
        }
    }

    /// The engine's refusal as problem+json, in the user's language: what the cell shows.
    func inlineProblem(_ error: RecordError, user: PageUser, field: String, request: Request, context: AppRequestContext) -> Response {
        var problem = Problem(error, catalog: store.catalog)
        switch error {
        case .stale: problem.detail = user.t("inline_stale")
        case .invalid(let errors):
            problem.errors = errors.map { FieldError(field: $0.field, code: $0.code, message: user.errorMessage($0)) }
            problem.detail = problem.errors.first?.message ?? user.t("error.invalid")
        case .duplicate(let f, let value, _):
            problem.errors = [FieldError(field: f, code: "duplicate", message: user.errorMessage(FieldError(field: f, code: "duplicate", message: "\(value) is taken.")))]
            problem.detail = problem.errors[0].message
        case .forbidden: problem.detail = user.t("error.forbidden")
        case .notFound: problem.detail = user.t("not_found")
        default: problem.detail = user.t("error.invalid")
        }
        return problem.response(requestID: context.requestID, instance: request.uri.path)
    }
}
