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
            // Saturates rather than traps: amounts are bounded at input, old rows may not be.
            let (sum, overflow) = row.pipeline.addingReportingOverflow(g.amount)
            row.pipeline = overflow ? (g.amount < 0 ? .min : .max) : sum
            weighted[key, default: WeightedAmount()].add(g.amount, probability: probability[g.stageID] ?? 0)
            rows[key] = row
        }
        for (key, w) in weighted { rows[key]?.weighted = w.rounded }
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

    /// The stage conversion funnel over the open path and the won stage: `entered` counts
    /// the deals that ever entered each stage; a deal that entered a later stage also
    /// passed the earlier ones, so each step counts the deals that reached at least it.
    public static func funnel(entered: [String: Int], furthest: [String: Int], stages: [StageInfo]) -> [FunnelStep] {
        let path = stages.filter { $0.outcome != "lost" }.sorted { $0.position < $1.position }
        var steps: [FunnelStep] = []
        var atLeast = 0
        // Walk from the last stage back: deals whose furthest stage is here or later.
        var reached: [String: Int] = [:]
        for stage in path.reversed() {
            atLeast += furthest[stage.id] ?? 0
            reached[stage.id] = max(atLeast, entered[stage.id] ?? 0)
        }
        var previous: Int?
        for stage in path {
            let n = reached[stage.id] ?? 0
            let conversion = previous.map { $0 == 0 ? 0 : Double(n) / Double($0) } ?? 1
            steps.append(FunnelStep(stageID: stage.id, name: stage.name, reached: n, conversion: conversion))
            previous = n
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
