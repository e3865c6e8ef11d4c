import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RapportKit
import RapportStore

/// Gives every request an id and turns every error into problem+json: known errors keep
/// their status, anything unexpected is logged with the request id and answered 500
/// without details.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let catalog: RecordCatalog
    /// Take the client address from the last `X-Forwarded-For` entry: the one the proxy in
    /// front of Rapport added. Only when such a proxy exists, or clients could choose it.
    var behindProxy = false
    /// The API's paths and their methods, for 405 instead of 404 on a wrong method.
    var routes: RouteMethods? = nil

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = request.headers[.init("X-Request-Id")!].flatMap { $0.count <= 64 && $0.allSatisfy { $0.isASCII && !$0.isWhitespace } ? $0 : nil }
            ?? RecordID.make()
        let requestID = context.requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        if behindProxy, let forwarded = request.headers[.init("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty, last.count <= 45 {
            context.address = last
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let problem as Problem {
            response = problem.response(requestID: requestID, instance: request.uri.path)
        } catch let error as RecordError {
            response = Problem(error, catalog: catalog).response(requestID: requestID, instance: request.uri.path)
        } catch let error as DatabaseUnavailable {
            // Logged where it happened with SQLSTATE and statement; the client learns only
            // that it may retry.
            context.logger.warning("Database unavailable", metadata: ["request_id": "\(requestID)", "reason": "\(error.reason.rawValue)"])
            response = Problem(.serviceUnavailable, "Service unavailable", detail: "\(error.description) Try again in a moment.",
                               headers: [.retryAfter: "\(error.retryAfter)"])
                .response(requestID: requestID, instance: request.uri.path)
        } catch let error as HTTPResponseError where error.status == .notFound && routes?.allowed(request.uri.path).map({ !$0.contains(request.method.rawValue) }) == true {
            let allowed = routes?.allowed(request.uri.path) ?? []
            response = Problem(.methodNotAllowed, "Method not allowed", detail: "\(request.uri.path) answers \(allowed.joined(separator: ", ")).")
                .response(requestID: requestID, instance: request.uri.path)
            response.headers[.allow] = allowed.joined(separator: ", ")
        } catch let error as HTTPResponseError {
            let status = error.status
            let detail = status == .notFound ? "Nothing lives at \(request.uri.path)." : status.reasonPhrase
            response = Problem(status, status.reasonPhrase, detail: detail).response(requestID: requestID, instance: request.uri.path)
        } catch {
            context.logger.error("Unhandled error", metadata: ["request_id": "\(requestID)", "error": "\(error)"])
            response = Problem(.internalServerError, "Internal error", detail: "Something went wrong on our side; the request id identifies it in the server log.")
                .response(requestID: requestID, instance: request.uri.path)
        }
        response.headers[.init("X-Request-Id")!] = requestID
        return response
    }
}
