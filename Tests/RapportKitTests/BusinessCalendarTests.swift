import Foundation
import PropertyBased
import RapportKit
import Testing

/// Business-time arithmetic: holiday rules, time zones with and without daylight saving,
/// and properties that hold for any instant and any amount.
@Suite struct BusinessCalendarTests {
    static func ms(_ text: String) -> Int64 { Timestamp.parse(text)! }
    static func day(_ iso: String) -> Int64 {
        let (y, m, d) = CivilDate.parseISO(iso)!
        return CivilDate.toDays(year: y, month: m, day: d)
    }
    static let nineToFive = [BusinessInterval(text: "09:00-17:00")!]

    @Test func holidayRulesReadAndMatch() throws {
        // US federal holidays 2026 (OPM's published list): Martin Luther King Jr. Day is the
        // third Monday of January, 19 January; Memorial Day the last Monday of May, 25 May.
        let mlk = try #require(HolidayRule(text: "01/3MO"))
        let memorial = try #require(HolidayRule(text: "05/-1MO"))
        let ny = BusinessCalendar.weekdays(Self.nineToFive, zone: TimeZone(identifier: "America/New_York")!,
                                           holidays: [Holiday(name: "MLK", rule: mlk), Holiday(name: "Memorial Day", rule: memorial),
                                                      Holiday(name: "Independence Day", rule: HolidayRule(text: "--07-04")!)])
        #expect(ny.holiday(onLocalDay: Self.day("2026-01-19"))?.name == "MLK")
        #expect(ny.holiday(onLocalDay: Self.day("2026-01-12")) == nil)
        #expect(ny.holiday(onLocalDay: Self.day("2026-05-25"))?.name == "Memorial Day")
        #expect(ny.holiday(onLocalDay: Self.day("2026-05-18")) == nil)
        #expect(ny.holiday(onLocalDay: Self.day("2027-05-31"))?.name == "Memorial Day")
        #expect(ny.holiday(onLocalDay: Self.day("2031-07-04"))?.name == "Independence Day")
        for text in ["2026-09-25", "--12-25", "01/2MO", "05/-1MO"] { #expect(HolidayRule(text: text)?.text == text) }
        for bad in ["2026-02-30", "--13-01", "--02-30", "01/6MO", "01/0MO", "00/1MO", "01/1XX", "", "tomorrow"] { #expect(HolidayRule(text: bad) == nil) }
    }

    @Test func intervalsReadStrictly() {
        #expect(BusinessInterval(text: "09:00-18:00") == BusinessInterval(start: 540, end: 1080))
        #expect(BusinessInterval(text: "00:00-24:00") == BusinessInterval(start: 0, end: 1440))
        for bad in ["18:00-09:00", "09:00-09:00", "9-18", "24:30-25:00", "09:60-10:00", "09:00"] { #expect(BusinessInterval(text: bad) == nil) }
        #expect(BusinessCalendar.problem(in: Array(repeating: [BusinessInterval(start: 600, end: 700), BusinessInterval(start: 650, end: 800)], count: 7))?.0 == .monday)
    }

    @Test func zoneTableAgreesWithTheTimeZoneDatabase() {
        for id in ["America/New_York", "Asia/Seoul", "Asia/Tokyo", "Europe/Berlin", "Australia/Lord_Howe"] {
            let zone = TimeZone(identifier: id)!
            let table = ZoneOffsets(zone)
            var t: Int64 = 946_684_800 // 2000-01-01
            while t < 2_208_988_800 { // 2040
                #expect(table.offset(atUTC: t) == Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))), "\(id) at \(t)")
                t += 86_400 * 5 + 3_607
            }
        }
        #expect(ZoneOffsets(TimeZone(identifier: "Asia/Seoul")!).isFixed)
        #expect(!ZoneOffsets(TimeZone(identifier: "America/New_York")!).isFixed)
    }

    @Test func daylightSavingDaysAreAsLongAsTheirWallClock() {
        let allDay = Array(repeating: [BusinessInterval(start: 0, end: 1440)], count: 7)
        let ny = BusinessCalendar(zone: TimeZone(identifier: "America/New_York")!, hours: .weekly(allDay))
        // 2026-03-08 (spring forward) has 23 hours, 2026-11-01 (fall back) 25.
        #expect(ny.businessMillis(from: Self.ms("2026-03-08T05:00:00Z"), to: Self.ms("2026-03-09T04:00:00Z")) == 23 * 3_600_000)
        #expect(ny.businessMillis(from: Self.ms("2026-11-01T04:00:00Z"), to: Self.ms("2026-11-02T05:00:00Z")) == 25 * 3_600_000)
        // 9–5 is eight hours on either side of the change: Friday 16:00 EST + 2h → Monday 10:00 EDT.
        let office = BusinessCalendar.weekdays(Self.nineToFive, zone: TimeZone(identifier: "America/New_York")!)
        #expect(office.advance(from: Self.ms("2026-03-06T21:00:00Z"), by: 2 * 3_600_000) == Self.ms("2026-03-09T14:00:00Z"))
        #expect(office.businessMillis(from: Self.ms("2026-03-06T14:00:00Z"), to: Self.ms("2026-03-09T21:00:00Z")) == 16 * 3_600_000)
    }

    @Test func aWeekWithNoHoursNeverFallsDue() {
        let closed = BusinessCalendar(zone: TimeZone(identifier: "Asia/Seoul")!, hours: .weekly(Array(repeating: [], count: 7)))
        #expect(closed.advance(from: Self.ms("2026-11-02T00:00:00Z"), by: 60_000) == nil)
        #expect(closed.businessMillis(from: Self.ms("2026-11-02T00:00:00Z"), to: Self.ms("2026-11-09T00:00:00Z")) == 0)
    }

    // Properties over instants 2020–2035 and targets up to two working weeks.
    static let instants = Gen.int64(in: 1_577_836_800_000...2_051_222_400_000)
    static let amounts = Gen.int64(in: 0...(80 * 3_600_000))
    static let zones = Gen<String>.oneOf(Gen.always("Asia/Seoul"), Gen.always("Asia/Tokyo"), Gen.always("America/New_York"))
    static let calendars: [String: BusinessCalendar] = Dictionary(uniqueKeysWithValues: ["Asia/Seoul", "Asia/Tokyo", "America/New_York"].map { id in
        (id, BusinessCalendar(zone: TimeZone(identifier: id)!,
                              hours: .weekly(Array(repeating: [BusinessInterval(start: 540, end: 720), BusinessInterval(start: 780, end: 1080)], count: 5) + [[BusinessInterval(start: 600, end: 840)], []]),
                              holidays: [Holiday(name: "New Year", rule: .yearly(month: 1, day: 1)), Holiday(name: "Thanksgiving", rule: .nthWeekday(month: 11, weekday: .thursday, ordinal: 4))]))
    })

    @Test func dueIsNeverBeforeStartAndUsesExactlyTheAmount() async {
        await propertyCheck(count: 300, input: Self.instants, Self.amounts, Self.zones) { start, amount, zone in
            let cal = Self.calendars[zone]!
            let due = cal.advance(from: start, by: amount)!
            #expect(due >= start)
            #expect(cal.businessMillis(from: start, to: due) == amount)
        }
    }

    @Test func calendarHoursAreArithmetic() async {
        await propertyCheck(count: 300, input: Self.instants, Self.amounts) { start, amount in
            #expect(BusinessCalendar.calendarHours.advance(from: start, by: amount) == start + amount)
            #expect(BusinessCalendar.calendarHours.businessMillis(from: start, to: start + amount) == amount)
            let policy = SLAPolicy(name: "24x7", targets: [.normal: SLATargets(resolution: Int(amount / 60_000))])
            let r = SLAClock.evaluate(policy: policy, calendar: .calendarHours, events: [SLAEvent(at: start, kind: .created(status: .open, priority: .normal))], now: start)
            #expect(r.first?.dueAt == start + (amount / 60_000) * 60_000)
        }
    }

    @Test func pausingNeverMakesDueEarlier() async {
        let gaps = Gen.int64(in: 0...(72 * 3_600_000))
        await propertyCheck(count: 300, input: Self.instants, gaps, gaps, Self.zones) { start, pauseAfter, pauseFor, zone in
            let cal = Self.calendars[zone]!
            let policy = SLAPolicy(name: "p", targets: [.normal: SLATargets(firstResponse: 240, resolution: 960)])
            let created = SLAEvent(at: start, kind: .created(status: .open, priority: .normal))
            let resumedAt = start + pauseAfter + pauseFor
            let now = resumedAt + 1
            let plain = SLAClock.evaluate(policy: policy, calendar: cal, events: [created], now: now)
            let paused = SLAClock.evaluate(policy: policy, calendar: cal, events: [
                created,
                SLAEvent(at: start + pauseAfter, kind: .statusChanged(to: .pendingCustomer)),
                SLAEvent(at: resumedAt, kind: .statusChanged(to: .open)),
            ], now: now)
            for (a, b) in zip(plain, paused) {
                #expect(b.elapsedMillis <= a.elapsedMillis)
                if let da = a.dueAt, let db = b.dueAt { #expect(db >= da) }
                if let ba = a.breachedAt, let bb = b.breachedAt { #expect(bb >= ba) }
                if a.breachedAt == nil { #expect(b.breachedAt == nil) }
            }
        }
    }
}
