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

    /// Ten deals entered the lead stage; six got to a proposal, three to negotiation, two
    /// were won. Deals created straight into a later stage count as having passed the
    /// earlier ones.
    @Test func funnelCountsDealsThatGotAtLeastThisFar() {
        let steps = SalesReports.funnel(
            entered: ["lead": 10, "proposal": 6, "negotiation": 3, "won": 2],
            furthest: ["lead": 4, "proposal": 3, "negotiation": 1, "won": 2],
            stages: Self.stages)
        #expect(steps.map(\.stageID) == ["lead", "proposal", "negotiation", "won"])
        #expect(steps.map(\.reached) == [10, 6, 3, 2])
        #expect(steps.map(\.conversion) == [1, 0.6, 0.5, 2.0 / 3.0])
        // A deal created in negotiation and never in lead still counts for lead.
        let skipped = SalesReports.funnel(entered: ["negotiation": 1], furthest: ["negotiation": 1], stages: Self.stages)
        #expect(skipped.map(\.reached) == [1, 1, 1, 0])
    }

    @Test func winRate() {
        #expect(SalesReports.winRate(won: 0, lost: 0) == nil)
        #expect(SalesReports.winRate(won: 3, lost: 1) == 0.75)
    }
}
