import RapportKit
import Testing

@Suite struct SalesReportsTests {
    static let stages = [
        SalesReports.StageInfo(id: "lead", name: "Lead", position: 0, probability: 10, outcome: "open"),
        SalesReports.StageInfo(id: "proposal", name: "Proposal", position: 1, probability: 50, outcome: "open"),
        SalesReports.StageInfo(id: "negotiation", name: "Negotiation", position: 2, probability: 75, outcome: "open"),
        SalesReports.StageInfo(id: "won", name: "Won", position: 3, probability: 100, outcome: "won"),
        SalesReports.StageInfo(id: "lost", name: "Lost", position: 4, probability: 0, outcome: "lost"),
    ]

    /// The forecast equals the sum of amount × stage probability per month.
    @Test func weightedForecastIsAmountTimesProbability() {
        let rows = SalesReports.forecast([
            .init(month: "2026-12", stageID: "lead", currency: "USD", count: 2, amount: 1_000_00),
            .init(month: "2026-12", stageID: "proposal", currency: "USD", count: 1, amount: 333_33),
            .init(month: "2026-12", stageID: "negotiation", currency: "KRW", count: 1, amount: 3_333_333),
            .init(month: "2027-01", stageID: "negotiation", currency: "USD", count: 1, amount: 10_00),
        ], stages: Self.stages)
        #expect(rows.map(\.month) == ["2026-12", "2026-12", "2027-01"])
        let usd = rows.first { $0.month == "2026-12" && $0.currency == "USD" }!
        #expect(usd.deals == 3 && usd.pipeline == 1_333_33)
        // 100,000 × 10% + 33,333 × 50% = 10,000 + 16,666.5 → 16,667 (half away from zero).
        #expect(usd.weighted == 10_000 + 16_667)
        let krw = rows.first { $0.currency == "KRW" }!
        #expect(krw.weighted == 2_500_000) // 3,333,333 × 75% = 2,499,999.75 → 2,500,000
        #expect(rows.last?.weighted == 7_50)
    }

    /// Each deal counts once, at every step up to the furthest it reached. Hand-counted:
    /// of ten deals, 4 got no further than lead, 3 than proposal (one of them lost from
    /// there), 1 than negotiation, 2 were won: lead 10, proposal 6, negotiation 3, won 2.
    @Test func funnelCountsDealsThatGotAtLeastThisFar() {
        let steps = SalesReports.funnel(furthest: ["lead": 4, "proposal": 3, "negotiation": 1, "won": 2], stages: Self.stages)
        #expect(steps.map(\.stageID) == ["lead", "proposal", "negotiation", "won"])
        #expect(steps.map(\.reached) == [10, 6, 3, 2])
        #expect(steps.map(\.conversion) == [1, 0.6, 0.5, 2.0 / 3.0])
        // A deal created in negotiation and never in lead still counts for lead.
        let skipped = SalesReports.funnel(furthest: ["negotiation": 1], stages: Self.stages)
        #expect(skipped.map(\.reached) == [1, 1, 1, 0])
        #expect(skipped.map(\.conversion) == [1, 1, 1, 0])
        // Nothing yet: every step is zero and no conversion divides by zero.
        #expect(SalesReports.funnel(furthest: [:], stages: Self.stages).map(\.conversion) == [1, 0, 0, 0])
    }

    /// One deal's way, folded to the furthest step: order of entry does not matter, a
    /// stage entered twice counts once, lost stages and other pipelines' stages are off
    /// the path.
    @Test func furthestStageOfOneDeal() {
        let path = SalesReports.funnelPath(Self.stages)
        #expect(path.map(\.id) == ["lead", "proposal", "negotiation", "won"])
        // Lead → proposal → lost → reopened in lead: it reached a proposal.
        #expect(SalesReports.furthest(entered: ["lead", "proposal", "lost", "lead"], path: path) == "proposal")
        // Lead → negotiation → back to proposal: it reached negotiation.
        #expect(SalesReports.furthest(entered: ["lead", "negotiation", "proposal"], path: path) == "negotiation")
        #expect(SalesReports.furthest(entered: ["lost"], path: path) == nil)
        #expect(SalesReports.furthest(entered: ["elsewhere", "lead"], path: path) == "lead")
        #expect(SalesReports.furthest(entered: [], path: path) == nil)
        // Every history folded and counted is monotone, whatever the histories.
        let histories = [["lead", "proposal", "lost", "lead"], ["negotiation"], ["lead"], ["proposal", "lead"], ["lead", "won"], ["lost"]]
        var furthest: [String: Int] = [:]
        for h in histories { if let f = SalesReports.furthest(entered: h, path: path) { furthest[f, default: 0] += 1 } }
        #expect(SalesReports.funnel(furthest: furthest, stages: Self.stages).map(\.reached) == [5, 4, 2, 1])
        // Stages at the same position follow the board: by name.
        let tied = [SalesReports.StageInfo(id: "b", name: "B", position: 1, probability: 0, outcome: "open"),
                    SalesReports.StageInfo(id: "a", name: "A", position: 1, probability: 0, outcome: "open")]
        #expect(SalesReports.funnelPath(tied).map(\.id) == ["a", "b"])
    }

    @Test func winRate() {
        #expect(SalesReports.winRate(won: 0, lost: 0) == nil)
        #expect(SalesReports.winRate(won: 3, lost: 1) == 0.75)
    }
}
