import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/teams/{id}/form`: which ticket fields a group's public form asks for (the same
/// list as Settings → Teams), with the fields it could ask for beside it.
struct WebFormFieldRoutes {
    let store: RecordStore
    var fields: WebFormFields { WebFormFields(store: store) }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("teams/:id/form", use: read)
        group.put("teams/:id/form", use: replace)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("read a form's fields")
        let team = context.parameters.get("id") ?? ""
        guard RecordID.isValid(team), try await store.db.read({ s in try await !s.query("SELECT id FROM teams WHERE id = \(team)").isEmpty }) else {
            throw RecordError.notFound(type: "teams", id: team)
        }
        return try await answer(fields.chosen(team: team))
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("choose a form's fields")
        let team = context.parameters.get("id") ?? ""
        guard RecordID.isValid(team) else { throw RecordError.notFound(type: "teams", id: team) }
        let body = try await request.jsonObject(context: context)
        if let extra = body.keys.first(where: { $0 != "fields" }) {
            throw RecordError.invalid([FieldError(field: extra, code: "unknown_field", message: "Send only `fields`.")])
        }
        return try await answer(fields.replace(team: team, body["fields"], actor: context.actor))
    }

    private func answer(_ chosen: [FieldSpec]) async throws -> Response {
        let eligible = try await fields.eligible()
        return .json(.object(JSONObject([
            ("fields", .array(chosen.map { .string($0.name) })), ("eligible", .array(eligible.map { .string($0.name) })),
        ])))
    }
}
