import Foundation

/// Sales figures from aggregates the database has already grouped, so a million deals
/// are summed where they live and only a few hundred groups reach Swift. Pure: each
/// function takes the groups and the pipeline's stages and returns the report.
public enum SalesReports {
    /// A pipeline stage as reports need it.
    public struct StageInfo: Sendable, Equatable {
        public var id: String
        public var name: String
        public var position: Double
        /// Percent, 0 to 100.
        public var probability: Double
        public var outcome: String

        public init(id: String, name: String, position: Double, probability: Double, outcome: String) {
            self.id = id
            self.name = name
            self.position = position
            self.probability = probability
            self.outcome = outcome
        }
    }

    /// Open deals grouped by close month, stage and currency.
    public struct OpenGroup: Sendable, Equatable {
        public var month: String
        public var stageID: String
        public var currency: String
        public var count: Int
        /// Sum of amounts in minor units.
        public var amount: Int64

        public init(month: String, stageID: String, currency: String, count: Int, amount: Int64) {
            self.month = month
            self.stageID = stageID
            self.currency = currency
            self.count = count
            self.amount = amount
        }
    }

    public struct ForecastRow: Sendable, Equatable {
        public var month: String
        public var currency: String
        public var deals: Int
        /// Everything open that closes this month.
        public var pipeline: Int64
        /// Σ amount × stage probability, rounded once for the row (``WeightedAmount``).
        public var weighted: Int64
        /// The amounts went past what Int64 holds: ``pipeline`` and ``weighted`` are the
        /// bound they passed, to be shown as "more than", never as an exact figure.
        public var overflowed = false
    }

    /// The weighted forecast per month and currency: each stage group's amount times the
    /// stage's win probability, added exactly and rounded once per row (``WeightedAmount``).
    public static func forecast(_ groups: [OpenGroup], stages: [StageInfo]) -> [ForecastRow] {
        let probability = Dictionary(stages.map { ($0.id, $0.probability) }, uniquingKeysWith: { a, _ in a })
        var rows: [String: ForecastRow] = [:]
        var weighted: [String: WeightedAmount] = [:]
        for g in groups {
            let key = g.month + "|" + g.currency
            var row = rows[key] ?? ForecastRow(month: g.month, currency: g.currency, deals: 0, pipeline: 0, weighted: 0)
            row.deals += g.count
            // Saturates and says so rather than traps: amounts are bounded at input, old
            // rows may not be.
            var total = MoneyTotal(row.pipeline)
            total.add(g.amount)
            row.pipeline = total.value
            row.overflowed = row.overflowed || total.overflowed
            weighted[key, default: WeightedAmount()].add(g.amount, probability: probability[g.stageID] ?? 0)
            rows[key] = row
        }
        for (key, w) in weighted {
            rows[key]?.weighted = w.rounded
            if !w.fits { rows[key]?.overflowed = true }
        }
        return rows.values.sorted { ($0.month, $0.currency) < ($1.month, $1.currency) }
    }

    public struct FunnelStep: Sendable, Equatable {
        public var stageID: String
        public var name: String
        /// Deals that reached this stage or a later one on the way to winning.
        public var reached: Int
        /// Share of the previous step's deals that got here (1 for the first step).
        public var conversion: Double
    }

    /// The funnel's steps: the pipeline's open stages and its won stage in board order
    /// (position, then name); lost stages end a deal's way rather than lie on it.
    public static func funnelPath(_ stages: [StageInfo]) -> [StageInfo] {
        stages.filter { $0.outcome != "lost" }.sorted { $0.position != $1.position ? $0.position < $1.position : $0.name < $1.name }
    }

    /// How far one deal got: the latest stage on the path, in pipeline order, among the
    /// stages it ever entered; nil when it entered none (created straight into a lost
    /// stage). Entering a stage twice, or being lost and reopened, does not count twice,
    /// and a deal that skipped stages still passed them.
    public static func furthest(entered: [String], path: [StageInfo]) -> String? {
        let index = Dictionary(path.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return entered.compactMap { index[$0] }.max().map { path[$0].id }
    }

    /// The stage conversion funnel: each deal counts once, at every step up to the
    /// furthest it reached (``furthest(entered:path:)``), so no step counts more deals
    /// than the one before it. `furthest` is how many live deals got no further than each
    /// stage; the store counts it in the database with the same rule.
    public static func funnel(furthest: [String: Int], stages: [StageInfo]) -> [FunnelStep] {
        let path = funnelPath(stages)
        var reached = Array(repeating: 0, count: path.count)
        var atLeast = 0
        for i in path.indices.reversed() {
            atLeast += furthest[path[i].id] ?? 0
            reached[i] = atLeast
        }
        var steps: [FunnelStep] = []
        for (i, stage) in path.enumerated() {
            let conversion = i == 0 ? 1 : (reached[i - 1] == 0 ? 0 : Double(reached[i]) / Double(reached[i - 1]))
            steps.append(FunnelStep(stageID: stage.id, name: stage.name, reached: reached[i], conversion: conversion))
        }
        return steps
    }

    /// The average won deal in minor units, rounded half away from zero; 0 before any win.
    public static func averageWon(total: Int64, count: Int) -> Int64 {
        count == 0 ? 0 : QuoteMath.round(Decimal(total) / Decimal(count))
    }

    /// Won ÷ (won + lost); nil before anything closed.
    public static func winRate(won: Int, lost: Int) -> Double? {
        won + lost == 0 ? nil : Double(won) / Double(won + lost)
    }
}

extension SalesReports {
    /// Pipeline velocity: how much revenue the pipeline produces per day, the usual
    /// (open deals × average won deal × win rate) ÷ days to win, with Rapport's median
    /// cycle as the days. 40 open deals, $8,000 average won deal, 25% won, 50 days: $1,600
    /// a day.
    /// Minor units per day, rounded half away from zero; nil when any input is missing.
    public static func velocity(openDeals: Int, averageWon: Int64, winRate: Double?, cycleDays: Double?) -> Int64? {
        guard let winRate, let cycleDays, cycleDays > 0 else { return nil }
        let perDay = Decimal(openDeals) * Decimal(averageWon) * Decimal(winRate) / Decimal(cycleDays)
        return QuoteMath.round(perDay)
    }
}

extension SalesReports {
    /// Velocity per currency: each currency's open deals (from the forecast's groups) ×
    /// that currency's average won deal × the win rate ÷ the days to win. Amounts in
    /// different currencies never meet, so a pipeline in won and dollars gets two figures.
    public static func velocities(open: [OpenGroup], won: [String: (count: Int, total: Int64)], winRate: Double?, cycleDays: Double?) -> [(currency: String, perDay: Int64)] {
        var openCount: [String: Int] = [:]
        for g in open { openCount[g.currency, default: 0] += g.count }
        return won.keys.sorted().compactMap { code in
            guard let w = won[code], w.count > 0 else { return nil }
            return velocity(openDeals: openCount[code] ?? 0, averageWon: averageWon(total: w.total, count: w.count), winRate: winRate, cycleDays: cycleDays).map { (code, $0) }
        }
    }
}
