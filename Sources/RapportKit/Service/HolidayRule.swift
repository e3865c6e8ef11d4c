import Foundation

/// A day on which a business calendar is closed all day.
///
/// Three forms cover public-holiday lists: a one-off date (lunar holidays such as Seollal
/// move every year and are entered per year or imported), the same month and day every
/// year, and the n-th (or last) weekday of a month, as Japan's Happy Monday holidays and
/// US federal holidays are defined.
public enum HolidayRule: Sendable, Equatable, Hashable {
    case date(year: Int, month: Int, day: Int)
    case yearly(month: Int, day: Int)
    /// `ordinal` 1…5 counts from the start of the month, -1 is the last such weekday.
    case nthWeekday(month: Int, weekday: Weekday, ordinal: Int)

    public func matches(year: Int, month: Int, day: Int, weekday: Weekday, daysInMonth: Int) -> Bool {
        switch self {
        case .date(let y, let m, let d): return y == year && m == month && d == day
        case .yearly(let m, let d): return m == month && d == day
        case .nthWeekday(let m, let w, let n):
            guard m == month, w == weekday else { return false }
            if n < 0 { return day + 7 * (-n) > daysInMonth && day + 7 * (-n - 1) <= daysInMonth }
            return (day - 1) / 7 + 1 == n
        }
    }

    /// The stored and typed form: `2026-02-17`, `--05-05` (every year, ISO 8601's
    /// month-day), `01/3MO` (third Monday of January), `05/-1MO` (last Monday of May).
    public var text: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        switch self {
        case .date(let y, let m, let d): return "\(y)-\(two(m))-\(two(d))"
        case .yearly(let m, let d): return "--\(two(m))-\(two(d))"
        case .nthWeekday(let m, let w, let n): return "\(two(m))/\(n)\(w.code)"
        }
    }

    public init?(text raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("--") {
            let parts = text.dropFirst(2).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let m = Int(parts[0]), let d = Int(parts[1]),
                  (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(year: 2000, month: m) else { return nil }
            self = .yearly(month: m, day: d)
        } else if let slash = text.firstIndex(of: "/") {
            let monthText = text[..<slash]
            var rest = Substring(text[text.index(after: slash)...])
            guard monthText.count == 2, let m = Int(monthText), (1...12).contains(m), rest.count >= 3 else { return nil }
            guard let w = Weekday(code: String(rest.suffix(2))) else { return nil }
            rest = rest.dropLast(2)
            guard let n = Int(rest), (1...5).contains(n) || n == -1 else { return nil }
            self = .nthWeekday(month: m, weekday: w, ordinal: n)
        } else {
            guard let (y, m, d) = CivilDate.parseISO(text) else { return nil }
            self = .date(year: y, month: m, day: d)
        }
    }
}

/// A named closed day of a ``BusinessCalendar``.
public struct Holiday: Sendable, Equatable, Hashable {
    public var name: String
    public var rule: HolidayRule

    public init(name: String, rule: HolidayRule) {
        self.name = name
        self.rule = rule
    }
}
