import Foundation
import Testing
import RapportKit

/// The forecast and the quota report round weighted amounts by one rule: exact sum per
/// report row, rounded once. The same deals give the same figure in both.
@Suite struct WeightedRoundingTests {
    static let stages = [SalesReports.StageInfo(id: "s1", name: "Proposal", position: 1, probability: 50, outcome: "open"),
                         SalesReports.StageInfo(id: "s2", name: "Negotiation", position: 2, probability: 55.5, outcome: "open")]

    /// Three reps in one team each have a $3.33 deal at 50%: $1.665 each. Rounded per rep
    /// and added that was $5.01 for the team against $5.00 in the forecast.
    @Test func teamAndForecastAgree() {
        let owners = ["u1", "u2", "u3"]
        let open = owners.map { QuotaReport.DealGroup(month: "2026-05", ownerID: $0, stageID: "s1", currency: "USD", amount: 333) }
        let forecast = SalesReports.forecast([SalesReports.OpenGroup(month: "2026-05", stageID: "s1", currency: "USD", count: 3, amount: 999)], stages: Self.stages)
        let team = QuotaReport.rows(open: open, won: [], quotas: [], probabilities: ["s1": 50], by: .team, teams: ["t": owners])
        #expect(forecast.map(\.weighted) == [500])
        #expect(team.map(\.weighted) == [500])
        // Each rep's own row rounds its own sum once: 166.5 → 167.
        let reps = QuotaReport.rows(open: open, won: [], quotas: [], probabilities: ["s1": 50], by: .owner, teams: [:])
        #expect(reps.map(\.weighted) == [167, 167, 167])
    }

    /// Several stages in one row are added exactly before the one rounding, and a
    /// probability such as 55.5 is the decimal 55.5, not its binary neighbour.
    @Test func stagesAddBeforeRounding() {
        let groups = [SalesReports.OpenGroup(month: "2026-05", stageID: "s1", currency: "KRW", count: 1, amount: 1),
                      SalesReports.OpenGroup(month: "2026-05", stageID: "s2", currency: "KRW", count: 1, amount: 1_000)]
        // 0.5 + 555 = 555.5 → 556 (per stage it was 1 + 555 = 556 too, but from 0.5 → 1).
        #expect(SalesReports.forecast(groups, stages: Self.stages).map(\.weighted) == [556])
        let three = [SalesReports.OpenGroup(month: "2026-05", stageID: "s1", currency: "KRW", count: 1, amount: 1),
                     SalesReports.OpenGroup(month: "2026-05", stageID: "s2", currency: "KRW", count: 1, amount: 2)]
        // 0.5 + 1.11 = 1.61 → 2; per stage it was 1 + 1 = 2... and 3 × ₩1 at 50% in three
        // stages would be 3 per stage against 2 once.
        #expect(SalesReports.forecast(three, stages: Self.stages).map(\.weighted) == [2])
    }

    @Test func hugeSumsSaturateInsteadOfTrapping() {
        let groups = [SalesReports.OpenGroup(month: "2026-05", stageID: "s1", currency: "KRW", count: 1, amount: 5_000_000_000_000_000_000),
                      SalesReports.OpenGroup(month: "2026-05", stageID: "s2", currency: "KRW", count: 1, amount: 5_000_000_000_000_000_000)]
        let rows = SalesReports.forecast(groups, stages: Self.stages)
        #expect(rows.first?.pipeline == .max)
        let quota = QuotaReport.rows(open: [], won: groups.map { QuotaReport.DealGroup(month: $0.month, ownerID: "u", stageID: $0.stageID, currency: "KRW", amount: $0.amount) },
                                     quotas: [QuotaReport.Quota(userID: "u", teamID: nil, month: "2026-05", currency: "KRW", amount: 1)], probabilities: [:], by: .owner, teams: [:])
        #expect(quota.first?.won == .max)
        #expect(quota.first?.projected != nil)
    }
}
