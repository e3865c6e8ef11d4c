import Foundation
import RapportKit
import RapportStore

extension HomePage {
    /// The first figures on Home, over the deals the user may see (a rep's own, a
    /// manager's team's): open and weighted pipeline per currency across every pipeline,
    /// won this month per currency (by close date, in the user's month), and overdue tasks.
    /// Each currency is its own line: amounts in different currencies do not add up.
    /// Built from the reports' own functions, so Home and Reports cannot disagree.
    func figures(user: PageUser, actor: Actor, now: Date, overdue: Int) async throws -> [String: Any] {
        func money(_ minor: Int64, _ code: String) -> String { MoneyDisplay.format(minorUnits: minor, currency: code, language: user.language) }
        var open: [String: (pipeline: Int64, weighted: Int64)] = [:]
        let pipelines = try await store.type(named: Pipelines.type.name)
        if user.viewer.role.allows(.read, on: pipelines.name) {
            let query = try Self.parse([("sort", "name"), ("limit", "100")], pipelines, store: store, actor: actor)
            for pipeline in try await store.list(pipelines, query: query, actor: actor).records {
                let stages = try await store.reportStages(pipelineID: pipeline.id)
                for row in SalesReports.forecast(try await store.openDealGroups(pipelineID: pipeline.id, actor: actor), stages: stages) {
                    let (p, w) = open[row.currency] ?? (0, 0)
                    open[row.currency] = (p &+ row.pipeline, w &+ row.weighted)
                }
            }
        }
        var won: [String: Int64] = [:]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = user.timeZone
        let parts = calendar.dateComponents([.year, .month], from: now)
        let month = CalendarMonth(year: parts.year ?? 1970, month: parts.month ?? 1)
        if user.viewer.role.allows(.read, on: Quotas.type.name) {
            for row in try await store.quotaReport(from: month, to: month, by: .owner, actor: actor) { won[row.currency, default: 0] &+= row.won }
        }
        return [
            "open": open.keys.sorted().map { ["value": money(open[$0]!.pipeline, $0)] },
            "weighted": open.keys.sorted().map { ["value": money(open[$0]!.weighted, $0)] },
            "won": won.filter { $0.value != 0 }.keys.sorted().map { ["value": money(won[$0]!, $0)] },
            "overdue": String(overdue), "hasOverdue": overdue > 0,
        ]
    }
}
