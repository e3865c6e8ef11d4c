import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// One access-log line and the HTTP metrics per request: method, route pattern (not the
/// raw path, which may hold ids, and never the query string, which may hold secrets),
/// status, duration and the user. Bodies and headers are never logged.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let logger: Logger
    let metrics = HTTPMetrics()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let trace = RequestTrace()
        let started = ContinuousClock.now
        var status = HTTPResponse.Status.internalServerError
        var requestID: String?
        defer {
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            // Unmatched paths share one label so scanners cannot grow the series.
            let route = context.endpointPath ?? "unmatched"
            let method = request.method.rawValue
            metrics.record(method: method, route: route, status: status.code,
                           nanoseconds: elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
            logger.info("request", metadata: [
                "request_id": .string(requestID ?? "-"), "method": .string(method), "route": .string(route), "status": .stringConvertible(status.code),
                "duration_ms": .string(String(format: "%.1f", ms)), "user_id": .string(trace.userID ?? "-"),
            ])
        }
        let response = try await RequestTrace.$current.withValue(trace) { try await next(request, context) }
        status = response.status
        requestID = response.headers[.init("X-Request-Id")!]
        return response
    }
}
