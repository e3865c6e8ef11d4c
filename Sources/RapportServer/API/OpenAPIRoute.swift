import Hummingbird
import RapportKit
import RapportStore

/// `GET /api/openapi.json`: without credentials, the built-in record types only, so an
/// admin's custom fields (their names say what a company tracks) are not published; to
/// a signed-in caller, the types their role may read with the fields it lets them see.
struct OpenAPIRoute {
    let store: RecordStore

    @Sendable func handle(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.identity != nil else {
            return .json(OpenAPIDocument.build(types: store.catalog.types, version: rapportVersion))
        }
        var types: [RecordType] = []
        for base in store.catalog.types where context.viewer?.role.allows(.read, on: base.name) ?? true {
            types.append(store.view(try await store.type(named: base.name), for: context.actor))
        }
        return .json(OpenAPIDocument.build(types: types, version: rapportVersion))
    }
}
