import Foundation
import HTTPTypes
import Hummingbird
import RapportStore

/// Requires `Authorization: Bearer <token>` on the API and refuses writes with read-only
/// tokens before any handler runs.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let tokens: TokenStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"rapport\""]
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw Problem(.unauthorized, "Unauthorized", detail: "Send Authorization: Bearer <token>; create one with `rapport token create`.", headers: challenge)
        }
        let token = String(header.dropFirst(7)).trimmedWhitespace
        guard let identity = try await tokens.authenticate(token) else {
            throw Problem(.unauthorized, "Unauthorized", detail: "The token is unknown, revoked or expired.", headers: challenge)
        }
        if !identity.canWrite, request.method != .get, request.method != .head {
            throw Problem(.forbidden, "Forbidden", detail: "This token may only read.")
        }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }
}
