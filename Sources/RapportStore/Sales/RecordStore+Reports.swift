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
}

extension RecordStore {
    /// The deals of a pipeline the actor may see, as SQL conditions on `deals` (alias `d`).
    func dealConditions(pipelineID: String, actor: Actor) async throws -> [SQL] {
        let deals = try await type(named: Deals.type.name)
        try require(.read, deals, actor)
        var clauses: [SQL] = ["d.deleted_at IS NULL", "d.pipeline_id = \(pipelineID)"]
        if let visible = visibility(deals, actor, column: "d.owner_id") { clauses.append(visible) }
        return clauses
    }

    public func reportStages(pipelineID: String) async throws -> [SalesReports.StageInfo] {
        try await stages(pipelineID: pipelineID).map { SalesReports.StageInfo(id: $0.id, name: $0.name, position: $0.position, probability: $0.probability, outcome: $0.outcome) }
    }

    /// Open deals grouped by close month, stage and currency, summed in the database.
    public func openDealGroups(pipelineID: String, actor: Actor) async throws -> [SalesReports.OpenGroup] {
        let clauses = try await dealConditions(pipelineID: pipelineID, actor: actor) + ["d.status = 'open'", "d.amount_currency IS NOT NULL"]
        // Grouped by day in index order (no sort), folded into months here: a few
        // thousand groups instead of a sort of every open deal.
        let statement: SQL = """
            SELECT d.close_date AS day, d.stage_id, d.amount_currency, COUNT(*) AS n,
            \(raw: MoneySum.select("d.amount_amount", as: "total")) FROM deals d WHERE \(SQL.join(clauses, " AND "))
            GROUP BY d.close_date, d.stage_id, d.amount_currency
            """
        var months: [String: SalesReports.OpenGroup] = [:]
        for row in try await db.read({ s in try await s.query(statement) }) {
            let month = String((row.text("day") ?? "").prefix(7))
            let stage = row.text("stage_id") ?? "", currency = row.text("amount_currency") ?? ""
            let key = month + "|" + stage + "|" + currency
            var g = months[key] ?? SalesReports.OpenGroup(month: month, stageID: stage, currency: currency, count: 0, amount: 0)
            g.count += Int(row.int("n") ?? 0)
            g.amount = try MoneySum.add(g.amount, try MoneySum.read(row, "total"))
            months[key] = g
        }
        return months.values.sorted { ($0.month, $0.stageID, $0.currency) < ($1.month, $1.stageID, $1.currency) }
    }

    /// How many deals entered each stage, and how many got no further than each stage.
    public func funnelCounts(pipelineID: String, actor: Actor) async throws -> (entered: [String: Int], furthest: [String: Int]) {
        let clauses = try await dealConditions(pipelineID: pipelineID, actor: actor)
        let where_ = SQL.join(clauses, " AND ")
        let deals = try await type(named: Deals.type.name)
        // Who sees every deal is counted from the history's own index, less the deleted
        // deals; restricted viewers need the join to their visible deals.
        let unrestricted = visibility(deals, actor) == nil
        let entered: SQL = unrestricted
            ? "SELECT to_stage_id AS stage, COUNT(DISTINCT deal_id) AS n FROM deal_stage_history WHERE pipeline_id = \(pipelineID) GROUP BY to_stage_id"
            : "SELECT h.to_stage_id AS stage, COUNT(DISTINCT h.deal_id) AS n FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id WHERE \(where_) GROUP BY h.to_stage_id"
        let deletedEntered: SQL = """
            SELECT h.to_stage_id AS stage, COUNT(DISTINCT h.deal_id) AS n FROM deals d JOIN deal_stage_history h ON h.deal_id = d.id
            WHERE d.pipeline_id = \(pipelineID) AND d.deleted_at IS NOT NULL GROUP BY h.to_stage_id
            """
        // Deals per current stage from the board index; those in lost stages are dropped
        // below (a deal's status is its stage's outcome).
        let current: SQL = "SELECT d.stage_id AS stage, COUNT(*) AS n FROM deals d WHERE \(where_) GROUP BY d.stage_id"
        let lostStages = try await stages(pipelineID: pipelineID).filter { $0.outcome == "lost" }.map(\.id)
        let lostList = SQL.join((lostStages.isEmpty ? [""] : lostStages).map { "\($0)" }, ", ")
        // A lost deal got as far as the stage it was lost from.
        let lostFrom: SQL = unrestricted
            ? """
            SELECT from_stage_id AS stage, COUNT(DISTINCT deal_id) AS n FROM deal_stage_history
            WHERE pipeline_id = \(pipelineID) AND to_stage_id IN (\(lostList)) AND from_stage_id IS NOT NULL GROUP BY from_stage_id
            """
            : """
            SELECT h.from_stage_id AS stage, COUNT(DISTINCT h.deal_id) AS n FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id
            WHERE \(where_) AND d.status = 'lost' AND h.to_stage_id = d.stage_id AND h.from_stage_id IS NOT NULL GROUP BY h.from_stage_id
            """
        return try await db.read { s in
            func counts(_ rows: [Row]) -> [String: Int] {
                var out: [String: Int] = [:]
                for r in rows { if let k = r.text("stage") { out[k, default: 0] += Int(r.int("n") ?? 0) } }
                return out
            }
            var e = counts(try await s.query(entered))
            if unrestricted {
                for (stage, n) in counts(try await s.query(deletedEntered)) { e[stage, default: 0] -= n }
            }
            var f = counts(try await s.query(current))
            for stage in lostStages { f[stage] = nil }
            f.merge(counts(try await s.query(lostFrom))) { $0 + $1 }
            return (e, f)
        }
    }

