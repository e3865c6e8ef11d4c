/// A DTSTART or DTEND value: a whole day (`VALUE=DATE`) or a date-time, with the zone it
/// was written in. Holidays only need the date as written, so no conversion happens here.
public struct ICalendarDate: Sendable, Equatable, Hashable {
    public enum Zone: Sendable, Equatable, Hashable {
        /// `VALUE=DATE`: a calendar day, no time.
        case allDay
        /// A time with no zone: the same wall-clock time everywhere.
        case floating
        case utc
        /// `TZID=Asia/Tokyo`.
        case named(String)
    }

    public var year: Int
    public var month: Int
    public var day: Int
    /// Seconds since local midnight; 0 for a whole day.
    public var secondOfDay: Int
    public var zone: Zone

    public init(year: Int, month: Int, day: Int, secondOfDay: Int = 0, zone: Zone = .allDay) {
        self.year = year
        self.month = month
        self.day = day
        self.secondOfDay = secondOfDay
        self.zone = zone
    }

    /// Days since 1970-01-01 of the written date (proleptic Gregorian).
    public var dayNumber: Int64 { ICalendarDate.dayNumber(year: year, month: month, day: day) }

    static func dayNumber(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
