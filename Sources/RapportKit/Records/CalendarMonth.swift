/// Calendar months written `YYYY-MM` (a quota's month, a board's close-month filter, a
/// report's range): checked, stepped and turned into day ranges in one place.
public struct CalendarMonth: Sendable, Equatable, Comparable {
    public var year: Int
    public var month: Int

    /// `2026-11`: four ASCII digits, a hyphen, a month 01 to 12; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y >= 1 else { return nil }
        year = y
        month = m
    }

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public var text: String { String(format: "%04d-%02d", year, month) }
    /// The first and last day, `YYYY-MM-DD`, for a date range over the month.
    public var firstDay: String { text + "-01" }
    public var lastDay: String { text + String(format: "-%02d", CivilDate.daysIn(year: year, month: month)) }

    /// This month moved by `n` months (negative goes back).
    public func adding(_ n: Int) -> CalendarMonth {
        let index = year * 12 + (month - 1) + n
        return CalendarMonth(year: index / 12, month: index % 12 + 1)
    }

    /// The months from `from` to `to`, both included; empty when reversed.
    public static func range(_ from: CalendarMonth, _ to: CalendarMonth) -> [CalendarMonth] {
        guard from <= to else { return [] }
        let count = (to.year * 12 + to.month) - (from.year * 12 + from.month) + 1
        return (0..<count).map { from.adding($0) }
    }

    public static func < (a: CalendarMonth, b: CalendarMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
