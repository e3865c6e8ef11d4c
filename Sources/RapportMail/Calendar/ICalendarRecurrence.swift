/// The part of an RRULE that public-holiday calendars use: `FREQ=YEARLY` with `BYMONTH`
/// and either `BYMONTHDAY` (5 May every year) or `BYDAY` with an ordinal (`3MO`, `-1MO`).
/// Anything else in a rule is refused rather than half understood.
/// A bare `FREQ=YEARLY` (all lists empty) repeats the event's own month and day.
public struct ICalendarRecurrence: Sendable, Equatable, Hashable {
    public struct WeekdayOrdinal: Sendable, Equatable, Hashable {
        /// 1…5 from the start of the month, -1…-5 from its end.
        public var ordinal: Int
        /// `MO` … `SU`.
        public var weekday: String

        public init(ordinal: Int, weekday: String) {
            self.ordinal = ordinal
            self.weekday = weekday
        }
    }

    public var months: [Int]
    public var monthDays: [Int]
    public var weekdays: [WeekdayOrdinal]
    /// The last year the rule runs in (from UNTIL), if bounded.
    public var untilYear: Int?
    public var count: Int?
}
