import Foundation
import RapportKit
import Testing

/// Five-field cron schedules in IANA time zones. The daylight-saving dates are the United
/// States' published 2026 rules (second Sunday of March 02:00 → 03:00, first Sunday of
/// November 02:00 → 01:00); Korea and Japan keep one offset all year (UTC+9).
@Suite struct CronScheduleTests {
    static func ms(_ text: String) -> Int64 { Timestamp.parse(text)! }
    static func zone(_ id: String) -> TimeZone { TimeZone(identifier: id)! }

    static func next(_ cron: String, after: String, _ zone: String) throws -> String? {
        try CronSchedule(cron).next(after: ms(after), in: Self.zone(zone)).map { Timestamp.format(millisecondsSince1970: $0) }
    }

    @Test func seoulWeekdayMorningSkipsTheWeekend() throws {
        // 2026-12-04 is a Friday; 09:00 KST is 00:00 UTC.
        #expect(try Self.next("0 9 * * 1-5", after: "2026-12-03T00:00:00Z", "Asia/Seoul") == "2026-12-04T00:00:00.000Z")
        #expect(try Self.next("0 9 * * 1-5", after: "2026-12-04T00:00:00Z", "Asia/Seoul") == "2026-12-07T00:00:00.000Z")
    }

    @Test func tokyoFirstOfTheMonthIsTheDayBeforeInUTC() throws {
        #expect(try Self.next("0 0 1 * *", after: "2026-12-01T00:00:00Z", "Asia/Tokyo") == "2026-12-31T15:00:00.000Z")
    }

    @Test func newYorkSpringForwardRunsTheSkippedTimeAfterTheJump() throws {
        // 02:30 does not exist on 2026-03-08 in New York: it runs at 03:30 EDT (07:30 UTC).
        #expect(try Self.next("30 2 * * *", after: "2026-03-07T12:00:00Z", "America/New_York") == "2026-03-08T07:30:00.000Z")
        // The day before was still EST (UTC−5), the day after is EDT (UTC−4).
        #expect(try Self.next("30 2 * * *", after: "2026-03-06T12:00:00Z", "America/New_York") == "2026-03-07T07:30:00.000Z")
        #expect(try Self.next("30 2 * * *", after: "2026-03-08T07:30:00Z", "America/New_York") == "2026-03-09T06:30:00.000Z")
        // 09:00 keeps meaning 09:00 local across the change.
        #expect(try Self.next("0 9 * * *", after: "2026-03-07T15:00:00Z", "America/New_York") == "2026-03-08T13:00:00.000Z")
    }

    @Test func newYorkFallBackRunsTheRepeatedTimeOnce() throws {
        // 01:30 happens twice on 2026-11-01: at 05:30 UTC (EDT) and 06:30 UTC (EST). Once.
        #expect(try Self.next("30 1 * * *", after: "2026-10-31T12:00:00Z", "America/New_York") == "2026-11-01T05:30:00.000Z")
        #expect(try Self.next("30 1 * * *", after: "2026-11-01T05:30:00Z", "America/New_York") == "2026-11-02T06:30:00.000Z")
        // Hourly: 01:00 EDT, then 02:00 EST; the repeated 01:00 EST is not a second run.
        #expect(try Self.next("0 * * * *", after: "2026-11-01T04:30:00Z", "America/New_York") == "2026-11-01T05:00:00.000Z")
        #expect(try Self.next("0 * * * *", after: "2026-11-01T05:00:00Z", "America/New_York") == "2026-11-01T07:00:00.000Z")
    }

    @Test func dayOfMonthAndDayOfWeekEitherMatchWhenBothAreSet() throws {
        // Vixie cron: "13th or Friday". 2026-12-04 is the next Friday after 12-01.
        #expect(try Self.next("0 0 13 * 5", after: "2026-12-01T00:00:00Z", "UTC") == "2026-12-04T00:00:00.000Z")
        #expect(try Self.next("0 0 13 * *", after: "2026-12-01T00:00:00Z", "UTC") == "2026-12-13T00:00:00.000Z")
        #expect(try Self.next("0 0 * * 7", after: "2026-12-01T00:00:00Z", "UTC") == "2026-12-06T00:00:00.000Z")
    }

    @Test func leapDayAndImpossibleDates() throws {
        #expect(try Self.next("0 0 29 2 *", after: "2026-03-01T00:00:00Z", "UTC") == "2028-02-29T00:00:00.000Z")
        #expect(try Self.next("0 0 31 2 *", after: "2026-03-01T00:00:00Z", "UTC") == nil)
    }

    @Test func stepsRangesAndLists() throws {
        let s = try CronSchedule("*/15 9-17/4 1,15 * 1-5")
        #expect(s.minutes == [0, 15, 30, 45])
        #expect(s.hours == [9, 13, 17])
        #expect(s.daysOfMonth == [1, 15])
        #expect(try CronSchedule("5/20 * * * *").minutes == [5, 25, 45])
        #expect(try Self.next("*/15 * * * *", after: "2026-12-01T10:07:00Z", "UTC") == "2026-12-01T10:15:00.000Z")
    }

    @Test(arguments: ["61 * * * *", "* * * *", "*/0 * * * *", "5-1 * * * *", "a * * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "1,,2 * * * *", "* * * * * *"])
    func rejectsBadSchedules(_ text: String) {
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule(text) }
    }
}

/// Equal-jitter backoff (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015):
/// the wait after attempt n lies in [c/2, c) with c = min(cap, base · 2ⁿ⁻¹).
@Suite struct RetryBackoffTests {
    @Test func doublesPerAttemptWithinHalfJitterAndStopsAtTheCap() {
        let b = RetryBackoff(baseMilliseconds: 10_000, capMilliseconds: 3_600_000)
        #expect(b.delay(afterAttempt: 1, random: 0) == 5_000)
        #expect(b.delay(afterAttempt: 1, random: 0.5) == 7_500)
        #expect(b.delay(afterAttempt: 3, random: 0) == 20_000)
        #expect(b.delay(afterAttempt: 3, random: 0.999) == 39_980)
        #expect(b.delay(afterAttempt: 10, random: 0) == 1_800_000)
        #expect(b.delay(afterAttempt: 200, random: 0) == 1_800_000)
        for attempt in 1...30 {
            let c = min(3_600_000, 10_000 << Int64(min(attempt - 1, 40)))
            for r in [0.0, 0.3, 0.999_999] {
                let d = b.delay(afterAttempt: attempt, random: r)
                #expect(d >= c / 2 && d < c + 1)
            }
        }
    }
}
