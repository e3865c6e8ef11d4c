/// A day of the week, Monday first (ISO 8601), with the two-letter codes iCalendar uses.
public enum Weekday: Int, CaseIterable, Sendable, Codable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// `MO`, `TU` … as in an RRULE's BYDAY.
    public var code: String { ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][rawValue] }

    public init?(code: String) {
        guard let i = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].firstIndex(of: code.uppercased()) else { return nil }
        self.init(rawValue: i)
    }

    /// The weekday of a day number (days since 1970-01-01, a Thursday).
    @inline(__always)
    public static func of(day: Int64) -> Weekday {
        let r = (day + 3) % 7
        return Weekday(rawValue: Int(r < 0 ? r + 7 : r))!
    }
}
