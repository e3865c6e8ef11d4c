import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/jobs`: what the background job system is doing, and the admin's two levers on
/// it — run a dead or cancelled job again, or cancel one that has not finished.
struct JobRoutes {
    let jobs: JobStore

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("jobs", use: list)
        group.get("jobs/:id", use: read)
        group.post("jobs/:id/retry", use: retry)
        group.post("jobs/:id/cancel", use: cancel)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("see background jobs")
        var state: Job.State?
        var limit = 100
        for (key, value) in try QueryString.parse(request.uri.query) {
            switch key {
            case "state":
                guard let s = Job.State(rawValue: value) else {
                    throw Problem.badRequest("Unknown job state '\(value)'.", errors: [
                        FieldError(field: "state", code: "invalid", message: "Use one of \(Job.State.allCases.map(\.rawValue).joined(separator: ", ")).")])
                }
                state = s
            case "limit":
                guard let n = Int(value), (1...500).contains(n) else {
                    throw Problem.badRequest("limit is 1 to 500.", errors: [FieldError(field: "limit", code: "invalid", message: "Use a number from 1 to 500.")])
                }
                limit = n
            default:
                throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [FieldError(field: key, code: "unknown", message: "Jobs are filtered by state and limit only.")])
            }
        }
        let found = try await jobs.list(state: state, limit: limit)
        return AccessRoutes.page(found.map(\.json))
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("see background jobs")
        let id = context.parameters.get("id") ?? ""
        guard let job = try await jobs.job(id: id) else { throw RecordError.notFound(type: "jobs", id: id) }
        return .json(.object(job.json))
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("retry background jobs")
        return .json(.object(try await jobs.retry(id: context.parameters.get("id") ?? "").json))
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.requireAdmin("cancel background jobs")
        return .json(.object(try await jobs.cancel(id: context.parameters.get("id") ?? "").json))
    }
}
