import HTTPTypes
import Hummingbird

/// Headers every response carries, errors included: browsers must not guess a content
/// type (an uploaded CSV or a JSON error rendered as HTML), and links followed from
/// Rapport's pages must not tell other sites which record was open.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headers: HTTPFields {
        [.init("X-Content-Type-Options")!: "nosniff", .init("Referrer-Policy")!: "same-origin"]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        for field in Self.headers { response.headers[field.name] = field.value }
        return response
    }
}
