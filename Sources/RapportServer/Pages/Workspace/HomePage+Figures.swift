import Foundation
import RapportKit
import RapportStore

extension HomePage {
    /// The dashboard on Home: the figures a rep looks at first (my open and weighted
    /// pipeline per currency, won this month against my quota, deals closing this month,
    /// deals past their close date, activities this week, overdue tasks) and, for someone
    /// who sees a team's deals, the same per rep with win rate, cycle and quota attained.
    /// Every figure comes from the reports' own store queries and functions with the
    /// filters of the report or list its card links to, so Home and Reports cannot
    /// disagree. Each currency is its own line; sums past Int64 say so (``MoneyTotal``).
    func figures(user: PageUser, actor: Actor, now: Date, overdue: Int) async throws -> [String: Any] {
        let money = ReportMoney(user: user)
        let me = user.user.id
        let today = ReportPeriod.today(now, zone: user.timeZone)
        let monthDays = ReportPeriod.thisMonth.days(today: today)!
        let mine = ReportFilter(owners: [me])
        var open: [String: (pipeline: MoneyTotal, weighted: MoneyTotal)] = [:]
        for row in try await forecastAcrossPipelines(user: user, actor: actor, filter: mine) {
            var totals = open[row.currency] ?? (MoneyTotal(), MoneyTotal())
            totals.pipeline.add(MoneyTotal(row.pipeline, overflowed: row.overflowed))
            totals.weighted.add(MoneyTotal(row.weighted, overflowed: row.overflowed))
            open[row.currency] = totals
        }
        let month = CalendarMonth(String(today.prefix(7)))!
        var won: [[String: Any]] = []
        if user.viewer.role.allows(.read, on: Quotas.type.name) {
            for row in try await store.quotaReport(from: month, to: month, by: .owner, actor: actor, filter: mine) where row.target == me && (row.won != 0 || row.quota != nil) {
                won.append(["value": money.text(row.won, row.currency, over: row.overflowed),
                            "quota": row.quota.map { user.t("dash_of_quota").replacingOccurrences(of: "%@", with: money.text($0, row.currency, over: row.overflowed)) } ?? user.t("dash_no_quota"),
                            "attainment": row.attainment.map(user.percent) ?? ""])
            }
        }
        let deals = try await store.type(named: Deals.type.name)
        let myOpen: [(String, String)] = [("filter[owner_id]", me), ("filter[status]", "open")]
        let closing = myOpen + [("filter[close_date][gte]", monthDays.from!), ("filter[close_date][lte]", monthDays.to!)]
        let late = myOpen + [("filter[close_date][lte]", CivilDateText.dayBefore(today))]
        var values: [String: Any] = [
            "open": open.keys.sorted().map { ["value": money.text(open[$0]!.pipeline, $0)] },
            "weighted": open.keys.sorted().map { ["value": money.text(open[$0]!.weighted, $0)] },
            "won": won, "overdue": String(overdue), "hasOverdue": overdue > 0,
            "pipelineHref": ReportsPage.href(ReportQuery(owner: me)),
            "wonHref": ReportsPage.href(ReportQuery(period: .thisMonth, owner: me)),
            "closing": String(try await count(deals, closing, actor: actor)), "closingHref": "/deals?" + Self.query(closing + [("sort", "close_date")]),
            "lateDeals": try await count(deals, late, actor: actor), "lateHref": "/deals?" + Self.query(late + [("sort", "close_date")]),
        ]
        values["hasLateDeals"] = (values["lateDeals"] as? Int ?? 0) > 0
        if user.viewer.role.allows(.read, on: Activities.type.name), let week = ReportPeriod.week(today: today) {
            let activities = try await store.type(named: Activities.type.name)
            let bounds = Self.instants(week, zone: user.timeZone)
            let filters = [("filter[owner_id]", me), ("filter[occurred_at][gte]", bounds.from), ("filter[occurred_at][lte]", bounds.to)]
            values["activities"] = String(try await count(activities, filters, actor: actor))
            values["activitiesHref"] = "/activities?" + Self.query(filters + [("sort", "-occurred_at")])
        }
        let team = try await teamRows(user: user, actor: actor, deals: deals, today: today, money: money)
        values["team"] = team
        values["hasTeam"] = !team.isEmpty
        return values
    }

    /// The open deals' forecast rows over every pipeline the user may read.
    func forecastAcrossPipelines(user: PageUser, actor: Actor, filter: ReportFilter) async throws -> [SalesReports.ForecastRow] {
        let pipelines = try await store.type(named: Pipelines.type.name)
        guard user.viewer.role.allows(.read, on: pipelines.name) else { return [] }
        let query = try Self.parse([("sort", "name"), ("limit", "100")], pipelines, store: store, actor: actor)
        var rows: [SalesReports.ForecastRow] = []
        for pipeline in try await store.list(pipelines, query: query, actor: actor).records {
            rows += SalesReports.forecast(try await store.openDealGroups(pipelineID: pipeline.id, actor: actor, filter: filter), stages: try await store.reportStages(pipelineID: pipeline.id))
        }
        return rows
    }

    func count(_ type: RecordType, _ filters: [(String, String)], actor: Actor) async throws -> Int {
        try await store.countMatching(type, query: try Self.parse(filters, type, store: store, actor: actor), actor: actor)
    }

    /// The first and last instant of a range of days in `zone`, as the list filters take them.
    static func instants(_ days: ReportPeriod.Days, zone: TimeZone) -> (from: String, to: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func start(_ iso: String) -> Date {
            let p = iso.split(separator: "-").compactMap { Int($0) }
            return calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2])) ?? Date(timeIntervalSince1970: 0)
        }
        let first = start(days.from!), afterLast = calendar.date(byAdding: .day, value: 1, to: start(days.to!)) ?? first
        return (Timestamp.format(first), Timestamp.format(afterLast.addingTimeInterval(-0.001)))
    }
}

/// ISO day arithmetic the dashboard's links need.
enum CivilDateText {
    static func dayBefore(_ iso: String) -> String {
        guard let (y, m, d) = CivilDate.parseISO(iso) else { return iso }
        let (py, pm, pd) = CivilDate.fromDays(CivilDate.toDays(year: y, month: m, day: d) - 1)
        return String(format: "%04d-%02d-%02d", Int(py), pm, pd)
    }
}
