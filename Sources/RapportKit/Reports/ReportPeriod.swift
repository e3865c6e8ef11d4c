import Foundation

/// The date ranges a sales report is read over, as the anchors offer them (this month,
/// this quarter, last quarter, this year, or two days typed in). Days are calendar days in
/// the reader's time zone: "this month" for a rep in Seoul starts at midnight in Seoul.
public enum ReportPeriod: String, Sendable, CaseIterable {
    case thisMonth = "this_month"
    case thisQuarter = "this_quarter"
    case lastQuarter = "last_quarter"
    case thisYear = "this_year"
    case custom

    /// An inclusive range of ISO days (`2026-07-01` … `2026-09-30`); either end may be open
    /// for a custom range.
    public struct Days: Sendable, Equatable {
        public var from: String?
        public var to: String?

        public init(from: String?, to: String?) {
            self.from = from
            self.to = to
        }
    }

    /// The days of this period around `today` (an ISO day in the reader's zone); a custom
    /// period takes `from` and `to` as given.
    public func days(today: String, from: String? = nil, to: String? = nil) -> Days? {
        guard let month = CalendarMonth(String(today.prefix(7))) else { return nil }
        let quarterStart = CalendarMonth(year: month.year, month: (month.month - 1) / 3 * 3 + 1)
        switch self {
        case .thisMonth: return Days(from: month.firstDay, to: month.lastDay)
        case .thisQuarter: return Days(from: quarterStart.firstDay, to: quarterStart.adding(2).lastDay)
        case .lastQuarter: return Days(from: quarterStart.adding(-3).firstDay, to: quarterStart.adding(-1).lastDay)
        case .thisYear: return Days(from: CalendarMonth(year: month.year, month: 1).firstDay, to: CalendarMonth(year: month.year, month: 12).lastDay)
        case .custom: return Days(from: from, to: to)
        }
    }

    /// Today as an ISO day in `zone`.
    public static func today(_ now: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let d = calendar.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", d.year ?? 1970, d.month ?? 1, d.day ?? 1)
    }

    /// A day written `YYYY-MM-DD` that exists on the calendar (no 2026-02-30).
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...9999).contains(y), (1...12).contains(m) else { return false }
        return (1...CivilDate.daysIn(year: y, month: m)).contains(d)
    }
}

extension ReportPeriod {
    /// The ISO week (Monday to Sunday) that holds `today`, as the dashboard's "this week".
    public static func week(today: String) -> Days? {
        guard isDay(today), let (y, m, d) = CivilDate.parseISO(today) else { return nil }
        let n = CivilDate.toDays(year: y, month: m, day: d)
        // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
        let monday = n - ((n % 7 + 7 + 3) % 7)
        func iso(_ days: Int64) -> String {
            let (y, m, d) = CivilDate.fromDays(days)
            return String(format: "%04d-%02d-%02d", Int(y), m, d)
        }
        return Days(from: iso(monday), to: iso(monday + 6))
    }
}
