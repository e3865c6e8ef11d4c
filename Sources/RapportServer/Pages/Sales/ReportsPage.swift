import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/reports`: the sales figures as a page, with bar charts drawn on the server as SVG
/// (no chart library, nothing to download, readable without script).
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
            let requested = params.first { $0.0 == "pipeline" }?.1
            let by = params.first { $0.0 == "by" }.flatMap { QuotaReport.Grouping(rawValue: $0.1) } ?? .owner
            // An unknown pipeline falls back to the default one; with every pipeline deleted,
            // the page is empty rather than an error.
            let defaultID = try await store.defaultPipelineID() ?? ""
            var pipelineID = requested ?? defaultID
            var reportStages = try await store.reportStages(pipelineID: pipelineID)
            if reportStages.isEmpty, pipelineID != defaultID {
                pipelineID = defaultID
                reportStages = try await store.reportStages(pipelineID: pipelineID)
            }
            let openGroups = try await store.openDealGroups(pipelineID: pipelineID, actor: actor)
            let forecast = SalesReports.forecast(openGroups, stages: reportStages)
            let counts = try await store.funnelCounts(pipelineID: pipelineID, actor: actor)
            let funnel = SalesReports.funnel(furthest: counts, stages: reportStages)
            let summary = try await store.salesSummary(pipelineID: pipelineID, actor: actor)
            func money(_ minor: Int64, _ code: String) -> String {
                MoneyDisplay.format(minorUnits: minor, currency: code, language: user.language)
            }
            // One chart per currency: amounts in different currencies do not add up.
            let currencies = Array(Set(forecast.map(\.currency))).sorted()
            let charts: [[String: Any]] = currencies.map { code in
                let rows = forecast.filter { $0.currency == code && !$0.month.isEmpty }
                let bars = rows.map { (label: $0.month, value: Double($0.pipeline), second: Double($0.weighted), text: money($0.weighted, code) + " / " + money($0.pipeline, code)) }
                return ["currency": code, "svg": SVGChart.bars(bars, title: "\(user.t("forecast")) (\(code))"),
                        "rows": rows.map { ["month": $0.month, "weighted": money($0.weighted, code), "pipeline": money($0.pipeline, code), "deals": String($0.deals)] }]
            }
            let funnelBars = funnel.map { (label: user.setUpName($0.name), value: Double($0.reached), second: Double($0.reached), text: "\($0.reached) (\(user.percent($0.conversion)))") }
            let rate = SalesReports.winRate(won: summary.won, lost: summary.lost)
            let quota = try await quotaSection(by: by, user: user, actor: actor, money: money)
            let reasonNames = try await deps.store.lostReasons().map(\.name)
            var values: [String: Any] = [
                "charts": charts, "funnelSVG": SVGChart.bars(funnelBars, title: user.t("funnel")),
                "funnel": funnel.map { ["stage": user.setUpName($0.name), "reached": String($0.reached), "conversion": "\(user.percent($0.conversion))"] },
                "winRate": rate.map(user.percent) ?? "—", "won": String(summary.won), "lost": String(summary.lost), "open": String(summary.open),
                "cycle": summary.medianCycleDays.map { String(format: "%.1f", $0) } ?? "—",
                "averages": summary.wonAmounts.sorted { $0.key < $1.key }.map { code, v in ["value": money(SalesReports.averageWon(total: v.total, count: v.count), code)] },
                "reasons": summary.lostReasons.map { ["reason": $0.reason.isEmpty ? user.t("none") : user.lostReasonLabel($0.reason, names: reasonNames), "count": String($0.count)] },
                "velocity": SalesReports.velocities(open: openGroups, won: summary.wonAmounts, winRate: rate, cycleDays: summary.medianCycleDays).map {
                    ["value": money($0.perDay, $0.currency)]
                },
                "byOwner": by == .owner, "pipelineID": pipelineID,
            ]
            if let quota { values["quota"] = quota }
            return deps.renderApp("reports", user: user, title: user.t("reports"), values: values, current: "reports")
        }
    }
}

extension ReportsPage {
    /// Forecast against quota, per rep or team: the current month drawn as bars (won
    /// inside, won plus weighted open or the quota as the whole bar), and a table from two
    /// months back to three ahead, the window a sales meeting looks at.
    func quotaSection(by: QuotaReport.Grouping, user: PageUser, actor: Actor, money: (Int64, String) -> String) async throws -> [String: Any]? {
        let month = String(Timestamp.format(Date()).prefix(7))
        guard user.viewer.role.allows(.read, on: Quotas.type.name), let thisMonth = CalendarMonth(month) else { return nil }
        let rows = try await store.quotaReport(from: thisMonth.adding(-2), to: thisMonth.adding(3), by: by, actor: actor)
        var names: [String: String] = [:]
        if by == .owner { for u in try await deps.admin.users() { names[u.id] = u.name } } else {
            for t in try await deps.admin.directory.teams() { names[t.id] = t.name }
        }
        func percent(_ v: Double?) -> String { v.map(user.percent) ?? "—" }
        let current = rows.filter { $0.month == month }
        let bars = current.map { r in
            (label: r.currency, value: Double(max(r.quota ?? 0, r.won + r.weighted)), second: Double(r.won),
             text: [names[r.target] ?? "—", user.t("won_amount") + " " + money(r.won, r.currency), user.t("weighted") + " " + money(r.weighted, r.currency),
                    user.t("quota") + " " + (r.quota.map { money($0, r.currency) } ?? user.t("no_quota"))].joined(separator: " · "))
        }
        return [
            "month": month, "svg": current.isEmpty ? "" : SVGChart.bars(bars, title: user.t("quota_vs_forecast") + " " + month),
            "rows": rows.map { r in [
                "name": names[r.target] ?? "—", "month": r.month, "quota": r.quota.map { money($0, r.currency) } ?? user.t("no_quota"),
                "won": money(r.won, r.currency), "weighted": money(r.weighted, r.currency), "attainment": percent(r.attainment), "projected": percent(r.projected),
            ] },
            "has_rows": !rows.isEmpty,
        ]
    }
}

/// Horizontal bar charts as inline SVG: the first value is the full bar, the second a
/// darker bar inside it (weighted within pipeline), the text states both.
enum SVGChart {
    static func bars(_ bars: [(label: String, value: Double, second: Double, text: String)], title: String) -> String {
        let maxValue = max(bars.map(\.value).max() ?? 0, 1)
        let rowHeight = 44, labelWidth = 110, width = 640, barWidth = Double(width - labelWidth - 10)
        var out = ##"<svg class="chart" role="img" viewBox="0 0 \##(width) \##(max(1, bars.count) * rowHeight + 4)" xmlns="http://www.w3.org/2000/svg"><title>\##(escape(title))</title>"##
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight
            let full = barWidth * bar.value / maxValue
            let inner = barWidth * min(bar.second, bar.value) / maxValue
            out += ##"<text x="0" y="\##(y + 15)" font-size="13" fill="#1d2330">\##(escape(bar.label))</text>"##
            out += ##"<rect x="\##(labelWidth)" y="\##(y + 3)" width="\##(String(format: "%.1f", full))" height="14" fill="#b9c8ee"/>"##
            out += ##"<rect x="\##(labelWidth)" y="\##(y + 3)" width="\##(String(format: "%.1f", inner))" height="14" fill="#1f4fbf"/>"##
            out += ##"<text x="\##(labelWidth)" y="\##(y + 34)" font-size="12" fill="#1d2330">\##(escape(bar.text))</text>"##
        }
        return out + "</svg>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
