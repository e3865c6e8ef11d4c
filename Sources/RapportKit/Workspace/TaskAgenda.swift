import Foundation

/// Where a task belongs on Home: overdue, today or upcoming, by the day in the user's own
/// time zone. "Today" is the user's calendar day, so a task due at 01:00 in Seoul is
/// today's for a Seoul user while a London colleague still sees it as tomorrow's.
public enum TaskAgenda {
    public enum Bucket: String, Sendable, CaseIterable {
        /// Due before the start of the user's today.
        case overdue
        /// Due during the user's today, earlier hours included.
        case today
        /// Due after today, within the following ``upcomingDays`` days.
        case upcoming
    }

    public static let upcomingDays = 7

    /// The user's day boundaries, milliseconds since 1970.
    public struct Window: Sendable, Equatable {
        public var startOfToday: Int64
        public var endOfToday: Int64
        public var endOfUpcoming: Int64
    }

    public static func window(now: Int64, zone: TimeZone) -> Window {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.startOfDay(for: Date(timeIntervalSince1970: Double(now) / 1000))
        let end = calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
        let last = calendar.date(byAdding: .day, value: 1 + upcomingDays, to: start) ?? end.addingTimeInterval(Double(upcomingDays) * 86_400)
        func ms(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded()) }
        return Window(startOfToday: ms(start), endOfToday: ms(end), endOfUpcoming: ms(last))
    }

    /// nil for a task due after the upcoming days.
    public static func bucket(due: Int64, in window: Window) -> Bucket? {
        if due < window.startOfToday { return .overdue }
        if due < window.endOfToday { return .today }
        if due < window.endOfUpcoming { return .upcoming }
        return nil
    }
}
