import Foundation
import RapportKit
import Testing

/// Report periods, the labels of months and quarters, and money totals at Int64's edges.
@Suite struct ReportPeriodTests {
    @Test func presetsAreCalendarPeriodsAroundToday() {
        let today = "2026-08-15"
        #expect(ReportPeriod.thisMonth.days(today: today) == .init(from: "2026-08-01", to: "2026-08-31"))
        #expect(ReportPeriod.thisQuarter.days(today: today) == .init(from: "2026-07-01", to: "2026-09-30"))
        #expect(ReportPeriod.lastQuarter.days(today: today) == .init(from: "2026-04-01", to: "2026-06-30"))
        #expect(ReportPeriod.thisYear.days(today: today) == .init(from: "2026-01-01", to: "2026-12-31"))
        // Last quarter from the first quarter is the previous year's fourth.
        #expect(ReportPeriod.lastQuarter.days(today: "2026-02-10") == .init(from: "2025-10-01", to: "2025-12-31"))
        #expect(ReportPeriod.thisMonth.days(today: "2028-02-29") == .init(from: "2028-02-01", to: "2028-02-29"))
        #expect(ReportPeriod.custom.days(today: today, from: "2026-01-05", to: nil) == .init(from: "2026-01-05", to: nil))
    }

    /// 2026-03-31 23:30 UTC is already April 1st in Seoul: "this month" follows the reader.
    @Test func todayIsTheReadersDay() {
        let instant = ISO8601DateFormatter().date(from: "2026-03-31T23:30:00Z")!
        let utc = ReportPeriod.today(instant, zone: TimeZone(identifier: "UTC")!)
        let seoul = ReportPeriod.today(instant, zone: TimeZone(identifier: "Asia/Seoul")!)
        #expect(utc == "2026-03-31")
        #expect(seoul == "2026-04-01")
        #expect(ReportPeriod.thisMonth.days(today: seoul)?.from == "2026-04-01")
    }

    /// ISO weeks start on Monday: 2026-12-01 is a Tuesday, 2026-12-06 a Sunday.
    @Test func weeksRunMondayToSunday() {
        #expect(ReportPeriod.week(today: "2026-12-01") == .init(from: "2026-11-30", to: "2026-12-06"))
        #expect(ReportPeriod.week(today: "2026-12-06") == .init(from: "2026-11-30", to: "2026-12-06"))
        #expect(ReportPeriod.week(today: "2026-11-30") == .init(from: "2026-11-30", to: "2026-12-06"))
        #expect(ReportPeriod.week(today: "2027-01-01") == .init(from: "2026-12-28", to: "2027-01-03"))
        #expect(ReportPeriod.week(today: "1969-12-31") == .init(from: "1969-12-29", to: "1970-01-04"))
    }

    @Test func daysMustExist() {
        #expect(ReportPeriod.isDay("2026-02-28"))
        #expect(ReportPeriod.isDay("2028-02-29"))
        for bad in ["2026-02-30", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00:00", "", "２０２６-01-01", "2026-00-10"] {
            #expect(!ReportPeriod.isDay(bad), "\(bad)")
        }
    }

    /// The month labels are CLDR's year-and-abbreviated-month pattern (`yMMM`) in each
    /// language: "MMM y", "y년 MMM", "y年M月"; checked against ICU's own formatter.
    @Test func monthsInTheReadersLanguage() {
        #expect(PeriodLabel.month("2026-09", language: "en") == "Sep 2026")
        #expect(PeriodLabel.month("2026-09", language: "ko") == "2026년 9월")
        #expect(PeriodLabel.month("2026-09", language: "ja") == "2026年9月")
        #expect(PeriodLabel.month("not a month", language: "ko") == "not a month")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: 2026, month: 9, day: 15))!
        for language in ["en", "ko", "ja"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: language)
            formatter.timeZone = calendar.timeZone
            formatter.setLocalizedDateFormatFromTemplate("yMMM")
            #expect(formatter.string(from: date) == PeriodLabel.month("2026-09", language: language), "\(language)")
        }
        #expect(PeriodLabel.quarter(3, year: 2026, language: "en") == "Q3 2026")
        #expect(PeriodLabel.quarter(3, year: 2026, language: "ko") == "2026년 3분기")
        #expect(PeriodLabel.quarter(3, year: 2026, language: "ja") == "2026年第3四半期")
    }

    @Test func moneyTotalsSaySoWhenTheyLeaveInt64() {
        #expect(MoneyTotal.sum([Int64.max - 1, 1]) == MoneyTotal(.max))
        let over = MoneyTotal.sum([Int64.max, 1, -5])
        #expect(over.overflowed && over.value == .max)
        let under = MoneyTotal.sum([Int64.min, -1])
        #expect(under.overflowed && under.value == .min)
        let fits = MoneyTotal.sum([5_000_000_000_000_000_000, -5_000_000_000_000_000_000, Int64.max])
        #expect(!fits.overflowed && fits.value == .max)
        var carried = MoneyTotal(10)
        carried.add(over)
        #expect(carried.overflowed && carried.value == .max)
    }

    /// Two months of ₩5×10^18 in one row overflow the forecast; the row says so instead of
    /// showing a wrapped or silently clamped figure.
    @Test func forecastAndQuotaRowsFlagOverflow() {
        let stages = SalesReportsTests.stages
        let rows = SalesReports.forecast([
            .init(month: "2026-09", stageID: "lead", currency: "KRW", count: 1, amount: 5_000_000_000_000_000_000),
            .init(month: "2026-09", stageID: "proposal", currency: "KRW", count: 1, amount: 5_000_000_000_000_000_000),
            .init(month: "2026-09", stageID: "lead", currency: "USD", count: 1, amount: 1000),
        ], stages: stages)
        #expect(rows.first { $0.currency == "KRW" }?.overflowed == true)
        #expect(rows.first { $0.currency == "KRW" }?.pipeline == .max)
        #expect(rows.first { $0.currency == "USD" }.map { !$0.overflowed && $0.pipeline == 1000 && $0.weighted == 100 } == true)
        let quota = QuotaReport.rows(
            open: [], won: [.init(month: "2026-09", ownerID: "u", stageID: "won", currency: "KRW", amount: Int64.max),
                            .init(month: "2026-09", ownerID: "u", stageID: "won2", currency: "KRW", amount: 1)],
            quotas: [.init(userID: "u", teamID: nil, month: "2026-09", currency: "KRW", amount: Int64.max),
                     .init(userID: "u", teamID: nil, month: "2026-09", currency: "KRW", amount: Int64.max)],
            probabilities: [:], by: .owner, teams: [:])
        #expect(quota.count == 1 && quota[0].overflowed && quota[0].won == .max && quota[0].quota == .max)
        #expect(quota[0].heading.overflowed)
    }
}
