import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/fields`: custom fields admins add to record types at run time.
struct FieldRoutes {
    let store: RecordStore

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("fields", use: list)
        group.post("fields", use: create)
        group.delete("fields/:id", use: delete)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var type: String?
        for (key, value) in try QueryString.parse(request.uri.query) {
            guard key == "record_type" else {
                throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [FieldError(field: key, code: "unknown_parameter", message: "Filter with record_type.")])
            }
            type = value
        }
        let defs = try await store.customFieldDefinitions(type: type)
        return .json(.object(JSONObject([("data", .array(defs.map { .object($0.json) })), ("next_cursor", .null)])))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("change custom fields")
        let body = try await request.jsonObject(context: context)
        let def = try await store.addCustomField(body, actor: context.actor)
        return .json(.object(def.json), status: .created, headers: [.location: "/api/v1/fields/\(def.id)"])
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("change custom fields")
        try await store.removeCustomField(id: context.parameters.get("id") ?? "", actor: context.actor)
        return Response(status: .noContent)
    }

}
