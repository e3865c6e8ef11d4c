import Foundation
import RapportKit
import RapportStore

extension HomePage {
    /// Per rep of the team the user sees (a manager's members, or everyone for a role that
    /// sees all deals), over the default pipeline and this quarter's close dates: open
    /// pipeline per currency, won this quarter per currency, win rate, median days to win,
    /// and this month's quota attained. Each row links to the report with exactly these
    /// filters, which shows the same figures. Empty for a rep who sees only their own.
    func teamRows(user: PageUser, actor: Actor, deals: RecordType, today: String, money: ReportMoney) async throws -> [[String: Any]] {
        let visible = actor.viewer?.visibleOwners(deals)
        let users = try await deps.admin.users().filter { visible?.contains($0.id) ?? true }.sorted { $0.name < $1.name }
        guard users.count > 1, let pipelineID = try await store.defaultPipelineID() else { return [] }
        let stages = try await store.reportStages(pipelineID: pipelineID)
        let quarter = ReportPeriod.thisQuarter.days(today: today)!
        let month = CalendarMonth(String(today.prefix(7)))!
        var attained: [String: [String]] = [:]
        if user.viewer.role.allows(.read, on: Quotas.type.name) {
            for row in try await store.quotaReport(from: month, to: month, by: .owner, actor: actor) {
                if let a = row.attainment { attained[row.target, default: []].append(user.percent(a) + " " + row.currency) }
            }
        }
        // Bounded: a page shows at most 20 reps; the report has the rest. Their figures
        // come from one grouped query each, not from every rep's own report.
        let reps = Array(users.prefix(20))
        let filter = ReportFilter(closeFrom: quarter.from, closeTo: quarter.to, owners: Set(reps.map(\.id)))
        let openByRep = try await store.openDealGroupsByOwner(pipelineID: pipelineID, actor: actor, filter: filter)
        let summaries = try await store.salesSummariesByOwner(pipelineID: pipelineID, actor: actor, filter: filter)
        var out: [[String: Any]] = []
        for rep in reps {
            let open = SalesReports.forecast(openByRep[rep.id] ?? [], stages: stages)
            var openTotals: [String: MoneyTotal] = [:]
            for row in open { openTotals[row.currency, default: MoneyTotal()].add(MoneyTotal(row.pipeline, overflowed: row.overflowed)) }
            let summary = summaries[rep.id] ?? SalesSummary()
            out.append([
                "name": rep.name, "href": ReportsPage.href(ReportQuery(period: .thisQuarter, owner: rep.id)),
                "open": openTotals.keys.sorted().map { ["value": money.text(openTotals[$0]!, $0)] },
                "won": summary.wonAmounts.keys.sorted().map { ["value": money.text(summary.wonAmounts[$0]!.total, $0)] },
                "winRate": SalesReports.winRate(won: summary.won, lost: summary.lost).map(user.percent) ?? "—",
                "cycle": summary.medianCycleDays.map { String(format: "%.1f", $0) } ?? "—",
                "attainment": attained[rep.id]?.joined(separator: " · ") ?? "—",
            ])
        }
        return out
    }
}
