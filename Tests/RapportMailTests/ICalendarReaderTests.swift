import Foundation
import RapportMail
import Testing

/// The iCalendar reader on the 2026 Korean and Japanese public-holiday files in
/// Tests/Fixtures/calendar, then on files it must refuse.
@Suite struct ICalendarReaderTests {
    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/calendar/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func dates(_ events: [ICalendarEvent]) -> Set<String> {
        Set(events.flatMap { $0.days.map { String(format: "%04d-%02d-%02d", $0.year, $0.month, $0.day) } })
    }

    @Test func koreanHolidays2026() throws {
        let events = try ICalendarReader.read(Self.fixture("kr-holidays-2026.ics"))
        #expect(events.count == 16)
        let seollal = try #require(events.first { $0.summary == "설날 연휴" })
        #expect(seollal.days.map(\.day) == [16, 17, 18])
        #expect(Self.dates(events) == [
            "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-03-01", "2026-03-02", "2026-05-05", "2026-05-24",
            "2026-05-25", "2026-06-03", "2026-06-06", "2026-08-15", "2026-08-17", "2026-09-24", "2026-09-25", "2026-09-26",
            "2026-10-03", "2026-10-05", "2026-10-09", "2026-12-25",
        ])
        let newYear = try #require(events.first { $0.summary == "신정" })
        #expect(newYear.recurrence?.months == [1] && newYear.recurrence?.monthDays == [1])
        // A folded DESCRIPTION is unfolded and ignored; the summary after it is intact.
        #expect(events.contains { $0.summary == "추석 연휴" && $0.days.count == 3 })
    }

    @Test func japaneseHolidays2026() throws {
        let events = try ICalendarReader.read(Self.fixture("jp-holidays-2026.ics"))
        #expect(events.count == 18)
        let comingOfAge = try #require(events.first { $0.summary == "成人の日" })
        #expect(comingOfAge.start == ICalendarDate(year: 2026, month: 1, day: 12))
        #expect(comingOfAge.recurrence?.weekdays == [.init(ordinal: 2, weekday: "MO")])
        #expect(events.first { $0.summary == "海の日" }?.recurrence?.weekdays == [.init(ordinal: 3, weekday: "MO")])
        #expect(Self.dates(events).contains("2026-05-06") && Self.dates(events).contains("2026-09-22"))
        #expect(Self.dates(events).count == 18)
    }

    @Test func unfoldsLinesAndReadsDateTimesWithZones() throws {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Asia/Tokyo:20260429T090000\r\nDTEND;TZID=\"Asia/Tokyo\":20260429T180000\r\nSUMMARY:昭和\r\n の日\\, 休み\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20261225T000000Z\r\nSUMMARY:Christmas\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let events = try ICalendarReader.read(text)
        #expect(events[0].summary == "昭和の日, 休み")
        #expect(events[0].start == ICalendarDate(year: 2026, month: 4, day: 29, secondOfDay: 9 * 3600, zone: .named("Asia/Tokyo")))
        #expect(events[0].days.count == 1)
        #expect(events[1].start.zone == .utc && events[1].recurrence?.months == [])
    }

    @Test func refusesWhatItCannotReadFully() {
        let head = "BEGIN:VCALENDAR\nBEGIN:VEVENT\n"
        let cases: [(String, Int)] = [
            ("BEGIN:VEVENT\nEND:VEVENT\n", 1),
            (head + "DTSTART;VALUE=DATE:20260230\nEND:VEVENT\nEND:VCALENDAR\n", 3),
            (head + "SUMMARY:no start\nEND:VEVENT\nEND:VCALENDAR\n", 2),
            (head + "DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=WEEKLY;BYDAY=MO\nEND:VEVENT\nEND:VCALENDAR\n", 4),
            (head + "DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=MO\nEND:VEVENT\nEND:VCALENDAR\n", 4),
            (head + "DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1\nEND:VEVENT\nEND:VCALENDAR\n", 4),
            (head + "DTSTART;VALUE=DATE:20260101\nEND:VCALENDAR\n", 4),
            (head + "DTSTART;VALUE=DATE:20260101\nEND:VEVENT\n", 4),
            (head + "DTSTART;TZID=\"Asia/Tokyo:20260101T000000\nEND:VEVENT\nEND:VCALENDAR\n", 3),
            (head + "DTSTART:20260101T250000\nEND:VEVENT\nEND:VCALENDAR\n", 3),
            (head + "DTSTART;VALUE=DATE:20260105\nDTEND;VALUE=DATE:20260101\nEND:VEVENT\nEND:VCALENDAR\n", 2),
        ]
        for (text, line) in cases {
            #expect(throws: ICalendarError.self) { try ICalendarReader.read(text) }
            do { _ = try ICalendarReader.read(text) } catch { #expect(error.line == line, "\(text)") }
        }
    }
}
