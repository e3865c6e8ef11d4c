import Foundation
import RapportKit
import Testing

@Suite struct QuotaReportTests {
    static let probabilities: [String: Double] = ["lead": 10, "proposal": 50, "negotiation": 75]

    /// Each rep's month: won amounts, open amounts weighted by stage, against their quota.
    @Test func repsAreMeasuredAgainstTheirQuota() {
        let open: [QuotaReport.DealGroup] = [
            .init(month: "2026-11", ownerID: "ana", stageID: "proposal", currency: "USD", amount: 10_000_00),
            .init(month: "2026-11", ownerID: "ana", stageID: "lead", currency: "USD", amount: 3_333_33),
            .init(month: "2026-11", ownerID: "bo", stageID: "negotiation", currency: "USD", amount: 4_000_00),
            .init(month: "2026-11", ownerID: nil, stageID: "negotiation", currency: "USD", amount: 9_999_00),
        ]
        let won: [QuotaReport.DealGroup] = [.init(month: "2026-11", ownerID: "ana", stageID: "won", currency: "USD", amount: 12_000_00)]
        let quotas: [QuotaReport.Quota] = [
            .init(userID: "ana", teamID: nil, month: "2026-11", currency: "USD", amount: 20_000_00),
            .init(userID: "bo", teamID: nil, month: "2026-12", currency: "USD", amount: 5_000_00),
            .init(userID: nil, teamID: "east", month: "2026-11", currency: "USD", amount: 30_000_00),
        ]
        let rows = QuotaReport.rows(open: open, won: won, quotas: quotas, probabilities: Self.probabilities, by: .owner, teams: [:])
        let ana = rows.first { $0.target == "ana" && $0.month == "2026-11" }!
        // 10,000.00 × 50% + 3,333.33 × 10% = 5,000.00 + 333.333 → 333.33.
        #expect(ana.weighted == 5_000_00 + 333_33)
        #expect(ana.won == 12_000_00 && ana.quota == 20_000_00)
        #expect(ana.attainment == 0.6)
        // (12,000.00 + 5,333.33) ÷ 20,000.00
        #expect(abs((ana.projected ?? 0) - 0.8666665) < 1e-9)
        // Bo has open deals in November and a quota only in December: two rows.
        #expect(rows.filter { $0.target == "bo" }.map(\.month) == ["2026-11", "2026-12"])
        #expect(rows.first { $0.target == "bo" && $0.month == "2026-11" }?.quota == nil)
        #expect(rows.first { $0.target == "bo" && $0.month == "2026-11" }?.attainment == nil)
        // Unowned deals count for nobody; team quotas do not appear by owner.
        #expect(rows.count == 3)
    }

    /// A team's figures are its members' deals; its quota is its own.
    @Test func teamsSumTheirMembers() {
        let open: [QuotaReport.DealGroup] = [
            .init(month: "2026-11", ownerID: "ana", stageID: "negotiation", currency: "KRW", amount: 1_000_000),
            .init(month: "2026-11", ownerID: "bo", stageID: "lead", currency: "KRW", amount: 333_335),
        ]
        let won: [QuotaReport.DealGroup] = [.init(month: "2026-11", ownerID: "bo", stageID: "won", currency: "KRW", amount: 2_000_000)]
        let quotas: [QuotaReport.Quota] = [.init(userID: nil, teamID: "east", month: "2026-11", currency: "KRW", amount: 4_000_000)]
        let rows = QuotaReport.rows(open: open, won: won, quotas: quotas, probabilities: Self.probabilities, by: .team,
                                    teams: ["east": ["ana", "bo", "bo"], "west": ["bo"]])
        let east = rows.first { $0.target == "east" }!
        // 1,000,000 × 75% = 750,000; 333,335 × 10% = 33,333.5 → 33,334 (half away from zero).
        #expect(east.weighted == 783_334 && east.won == 2_000_000 && east.quota == 4_000_000)
        #expect(east.attainment == 0.5)
        let west = rows.first { $0.target == "west" }!
        #expect(west.won == 2_000_000 && west.weighted == 33_334 && west.quota == nil)
    }

    @Test func monthRanges() {
        func m(_ s: String) -> CalendarMonth { CalendarMonth(s)! }
        #expect(CalendarMonth.range(m("2026-11"), m("2027-02")).map(\.text) == ["2026-11", "2026-12", "2027-01", "2027-02"])
        #expect(CalendarMonth.range(m("2026-03"), m("2026-01")).isEmpty)
        #expect(CalendarMonth("2026-01") != nil && CalendarMonth("2026-1") == nil && CalendarMonth("２０２６-01") == nil && CalendarMonth("2026-00") == nil && CalendarMonth("2026-13") == nil)
        // The last day follows the calendar: February, leap years, thirty-day months.
        #expect(m("2026-02").lastDay == "2026-02-28" && m("2028-02").lastDay == "2028-02-29" && m("2026-11").lastDay == "2026-11-30" && m("2026-12").lastDay == "2026-12-31")
        #expect(m("2026-11").adding(2).text == "2027-01" && m("2026-01").adding(-1).text == "2025-12" && m("2026-03").adding(-14).text == "2025-01")
    }

