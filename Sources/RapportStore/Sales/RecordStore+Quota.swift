import Foundation
import RapportKit

extension RecordStore {
    /// Forecast against quota over a range of months, across every pipeline, for the deals
    /// the actor may see. Reads the `deals_quota` index for the range only.
    public func quotaReport(from: CalendarMonth, to: CalendarMonth, by grouping: QuotaReport.Grouping, actor: Actor, filter: ReportFilter = .all) async throws -> [QuotaReport.Row] {
        let deals = try await type(named: Deals.type.name), quotas = try await type(named: Quotas.type.name)
        try require(.read, deals, actor)
        try require(.read, quotas, actor)
        guard from <= to, try await !hides("amount", of: deals.name, actor: actor) else { return [] }
        var clauses: [SQL] = ["deleted_at IS NULL", "close_date >= \(from.firstDay)", "close_date <= \(to.lastDay)", "amount_currency IS NOT NULL"]
        if let visible = visibility(deals, actor) { clauses.append(visible) }
        clauses += filter.conditions(column: "")
        let where_ = SQL.join(clauses, " AND ")
        func groups(_ status: String, _ s: Session) async throws -> [QuotaReport.DealGroup] {
            // Grouped by day in index order, folded into months here (see openDealGroups).
            var folded: [String: QuotaReport.DealGroup] = [:]
            for r in try await s.query("""
                SELECT close_date, owner_id, stage_id, amount_currency, \(raw: MoneySum.select("amount_amount", as: "total")) FROM deals
                WHERE status = \(status) AND \(where_) GROUP BY close_date, owner_id, stage_id, amount_currency
                """) {
                let g = QuotaReport.DealGroup(month: String((r.text("close_date") ?? "").prefix(7)), ownerID: r.text("owner_id"),
                                              stageID: r.text("stage_id") ?? "", currency: r.text("amount_currency") ?? "", amount: 0)
                let key = [g.month, g.ownerID ?? "", g.stageID, g.currency].joined(separator: "|")
                folded[key, default: g].amount = try MoneySum.add(folded[key, default: g].amount, try MoneySum.read(r, "total"))
            }
            return Array(folded.values)
        }
        let (open, won, quotaRows, probabilities, teams) = try await db.read { s in
            let open = try await groups("open", s), won = try await groups("won", s)
            let quotaRows = try await s.query("""
                SELECT user_id, team_id, month, amount_amount, amount_currency FROM quotas
                WHERE deleted_at IS NULL AND month >= \(from.text) AND month <= \(to.text)
                """).compactMap { r -> QuotaReport.Quota? in
                guard let month = r.text("month"), let currency = r.text("amount_currency") else { return nil }
                return QuotaReport.Quota(userID: r.text("user_id"), teamID: r.text("team_id"), month: month, currency: currency, amount: r.int("amount_amount") ?? 0)
            }
            var probabilities: [String: Double] = [:]
            for r in try await s.query("SELECT id, probability FROM pipeline_stages WHERE deleted_at IS NULL") {
                if let id = r.text("id") { probabilities[id] = Double(r.text("probability") ?? "") ?? 0 }
            }
            // A team's deals are its members' and its manager's.
            var teams: [String: [String]] = [:]
            if grouping == .team {
                for r in try await s.query("SELECT team_id, user_id FROM team_members UNION SELECT id AS team_id, manager_id AS user_id FROM teams WHERE manager_id IS NOT NULL") {
                    if let t = r.text("team_id"), let u = r.text("user_id") { teams[t, default: []].append(u) }
                }
            }
            return (open, won, quotaRows, probabilities, teams)
        }
        return QuotaReport.rows(open: open, won: won, quotas: quotaRows, probabilities: probabilities, by: grouping, teams: teams)
    }
}
