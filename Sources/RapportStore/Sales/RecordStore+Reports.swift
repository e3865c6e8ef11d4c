import Foundation
import RapportKit

/// Closed-deal figures: counts, won amounts per currency, lost reasons, cycle length.
public struct SalesSummary: Sendable {
    public var open = 0
    public var won = 0
    public var lost = 0
    /// Won deals' count and total (minor units) per currency.
    public var wonAmounts: [String: (count: Int, total: Int64)] = [:]
    public var lostReasons: [(reason: String, count: Int)] = []
    /// Days from creation to won, median over the latest 5,000 wins; nil before any.
    public var medianCycleDays: Double?

    public init() {}
}

extension RecordStore {
    /// The deals of a pipeline the actor may see, narrowed by `filter`, as SQL conditions on
    /// `deals` (alias `d`). The filter's conditions come on top of visibility, so a filter
    /// can never show a deal the actor could not see without it.
    func dealConditions(pipelineID: String, actor: Actor, filter: ReportFilter = .all) async throws -> [SQL] {
        let deals = try await type(named: Deals.type.name)
        try require(.read, deals, actor)
        var clauses: [SQL] = ["d.deleted_at IS NULL", "d.pipeline_id = \(pipelineID)"]
        if let visible = visibility(deals, actor, column: "d.owner_id") { clauses.append(visible) }
        return clauses + filter.conditions()
    }

    public func reportStages(pipelineID: String) async throws -> [SalesReports.StageInfo] {
        try await stages(pipelineID: pipelineID).map { SalesReports.StageInfo(id: $0.id, name: $0.name, position: $0.position, probability: $0.probability, outcome: $0.outcome) }
    }

    /// Open deals grouped by close month, stage and currency, summed in the database.
    public func openDealGroups(pipelineID: String, actor: Actor, filter: ReportFilter = .all) async throws -> [SalesReports.OpenGroup] {
        try await openDealGroups(pipelineID: pipelineID, actor: actor, filter: filter, byOwner: false)[""] ?? []
    }

    /// The same groups per owner, in one query: a manager's team table asks for twenty
    /// reps at once, and twenty queries cost a page more than the rest of it together.
    public func openDealGroupsByOwner(pipelineID: String, actor: Actor, filter: ReportFilter) async throws -> [String: [SalesReports.OpenGroup]] {
        try await openDealGroups(pipelineID: pipelineID, actor: actor, filter: filter, byOwner: true)
    }

    private func openDealGroups(pipelineID: String, actor: Actor, filter: ReportFilter, byOwner: Bool) async throws -> [String: [SalesReports.OpenGroup]] {
        let clauses = try await dealConditions(pipelineID: pipelineID, actor: actor, filter: filter) + ["d.status = 'open'", "d.amount_currency IS NOT NULL"]
        if try await !hiddenInputs(["deals.amount", "deals.stage_id"], actor: actor).isEmpty { return [:] }
        let (owner, ownerGroup) = Self.ownerColumns(byOwner)
        // Grouped by day in index order (no sort), folded into months here: a few
        // thousand groups instead of a sort of every open deal.
        let statement: SQL = """
            SELECT \(owner) AS owner, d.close_date AS day, d.stage_id, d.amount_currency, COUNT(*) AS n,
            \(raw: MoneySum.select("d.amount_amount", as: "total")) FROM deals d WHERE \(SQL.join(clauses, " AND "))
            GROUP BY \(ownerGroup)d.close_date, d.stage_id, d.amount_currency
            """
        var months: [String: [String: SalesReports.OpenGroup]] = [:]
        for row in try await db.read({ s in try await s.query(statement) }) {
            let month = String((row.text("day") ?? "").prefix(7))
            let stage = row.text("stage_id") ?? "", currency = row.text("amount_currency") ?? ""
            let key = month + "|" + stage + "|" + currency
            let who = row.text("owner") ?? ""
            var g = months[who]?[key] ?? SalesReports.OpenGroup(month: month, stageID: stage, currency: currency, count: 0, amount: 0)
            g.count += Int(row.int("n") ?? 0)
            g.amount = try MoneySum.add(g.amount, try MoneySum.read(row, "total"))
            months[who, default: [:]][key] = g
        }
        return months.mapValues { $0.values.sorted { ($0.month, $0.stageID, $0.currency) < ($1.month, $1.stageID, $1.currency) } }
    }

    /// How many of the live deals the actor may see got no further than each stage of the
    /// funnel's path (``SalesReports/furthest(entered:path:)``): per deal, the latest path
    /// stage its history entered, counted per stage in the database. Deleted deals drop
    /// out with their row, and a deal lost and reopened is still one deal.
    public func funnelCounts(pipelineID: String, actor: Actor, filter: ReportFilter = .all) async throws -> [String: Int] {
        let clauses = try await dealConditions(pipelineID: pipelineID, actor: actor, filter: filter)
        if try await hides("stage_id", of: Deals.type.name, actor: actor) { return [:] }
        let path = SalesReports.funnelPath(try await reportStages(pipelineID: pipelineID))
        guard !path.isEmpty else { return [:] }
        let rank = SQL.join(path.enumerated().map { i, stage in "WHEN \(stage.id) THEN \(raw: String(i))" }, " ")
        let statement: SQL = """
            SELECT x.top AS top, COUNT(*) AS n FROM (
            SELECT h.deal_id, MAX(CASE h.to_stage_id \(rank) END) AS top FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id
            WHERE \(SQL.join(clauses, " AND ")) GROUP BY h.deal_id) x WHERE x.top IS NOT NULL GROUP BY x.top
            """
        let rows = try await db.read { s in try await s.query(statement) }
        var out: [String: Int] = [:]
        for r in rows {
            guard let i = r.int("top").map(Int.init), path.indices.contains(i) else { continue }
            out[path[i].id, default: 0] += Int(r.int("n") ?? 0)
        }
        return out
    }