    static var cycleSample: Int { 5000 }

    public func salesSummary(pipelineID: String, actor: Actor) async throws -> SalesSummary {
        let clauses = try await dealConditions(pipelineID: pipelineID, actor: actor)
        let where_ = SQL.join(clauses, " AND ")
        // Spelled as the `deals_closed` index's condition, so the planner can use it for
        // the lost reasons and the latest wins (the won amounts stay on `deals_forecast`,
        // which covers them).
        let closed = SQL.join(clauses + ["d.status <> 'open'"], " AND ")
        return try await db.read { s in
            var out = SalesSummary()
            for r in try await s.query("SELECT d.status, COUNT(*) AS n FROM deals d WHERE \(where_) GROUP BY d.status") {
                let n = Int(r.int("n") ?? 0)
                switch r.text("status") { case "won": out.won = n; case "lost": out.lost = n; default: out.open += n }
            }
            for r in try await s.query("SELECT d.amount_currency AS c, COUNT(*) AS n, \(raw: MoneySum.select("d.amount_amount", as: "total")) FROM deals d WHERE \(where_) AND d.status = 'won' AND d.amount_currency IS NOT NULL GROUP BY d.amount_currency") {
                if let c = r.text("c") { out.wonAmounts[c] = (Int(r.int("n") ?? 0), try MoneySum.read(r, "total")) }
            }
            out.lostReasons = try await s.query("SELECT COALESCE(d.lost_reason, '') AS reason, COUNT(*) AS n FROM deals d WHERE \(closed) AND d.status = 'lost' GROUP BY COALESCE(d.lost_reason, '') ORDER BY n DESC LIMIT 10").map {
                ($0.text("reason") ?? "", Int($0.int("n") ?? 0))
            }
            // The median over the latest wins: what a team's cycle is now, in bounded time.
            let cycles = try await s.query("""
                SELECT d.created_at, (SELECT MAX(h.at) FROM deal_stage_history h WHERE h.deal_id = d.id AND h.to_stage_id = d.stage_id) AS won_at
                FROM deals d WHERE \(closed) AND d.status = 'won' ORDER BY d.updated_at DESC LIMIT \(Self.cycleSample)
                """).compactMap { r -> Double? in
                guard let a = r.text("created_at").flatMap(Timestamp.parse), let b = r.text("won_at").flatMap(Timestamp.parse) else { return nil }
                return Double(b - a) / 86_400_000
            }.sorted()
            if !cycles.isEmpty {
                out.medianCycleDays = cycles.count % 2 == 1 ? cycles[cycles.count / 2] : (cycles[cycles.count / 2 - 1] + cycles[cycles.count / 2]) / 2
            }
            return out
        }
    }
}
