import Hummingbird

/// A type's own routes under the generic `:type` segment: a fixed segment (`quotes`,
/// `tickets`) would shadow the record routes' `/{type}/{id}` in the router's tree, so the
/// route is generic and every other type answers 404.
enum TypeRoute {
    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    static func only(_ typeName: String, _ handler: @escaping Handler) -> Handler {
        { request, context in
            guard context.parameters.get("type") == typeName else { throw HTTPError(.notFound) }
            return try await handler(request, context)
        }
    }

    /// One route pattern shared by several types, each with its own handler (a quote's and
    /// a joint review's print page); 404 for any other type.
    static func by(_ handlers: [String: Handler]) -> Handler {
        { request, context in
            guard let handler = handlers[context.parameters.get("type") ?? ""] else { throw HTTPError(.notFound) }
            return try await handler(request, context)
        }
    }
}
