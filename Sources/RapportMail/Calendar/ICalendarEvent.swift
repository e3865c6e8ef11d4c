/// One VEVENT of a calendar file, reduced to what a holiday list needs.
public struct ICalendarEvent: Sendable, Equatable {
    public var summary: String
    public var start: ICalendarDate
    /// Exclusive, as RFC 5545 defines DTEND; nil when the file gave none.
    public var end: ICalendarDate?
    public var recurrence: ICalendarRecurrence?

    /// The days the event covers, as written: DTEND is exclusive, so a one-day holiday
    /// written as 17 to 18 February covers only the 17th. At most 31 days, so a wrong file
    /// cannot turn into a year of holidays.
    public var days: [(year: Int, month: Int, day: Int)] {
        let first = start.dayNumber
        var last = first
        if let end, start.zone == .allDay, end.dayNumber > first { last = min(end.dayNumber - 1, first + 30) }
        return (first...last).map { n in
            let z = n + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = Int(doy - (153 * mp + 2) / 5 + 1)
            let m = Int(mp < 10 ? mp + 3 : mp - 9)
            return (Int(yoe + era * 400) + (m <= 2 ? 1 : 0), m, d)
        }
    }
}
