import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/reports/{forecast,funnel,summary}?pipeline=ID` and `/api/v1/reports/quota`:
/// sales figures over the deals the caller may see, summed in the database.
struct ReportRoutes {
    let store: RecordStore
    var clock: @Sendable () -> Date = { Date() }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("reports/forecast", use: forecast)
        group.get("reports/funnel", use: funnel)
        group.get("reports/summary", use: summary)
        group.get("reports/quota", use: quota)
    }

    /// The pipeline and filters of a forecast, funnel or summary request (``ReportQuery``);
    /// preset periods are days in the caller's time zone (UTC when they set none).
    func scope(_ request: Request, _ context: AppRequestContext) async throws -> (pipeline: String, filter: ReportFilter, query: ReportQuery) {
        var zone = TimeZone(identifier: "UTC")!
        if let userID = context.actor.userID, let name = try await store.userTimeZone(id: userID), let own = TimeZone(identifier: name) { zone = own }
        let query = try ReportQuery.parse(try QueryString.parse(request.uri.query), today: ReportPeriod.today(clock(), zone: zone))
        let filter = try await query.filter(store: store)
        if let id = query.pipeline {
            guard RecordID.isValid(id), try await !store.stages(pipelineID: id).isEmpty else { throw RecordError.notFound(type: "pipelines", id: id) }
            return (id, filter, query)
        }
        guard let id = try await store.defaultPipelineID() else { throw RecordError.notFound(type: "pipelines", id: "default") }
        return (id, filter, query)
    }

    /// The resolved filters, echoed so a reader sees which days a preset meant.
    static func filters(_ q: ReportQuery) -> JSONValue {
        .object(JSONObject([
            ("close_from", q.days?.from.map(JSONValue.string) ?? .null), ("close_to", q.days?.to.map(JSONValue.string) ?? .null),
            ("owner", q.owner.map(JSONValue.string) ?? .null), ("team", q.team.map(JSONValue.string) ?? .null),
        ]))
    }

    /// Shares and rates as JSON numbers with four decimals (0.4778), null when undefined.
    static func ratio(_ v: Double?) -> JSONValue { v.map { .number(String(format: "%.4f", $0)) } ?? .null }

    static func money(_ minor: Int64, _ code: String) -> JSONValue {
        guard let c = Currency.named(code) else { return .null }
        return Money(minorUnits: minor, currency: c).json
    }

    @Sendable func forecast(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, filter, query) = try await scope(request, context)
        let rows = SalesReports.forecast(try await store.openDealGroups(pipelineID: id, actor: context.actor, filter: filter), stages: try await store.reportStages(pipelineID: id))
        var body = JSONObject([
            ("pipeline_id", .string(id)), ("filters", Self.filters(query)),
            ("rule", .string("weighted = Σ over stages of (open amount in the stage × stage probability), rounded half away from zero per stage")),
            ("data", .array(rows.map { r in .object(JSONObject([
                ("month", r.month.isEmpty ? .null : .string(r.month)), ("currency", .string(r.currency)), ("deals", .number(String(r.deals))),
                ("pipeline", Self.money(r.pipeline, r.currency)), ("weighted", Self.money(r.weighted, r.currency)),
                ("overflow", .bool(r.overflowed)),
            ])) })),
        ])
        OmittedFigures.note(try await store.hiddenInputs(["deals.amount", "deals.stage_id"], actor: context.actor), in: &body)
        return .json(.object(body))
    }

    @Sendable func funnel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, filter, query) = try await scope(request, context)
        let counts = try await store.funnelCounts(pipelineID: id, actor: context.actor, filter: filter)
        let steps = SalesReports.funnel(furthest: counts, stages: try await store.reportStages(pipelineID: id))
        var body = JSONObject([
            ("pipeline_id", .string(id)), ("filters", Self.filters(query)),
            ("data", .array(steps.map { s in .object(JSONObject([
                ("stage_id", .string(s.stageID)), ("stage", .string(s.name)), ("reached", .number(String(s.reached))),
                ("conversion", Self.ratio(s.conversion)),
            ])) })),
        ])
        OmittedFigures.note(try await store.hiddenInputs(["deals.stage_id"], actor: context.actor), in: &body)
        return .json(.object(body))
    }

    /// `GET /api/v1/reports/quota?from=2026-01&to=2026-12&by=owner|team`: per rep or team
    /// and month, won and weighted open amounts against the quota (this year by default).
    @Sendable func quota(_ request: Request, context: AppRequestContext) async throws -> Response {
        let year = Int(Timestamp.format(Date()).prefix(4)) ?? 2026
        var from = CalendarMonth(year: year, month: 1), to = CalendarMonth(year: year, month: 12), by = QuotaReport.Grouping.owner
        for (key, value) in try QueryString.parse(request.uri.query) {
            switch key {
            case "from", "to":
                guard let month = CalendarMonth(value) else { throw Problem.badRequest("'\(key)' is a month written YYYY-MM.", errors: [FieldError(field: key, code: "invalid_month", message: "A month such as 2026-11.")]) }
                if key == "from" { from = month } else { to = month }
            case "by":
                guard let g = QuotaReport.Grouping(rawValue: value) else { throw Problem.badRequest("'by' is owner or team.", errors: [FieldError(field: key, code: "invalid_choice", message: "owner or team")]) }
                by = g
            default:
                throw Problem.badRequest("Unknown query parameter '\(key)'.", errors: [FieldError(field: key, code: "unknown_parameter", message: "The quota report takes from, to and by.")])
            }
        }
        let months = CalendarMonth.range(from, to)
        guard !months.isEmpty, months.count <= 36 else {
            throw Problem.badRequest("'from' comes before 'to', at most 36 months apart.", errors: [FieldError(field: "to", code: "out_of_range", message: "Up to 36 months.")])
        }
        let rows = try await store.quotaReport(from: from, to: to, by: by, actor: context.actor)
        var body = JSONObject([
            ("from", .string(from.text)), ("to", .string(to.text)), ("by", .string(by.rawValue)),
            ("rule", .string("weighted = Σ over stages of (open amount closing in the month × stage probability), rounded half away from zero per stage; attainment = won ÷ quota; projected = (won + weighted) ÷ quota")),
            ("data", .array(rows.map { r in .object(JSONObject([
                (by == .owner ? "user_id" : "team_id", .string(r.target)), ("month", .string(r.month)), ("currency", .string(r.currency)),
                ("quota", r.quota.map { Self.money($0, r.currency) } ?? .null), ("won", Self.money(r.won, r.currency)),
                ("weighted", Self.money(r.weighted, r.currency)), ("attainment", Self.ratio(r.attainment)), ("projected", Self.ratio(r.projected)),
            ])) })),
        ])
        OmittedFigures.note(try await store.hiddenInputs(["deals.amount"], actor: context.actor), in: &body)
        return .json(.object(body))
    }

    @Sendable func summary(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, filter, query) = try await scope(request, context)
        let s = try await store.salesSummary(pipelineID: id, actor: context.actor, filter: filter)
        let open = try await store.openDealGroups(pipelineID: id, actor: context.actor, filter: filter)
        let rate = SalesReports.winRate(won: s.won, lost: s.lost)
        var body = JSONObject([
            ("pipeline_id", .string(id)), ("filters", Self.filters(query)), ("open", .number(String(s.open))), ("won", .number(String(s.won))), ("lost", .number(String(s.lost))),
            ("win_rate", Self.ratio(rate)),
            ("average_won_deal", .array(s.wonAmounts.sorted { $0.key < $1.key }.map { code, v in
                .object(JSONObject([("currency", .string(code)), ("deals", .number(String(v.count))), ("average", Self.money(SalesReports.averageWon(total: v.total, count: v.count), code))]))
            })),
            ("median_cycle_days", s.medianCycleDays.map { .number(String(format: "%.1f", $0)) } ?? .null),
            ("velocity_per_day", .array(SalesReports.velocities(open: open, won: s.wonAmounts, winRate: rate, cycleDays: s.medianCycleDays).map {
                .object(JSONObject([("currency", .string($0.currency)), ("amount", Self.money($0.perDay, $0.currency))]))
            })),
            ("lost_reasons", .array(s.lostReasons.map { .object(JSONObject([("reason", .string($0.reason)), ("deals", .number(String($0.count)))])) })),
        ])
        OmittedFigures.note(try await store.hiddenInputs(["deals.amount", "deals.lost_reason", "deals.stage_id"], actor: context.actor), in: &body)
        return .json(.object(body))
    }
}
