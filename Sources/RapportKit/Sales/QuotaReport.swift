import Foundation

/// Forecast against quota: for each sales rep (or team) and month, what was won, what the
/// open deals are worth weighted by their stage's probability, and the quota set for it.
/// Pure: the database hands over grouped sums, this folds them per rep or team.
public enum QuotaReport {
    /// Deals grouped by close month, owner, stage and currency (one status at a time).
    public struct DealGroup: Sendable, Equatable {
        public var month: String
        public var ownerID: String?
        public var stageID: String
        public var currency: String
        /// Minor units.
        public var amount: Int64

        public init(month: String, ownerID: String?, stageID: String, currency: String, amount: Int64) {
            self.month = month
            self.ownerID = ownerID
            self.stageID = stageID
            self.currency = currency
            self.amount = amount
        }
    }

    /// A quota as stored: for a rep or a team, one month, one currency.
    public struct Quota: Sendable, Equatable {
        public var userID: String?
        public var teamID: String?
        public var month: String
        public var currency: String
        public var amount: Int64

        public init(userID: String?, teamID: String?, month: String, currency: String, amount: Int64) {
            self.userID = userID
            self.teamID = teamID
            self.month = month
            self.currency = currency
            self.amount = amount
        }
    }

    public enum Grouping: String, Sendable, CaseIterable {
        case owner, team
    }

    public struct Row: Sendable, Equatable {
        /// A user id (by owner) or a team id (by team).
        public var target: String
        public var month: String
        public var currency: String
        public var quota: Int64?
        public var won: Int64
        /// Σ open amount × stage probability, rounded once for the row (``WeightedAmount``).
        public var weighted: Int64
        /// A sum (won, weighted or quota) went past Int64 and holds the bound it passed.
        public var overflowed = false
        /// won ÷ quota; nil without a quota.
        public var attainment: Double? { quota.flatMap { $0 > 0 ? Double(won) / Double($0) : nil } }
        /// (won + weighted) ÷ quota: where the month is heading.
        public var projected: Double? { quota.flatMap { $0 > 0 ? (Double(won) + Double(weighted)) / Double($0) : nil } }
        /// won + weighted, where the month is heading, saturating with the overflow kept.
        public var heading: MoneyTotal {
            var total = MoneyTotal(won, overflowed: overflowed)
            total.add(weighted)
            return total
        }
    }

    /// One row per rep or team, month and currency that has a quota, a won deal or an open
    /// deal. A team's figures are its members' deals (a rep in two teams counts in both);
    /// its quota is the team's own. Deals without an owner count for nobody.
    public static func rows(open: [DealGroup], won: [DealGroup], quotas: [Quota], probabilities: [String: Double],
                            by grouping: Grouping, teams: [String: [String]]) -> [Row] {
        var teamsOf: [String: [String]] = [:]
        for (team, members) in teams { for m in Set(members) { teamsOf[m, default: []].append(team) } }
        func targets(_ owner: String?) -> [String] {
            guard let owner else { return [] }
            return grouping == .owner ? [owner] : teamsOf[owner] ?? []
        }
        var rows: [String: Row] = [:]
        func update(_ target: String, _ month: String, _ currency: String, _ change: (inout Row) -> Void) {
            let key = target + "|" + month + "|" + currency
            var row = rows[key] ?? Row(target: target, month: month, currency: currency, quota: nil, won: 0, weighted: 0)
            change(&row)
            rows[key] = row
        }
        for g in won {
            for t in targets(g.ownerID) {
                update(t, g.month, g.currency) {
                    var total = MoneyTotal($0.won)
                    total.add(g.amount)
                    $0.won = total.value
                    $0.overflowed = $0.overflowed || total.overflowed
                }
            }
        }
        var weighted: [String: WeightedAmount] = [:]
        for g in open {
            for t in targets(g.ownerID) {
                update(t, g.month, g.currency) { _ in }
                weighted[t + "|" + g.month + "|" + g.currency, default: WeightedAmount()].add(g.amount, probability: probabilities[g.stageID] ?? 0)
            }
        }
        for (key, w) in weighted {
            rows[key]?.weighted = w.rounded
            if !w.fits { rows[key]?.overflowed = true }
        }
        for q in quotas {
            guard let target = grouping == .owner ? q.userID : q.teamID else { continue }
            update(target, q.month, q.currency) {
                var total = MoneyTotal($0.quota ?? 0)
                total.add(q.amount)
                $0.quota = total.value
                $0.overflowed = $0.overflowed || total.overflowed
            }
        }
        return rows.values.sorted { ($0.month, $0.target, $0.currency) < ($1.month, $1.target, $1.currency) }
    }
}
