import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/reports/{forecast,funnel,summary}?pipeline=ID`: sales figures over the deals
/// the caller may see, summed in the database.
struct ReportRoutes {
    let store: RecordStore

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("reports/forecast", use: forecast)
        group.get("reports/funnel", use: funnel)
        group.get("reports/summary", use: summary)
        group.get(":type/:id/stages", use: stages)
    }

    /// `GET /api/v1/deals/{id}/stages`: the deal's stage changes, oldest first.
    @Sendable func stages(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.parameters.get("type") == Deals.type.name else { throw HTTPError(.notFound) }
        let history = try await store.stageHistory(dealID: context.parameters.get("id") ?? "", actor: context.actor)
        return .json(.object(JSONObject([("data", .array(history.map { .object($0.json) })), ("next_cursor", .null)])))
    }

    func pipeline(_ request: Request) async throws -> String {
        var id: String?
        for (key, value) in try QueryString.parse(request.uri.query) {
            guard key == "pipeline" else {
                throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [FieldError(field: key, code: "unknown_parameter", message: "Reports take pipeline.")])
            }
            id = value
        }
        if let id {
            guard RecordID.isValid(id), try await !store.stages(pipelineID: id).isEmpty else { throw RecordError.notFound(type: "pipelines", id: id) }
            return id
        }
        return try await store.ensureDefaultPipeline()
    }

    static func money(_ minor: Int64, _ code: String) -> JSONValue {
        guard let c = Currency.named(code) else { return .null }
        return Money(minorUnits: minor, currency: c).json
    }

    @Sendable func forecast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try await pipeline(request)
        let rows = SalesReports.forecast(try await store.openDealGroups(pipelineID: id, actor: context.actor), stages: try await store.reportStages(pipelineID: id))
        return .json(.object(JSONObject([
            ("pipeline_id", .string(id)),
            ("rule", .string("weighted = Σ over stages of (open amount in the stage × stage probability), rounded half away from zero per stage")),
            ("data", .array(rows.map { r in .object(JSONObject([
                ("month", r.month.isEmpty ? .null : .string(r.month)), ("currency", .string(r.currency)), ("deals", .number(String(r.deals))),
                ("pipeline", Self.money(r.pipeline, r.currency)), ("weighted", Self.money(r.weighted, r.currency)),
            ])) })),
        ])))
    }

    @Sendable func funnel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try await pipeline(request)
        let counts = try await store.funnelCounts(pipelineID: id, actor: context.actor)
        let steps = SalesReports.funnel(entered: counts.entered, furthest: counts.furthest, stages: try await store.reportStages(pipelineID: id))
        return .json(.object(JSONObject([
            ("pipeline_id", .string(id)),
            ("data", .array(steps.map { s in .object(JSONObject([
                ("stage_id", .string(s.stageID)), ("stage", .string(s.name)), ("reached", .number(String(s.reached))),
                ("conversion", .number(String(format: "%.4f", s.conversion))),
            ])) })),
        ])))
    }

    @Sendable func summary(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try await pipeline(request)
        let s = try await store.salesSummary(pipelineID: id, actor: context.actor)
        return .json(.object(JSONObject([
            ("pipeline_id", .string(id)), ("open", .number(String(s.open))), ("won", .number(String(s.won))), ("lost", .number(String(s.lost))),
            ("win_rate", SalesReports.winRate(won: s.won, lost: s.lost).map { .number(String(format: "%.4f", $0)) } ?? .null),
            ("average_won_deal", .array(s.wonAmounts.sorted { $0.key < $1.key }.map { code, v in
                .object(JSONObject([("currency", .string(code)), ("deals", .number(String(v.count))), ("average", Self.money(v.count == 0 ? 0 : QuoteMath.round(Decimal(v.total) / Decimal(v.count)), code))]))
            })),
            ("median_cycle_days", s.medianCycleDays.map { .number(String(format: "%.1f", $0)) } ?? .null),
            ("lost_reasons", .array(s.lostReasons.map { .object(JSONObject([("reason", .string($0.reason)), ("deals", .number(String($0.count)))])) })),
        ])))
    }
}
