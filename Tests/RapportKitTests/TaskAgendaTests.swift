import Foundation
import RapportKit
import Testing

/// Home's task groups follow the user's own calendar day, including the zones' real rules
/// from the tz database (Seoul has no daylight saving; New York's day of the March change
/// is 23 hours long).
@Suite struct TaskAgendaTests {
    static func ms(_ text: String) -> Int64 { Timestamp.parse(text)! }

    @Test func seoulAndUTCDisagreeAboutToday() {
        // 16:30 UTC on 1 December is 01:30 on 2 December in Seoul.
        let now = Self.ms("2026-12-01T16:30:00Z")
        let seoul = TaskAgenda.window(now: now, zone: TimeZone(identifier: "Asia/Seoul")!)
        let utc = TaskAgenda.window(now: now, zone: TimeZone(identifier: "UTC")!)
        #expect(seoul.startOfToday == Self.ms("2026-12-01T15:00:00Z"))
        #expect(utc.startOfToday == Self.ms("2026-12-01T00:00:00Z"))
        // Due 14:00 UTC: yesterday evening in Seoul, this afternoon in UTC.
        #expect(TaskAgenda.bucket(due: Self.ms("2026-12-01T14:00:00Z"), in: seoul) == .overdue)
        #expect(TaskAgenda.bucket(due: Self.ms("2026-12-01T14:00:00Z"), in: utc) == .today)
        // Due 03:00 UTC tomorrow: today at noon in Seoul, tomorrow in UTC.
        #expect(TaskAgenda.bucket(due: Self.ms("2026-12-02T03:00:00Z"), in: seoul) == .today)
        #expect(TaskAgenda.bucket(due: Self.ms("2026-12-02T03:00:00Z"), in: utc) == .upcoming)
        // Seven days on, and beyond.
        #expect(TaskAgenda.bucket(due: Self.ms("2026-12-09T14:59:59Z"), in: seoul) == .upcoming)
        #expect(TaskAgenda.bucket(due: Self.ms("2026-12-09T15:00:00Z"), in: seoul) == nil)
    }

    @Test func daylightSavingDayIsTwentyThreeHours() {
        let zone = TimeZone(identifier: "America/New_York")!
        let w = TaskAgenda.window(now: Self.ms("2026-03-08T15:00:00Z"), zone: zone)
        #expect(w.startOfToday == Self.ms("2026-03-08T05:00:00Z"))
        #expect(w.endOfToday == Self.ms("2026-03-09T04:00:00Z"))
    }
}
