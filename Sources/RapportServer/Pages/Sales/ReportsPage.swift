import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/reports`: the sales figures as a page, narrowed by the same filters as the API
/// (``ReportQuery``), which stay in the address so a filtered report can be shared and the
/// back button undoes a filter. Charts are HTML bars (``BarChart``), each with its table.
struct ReportsPage {
    let deps: PageDependencies
    var store: RecordStore { deps.store }

    func register(on router: Router<AppRequestContext>) {
        router.get("reports", use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let actor = user.actor(context)
            let params = try QueryString.parse(request.uri.query)
            let by = params.first { $0.0 == "by" }.flatMap { QuotaReport.Grouping(rawValue: $0.1) } ?? .owner
            var query = try ReportQuery.parse(params, today: ReportPeriod.today(deps.clock(), zone: user.timeZone), also: ["by"], presetWins: true)
            let filter = try await query.filter(store: store)
            // An unknown pipeline falls back to the default one; with every pipeline deleted,
            // the page is empty rather than an error.
            let defaultID = try await store.defaultPipelineID() ?? ""
            // The form always sends its pipeline; the default one is no filter to show or keep.
            if query.pipeline == defaultID { query.pipeline = nil }
            var pipelineID = query.pipeline ?? defaultID
            var reportStages = try await store.reportStages(pipelineID: pipelineID)
            if reportStages.isEmpty, pipelineID != defaultID {
                pipelineID = defaultID
                query.pipeline = nil
                reportStages = try await store.reportStages(pipelineID: pipelineID)
            }
            let openGroups = try await store.openDealGroups(pipelineID: pipelineID, actor: actor, filter: filter)
            let forecast = SalesReports.forecast(openGroups, stages: reportStages)
            let counts = try await store.funnelCounts(pipelineID: pipelineID, actor: actor, filter: filter)
            let funnel = SalesReports.funnel(furthest: counts, stages: reportStages)
            let summary = try await store.salesSummary(pipelineID: pipelineID, actor: actor, filter: filter)
            let money = ReportMoney(user: user)
            // One chart per currency: amounts in different currencies do not add up.
            let currencies = Array(Set(forecast.map(\.currency))).sorted()
            let charts: [[String: Any]] = currencies.map { code in
                let rows = forecast.filter { $0.currency == code && !$0.month.isEmpty }
                let bars = rows.map { r in
                    BarChart.Bar(label: PeriodLabel.month(r.month, language: user.language), value: Double(r.pipeline), inner: Double(r.weighted),
                                 text: user.t("weighted") + " " + money.text(r.weighted, code, over: r.overflowed) + " · " + user.t("pipeline_total") + " " + money.text(r.pipeline, code, over: r.overflowed))
                }
                return ["currency": code, "bars": BarChart.rows(bars),
                        "rows": rows.map { ["month": PeriodLabel.month($0.month, language: user.language), "weighted": money.text($0.weighted, code, over: $0.overflowed),
                                            "pipeline": money.text($0.pipeline, code, over: $0.overflowed), "deals": String($0.deals)] }]
            }
            let funnelBars = funnel.map { BarChart.Bar(label: user.setUpName($0.name), value: Double($0.reached), inner: Double($0.reached), text: "\($0.reached) · \(user.t("report_conversion")) \(user.percent($0.conversion))") }
            let rate = SalesReports.winRate(won: summary.won, lost: summary.lost)
            let quota = try await quotaSection(by: by, user: user, actor: actor, filter: ReportFilter(owners: filter.owners), query: query)
            let reasonNames = try await deps.store.lostReasons().map(\.name)
            let reasons = summary.lostReasons.map { (name: $0.reason.isEmpty ? user.t("none") : user.lostReasonLabel($0.reason, names: reasonNames), count: $0.count) }
            var values: [String: Any] = [
                "charts": charts, "funnelBars": BarChart.rows(funnelBars),
                "funnel": funnel.map { ["stage": user.setUpName($0.name), "reached": String($0.reached), "conversion": "\(user.percent($0.conversion))"] },
                "winRate": rate.map(user.percent) ?? "—", "won": String(summary.won), "lost": String(summary.lost), "open": String(summary.open),
                "cycle": summary.medianCycleDays.map { String(format: "%.1f", $0) } ?? "—",
                "averages": summary.wonAmounts.sorted { $0.key < $1.key }.map { code, v in ["value": money.text(SalesReports.averageWon(total: v.total, count: v.count), code)] },
                "reasons": reasons.map { ["reason": $0.name, "count": String($0.count)] },
                "reasonBars": BarChart.rows(reasons.map { BarChart.Bar(label: $0.name, value: Double($0.count), inner: Double($0.count), text: String($0.count)) }),
                "velocity": SalesReports.velocities(open: openGroups, won: summary.wonAmounts, winRate: rate, cycleDays: summary.medianCycleDays).map {
                    ["value": money.text($0.perDay, $0.currency)]
                },
                "byOwner": by == .owner, "byOwnerHref": Self.href(query, by: .owner) + "#r-quota", "byTeamHref": Self.href(query, by: .team) + "#r-quota",
            ]
            values.merge(try await filterValues(query, pipelineID: pipelineID, by: by, user: user, actor: actor)) { a, _ in a }
            if let quota { values["quota"] = quota }
            return deps.renderApp("reports", user: user, title: user.t("reports"), values: values, current: "reports")
        }
    }

    /// `/reports` with `query`'s filters and the quota grouping.
    static func href(_ query: ReportQuery, by: QuotaReport.Grouping = .owner) -> String {
        let pairs = query.pairs + (by == .team ? [("by", "team")] : [])
        return pairs.isEmpty ? "/reports" : "/reports?" + HomePage.query(pairs)
    }
}

/// Money on the reports page and Home in the reader's format, and a sum past Int64 said as
/// "more than" its bound instead of shown as exact.
struct ReportMoney {
    let user: PageUser

    func text(_ minor: Int64, _ code: String, over: Bool = false) -> String {
        let figure = MoneyDisplay.format(minorUnits: minor, currency: code, language: user.language)
        return over ? user.t("report_more_than").replacingOccurrences(of: "%@", with: figure) : figure
    }

    func text(_ total: MoneyTotal, _ code: String) -> String { text(total.value, code, over: total.overflowed) }
}
