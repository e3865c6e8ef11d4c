import Foundation
import RapportKit
import RapportStore

extension ReportsPage {
    /// Forecast against quota, per rep or team: the current month drawn as bars (won
    /// inside, won plus weighted open or the quota as the whole bar), and a table from two
    /// months back to three ahead, the window a sales meeting looks at. The owner and team
    /// filters apply; the months are this window's own.
    func quotaSection(by: QuotaReport.Grouping, user: PageUser, actor: Actor, filter: ReportFilter, query: ReportQuery) async throws -> [String: Any]? {
        let month = String(ReportPeriod.today(deps.clock(), zone: user.timeZone).prefix(7))
        guard user.viewer.role.allows(.read, on: Quotas.type.name), let thisMonth = CalendarMonth(month) else { return nil }
        let rows = try await store.quotaReport(from: thisMonth.adding(-2), to: thisMonth.adding(3), by: by, actor: actor, filter: filter)
        var names: [String: String] = [:]
        if by == .owner { for u in try await deps.admin.users() { names[u.id] = u.name } } else {
            for t in try await deps.admin.directory.teams() { names[t.id] = t.name }
        }
        let money = ReportMoney(user: user)
        func percent(_ v: Double?) -> String { v.map(user.percent) ?? "—" }
        let current = rows.filter { $0.month == month }
        let bars = current.map { r in
            let heading = r.heading
            return BarChart.Bar(label: (names[r.target] ?? "—") + " · " + r.currency,
                                value: max(Double(r.quota ?? 0), Double(heading.value)), inner: Double(r.won),
                                text: [user.t("won_amount") + " " + money.text(r.won, r.currency, over: r.overflowed), user.t("weighted") + " " + money.text(r.weighted, r.currency, over: r.overflowed),
                                       user.t("quota") + " " + (r.quota.map { money.text($0, r.currency, over: r.overflowed) } ?? user.t("no_quota"))].joined(separator: " · "))
        }
        return [
            "month": PeriodLabel.month(month, language: user.language), "bars": BarChart.rows(bars),
            "rows": rows.map { r in [
                "name": names[r.target] ?? "—", "month": PeriodLabel.month(r.month, language: user.language),
                "quota": r.quota.map { money.text($0, r.currency, over: r.overflowed) } ?? user.t("no_quota"),
                "won": money.text(r.won, r.currency, over: r.overflowed), "weighted": money.text(r.weighted, r.currency, over: r.overflowed),
                "attainment": percent(r.attainment), "projected": percent(r.projected),
            ] },
            "has_rows": !rows.isEmpty,
        ]
    }
}