    @Test func aQuotaIsForOneRepOrOneTeam() {
        func errors(_ pairs: [(String, JSONValue)]) -> [String] { Quotas.type.hooks.validate(JSONObject(pairs)).map(\.field) }
        let amount: JSONValue = .object(JSONObject([("amount", .string("100.00")), ("currency", .string("USD"))]))
        #expect(errors([("month", .string("2026-11")), ("user_id", .string("u")), ("amount", amount)]).isEmpty)
        #expect(errors([("month", .string("2026-11")), ("amount", amount)]) == ["user_id"])
        #expect(errors([("month", .string("2026-11")), ("user_id", .string("u")), ("team_id", .string("t")), ("amount", amount)]) == ["team_id"])
        // The month is checked as a field of its own kind.
        let month = FieldSpec("month", .month)
        #expect(FieldValidator.canonical(.string("2026-11"), for: month) == .success(.string("2026-11")))
        for bad in ["Nov 2026", "2026-13", "2026-1", "11/2026"] {
            guard case .failure(let e) = FieldValidator.canonical(.string(bad), for: month) else { Issue.record("\(bad) accepted"); continue }
            #expect(e.code == "invalid_month")
        }
    }
}

@Suite struct VelocityTests {
    /// (open deals × average won deal × win rate) ÷ days to win.
    @Test func velocityIsRevenuePerDay() {
        // 40 × $8,000.00 × 25% ÷ 50 days = $1,600.00 a day.
        #expect(SalesReports.velocity(openDeals: 40, averageWon: 8_000_00, winRate: 0.25, cycleDays: 50) == 1_600_00)
        // 7 × ₩1,000,000 × 1/3 ÷ 9 days = ₩259,259.26 → ₩259,259.
        #expect(SalesReports.velocity(openDeals: 7, averageWon: 1_000_000, winRate: 1.0 / 3.0, cycleDays: 9) == 259_259)
        #expect(SalesReports.velocity(openDeals: 7, averageWon: 1_000, winRate: nil, cycleDays: 9) == nil)
        #expect(SalesReports.velocity(openDeals: 7, averageWon: 1_000, winRate: 0.5, cycleDays: 0) == nil)
    }

    /// Each currency's velocity counts only its own open deals.
    @Test func velocityIsPerCurrency() {
        let open: [SalesReports.OpenGroup] = [
            .init(month: "2026-12", stageID: "a", currency: "USD", count: 30, amount: 0),
            .init(month: "2027-01", stageID: "b", currency: "USD", count: 10, amount: 0),
            .init(month: "2026-12", stageID: "a", currency: "KRW", count: 4, amount: 0),
        ]
        let won: [String: (count: Int, total: Int64)] = ["USD": (2, 16_000_00), "KRW": (1, 9_000_000), "JPY": (0, 0)]
        let v = SalesReports.velocities(open: open, won: won, winRate: 0.25, cycleDays: 50)
        #expect(v.map(\.currency) == ["KRW", "USD"])
        // KRW: 4 × ₩9,000,000 × 25% ÷ 50 = ₩180,000; USD: 40 × $8,000.00 × 25% ÷ 50 = $1,600.00.
        #expect(v.map(\.perDay) == [180_000, 1_600_00])
    }
}

@Suite struct PurchaseHistoryTests {
    /// Sales and purchases are summed apart, per currency, with the newest date each.
    @Test func foldsOrdersByDirectionAndCurrency() {
        let h = PurchaseHistory([
            .init(direction: "sell", currency: "KRW", orders: 3, total: 1_500_000, last: "2026-10-01"),
            .init(direction: "sell", currency: "USD", orders: 1, total: 250_00, last: "2026-11-20"),
            .init(direction: "buy", currency: "JPY", orders: 2, total: 80_000, last: "2026-09-30"),
            .init(direction: "sell", currency: nil, orders: 1, total: 0, last: "2026-01-02"),
        ])
        #expect(h.sold.orders == 5 && h.sold.last == "2026-11-20")
        #expect(h.sold.amounts == [.init(currency: "KRW", minorUnits: 1_500_000), .init(currency: "USD", minorUnits: 250_00)])
        #expect(h.bought.orders == 2 && h.bought.amounts == [.init(currency: "JPY", minorUnits: 80_000)] && h.bought.last == "2026-09-30")
        #expect(PurchaseHistory([]).isEmpty && !h.isEmpty)
    }
}

@Suite struct QuoteValidityTests {
    /// Valid through its last day; only open offers expire.
    @Test func quotesExpireTheDayAfterTheirLastDay() {
        #expect(!QuoteValidity.hasExpired(validUntil: "2026-11-25", today: "2026-11-25"))
        #expect(QuoteValidity.hasExpired(validUntil: "2026-11-24", today: "2026-11-25"))
        #expect(QuoteValidity.hasExpired(validUntil: "2025-12-31", today: "2026-01-01"))
        #expect(QuoteValidity.shouldExpire(status: "sent", validUntil: "2026-11-01", today: "2026-11-25"))
        #expect(!QuoteValidity.shouldExpire(status: "accepted", validUntil: "2026-11-01", today: "2026-11-25"))
        #expect(!QuoteValidity.shouldExpire(status: "draft", validUntil: nil, today: "2026-11-25"))
    }
}

@Suite struct DealBuyerTests {
    /// The decision maker first, then by role order; the earliest added among equals.
    @Test func theBuyerIsTheHighestRole() {
        #expect(DealContacts.buyer([("ana", "influencer"), ("bo", "decision_maker"), ("cy", "decision_maker")]) == "bo")
        #expect(DealContacts.buyer([("ana", "user"), ("bo", "champion")]) == "bo")
        #expect(DealContacts.buyer([("ana", "other"), ("bo", "unknown")]) == "ana")
        #expect(DealContacts.buyer([]) == nil)
    }
}