    static var cycleSample: Int { 5000 }

    /// What a figure is grouped by: each owner, or (for one summary) nothing. PostgreSQL
    /// refuses a constant in GROUP BY, so the ungrouped form adds no grouping term.
    private static func ownerColumns(_ byOwner: Bool) -> (select: SQL, group: SQL) {
        byOwner ? ("COALESCE(d.owner_id, '')", "COALESCE(d.owner_id, ''), ") : ("''", "")
    }

    public func salesSummary(pipelineID: String, actor: Actor, filter: ReportFilter = .all) async throws -> SalesSummary {
        try await salesSummaries(pipelineID: pipelineID, actor: actor, filter: filter, byOwner: false)[""] ?? SalesSummary()
    }

    /// The same figures per owner in four queries, whatever the number of owners, for the
    /// team table; lost reasons are left out (the table does not show them). Each owner's
    /// summary equals ``salesSummary(pipelineID:actor:filter:)`` narrowed to that owner.
    public func salesSummariesByOwner(pipelineID: String, actor: Actor, filter: ReportFilter) async throws -> [String: SalesSummary] {
        try await salesSummaries(pipelineID: pipelineID, actor: actor, filter: filter, byOwner: true)
    }

    private func salesSummaries(pipelineID: String, actor: Actor, filter: ReportFilter, byOwner: Bool) async throws -> [String: SalesSummary] {
        let clauses = try await dealConditions(pipelineID: pipelineID, actor: actor, filter: filter)
        let where_ = SQL.join(clauses, " AND ")
        // Spelled as the `deals_closed` index's condition, so the planner can use it for
        // the lost reasons and the latest wins (the won amounts stay on `deals_forecast`,
        // which covers them).
        let closed = SQL.join(clauses + ["d.status <> 'open'"], " AND ")
        let hidden = Set(try await hiddenInputs(["deals.amount", "deals.lost_reason", "deals.stage_id"], actor: actor))
        let (owner, ownerGroup) = Self.ownerColumns(byOwner)
        return try await db.read { s in
            var out: [String: SalesSummary] = [:]
            for r in try await s.query("SELECT \(owner) AS owner, d.status, COUNT(*) AS n FROM deals d WHERE \(where_) GROUP BY \(ownerGroup)d.status") {
                let n = Int(r.int("n") ?? 0), who = r.text("owner") ?? ""
                switch r.text("status") { case "won": out[who, default: SalesSummary()].won = n; case "lost": out[who, default: SalesSummary()].lost = n; default: out[who, default: SalesSummary()].open += n }
            }
            for r in try await (hidden.contains("deals.amount") ? [] : s.query("SELECT \(owner) AS owner, d.amount_currency AS c, COUNT(*) AS n, \(raw: MoneySum.select("d.amount_amount", as: "total")) FROM deals d WHERE \(where_) AND d.status = 'won' AND d.amount_currency IS NOT NULL GROUP BY \(ownerGroup)d.amount_currency")) {
                if let c = r.text("c") { out[r.text("owner") ?? "", default: SalesSummary()].wonAmounts[c] = (Int(r.int("n") ?? 0), try MoneySum.read(r, "total")) }
            }
            if !byOwner {
                out["", default: SalesSummary()].lostReasons = try await (hidden.contains("deals.lost_reason") ? [] : s.query("SELECT COALESCE(d.lost_reason, '') AS reason, COUNT(*) AS n FROM deals d WHERE \(closed) AND d.status = 'lost' GROUP BY COALESCE(d.lost_reason, '') ORDER BY n DESC LIMIT 10")).map {
                    ($0.text("reason") ?? "", Int($0.int("n") ?? 0))
                }
            }
            guard !hidden.contains("deals.stage_id") else { return out }
            // The median over the latest wins (each owner's, for a team): what a team's
            // cycle is now, in bounded time. One owner's sample reads the index in order;
            // several need a window.
            let latest: SQL = byOwner
                ? "SELECT y.* FROM (SELECT d.id, d.stage_id, d.created_at, \(owner) AS owner, ROW_NUMBER() OVER (PARTITION BY d.owner_id ORDER BY d.updated_at DESC) AS rn FROM deals d WHERE \(closed) AND d.status = 'won') y WHERE y.rn <= \(Self.cycleSample)"
                : "SELECT d.id, d.stage_id, d.created_at, '' AS owner FROM deals d WHERE \(closed) AND d.status = 'won' ORDER BY d.updated_at DESC LIMIT \(Self.cycleSample)"
            let cycles = try await s.query("""
                SELECT x.owner, x.created_at, (SELECT MAX(h.at) FROM deal_stage_history h WHERE h.deal_id = x.id AND h.to_stage_id = x.stage_id) AS won_at
                FROM (\(latest)) x
                """)
            var days: [String: [Double]] = [:]
            for r in cycles {
                guard let a = r.text("created_at").flatMap(Timestamp.parse), let b = r.text("won_at").flatMap(Timestamp.parse) else { continue }
                days[r.text("owner") ?? "", default: []].append(Double(b - a) / 86_400_000)
            }
            for (who, values) in days {
                let sorted = values.sorted()
                out[who, default: SalesSummary()].medianCycleDays = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            }
            return out
        }
    }
}
