import Foundation

/// One stretch of a business day in local wall-clock minutes: `[start, end)` with
/// `0 <= start < end <= 1440` (1440 is the following midnight).
public struct BusinessInterval: Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// `09:00-12:00`.
    public var text: String {
        func hm(_ m: Int) -> String {
            let h = m / 60, mi = m % 60
            return (h < 10 ? "0\(h)" : "\(h)") + ":" + (mi < 10 ? "0\(mi)" : "\(mi)")
        }
        return hm(start) + "-" + hm(end)
    }

    /// Reads `09:00-12:00`; `24:00` is allowed as an end.
    public init?(text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 2 else { return nil }
        func minutes(_ s: Substring) -> Int? {
            let hm = s.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
            guard hm.count == 2, (1...2).contains(hm[0].count), hm[1].count == 2,
                  let h = Int(hm[0]), let m = Int(hm[1]), (0...24).contains(h), (0..<60).contains(m) else { return nil }
            guard h < 24 || m == 0 else { return nil }
            return h * 60 + m
        }
        guard let s = minutes(parts[0]), let e = minutes(parts[1]), s < e else { return nil }
        self.init(start: s, end: e)
    }
}

/// When a team works: a time zone, weekly hours (several intervals a day, so lunch breaks
/// stop the clock) and holidays; or calendar hours, where every millisecond counts.
///
/// All arithmetic is on milliseconds since 1970 UTC. Wall-clock times are turned into
/// instants per local day through ``ZoneOffsets``, so a business day in New York is
/// 9:00–17:00 local on both sides of a daylight-saving change (the day of the change is
/// as long as its wall clock says), and no `Foundation.Calendar` is involved.
public struct BusinessCalendar: Sendable {
    public enum Hours: Sendable, Equatable {
        /// Calendar hours: 24 hours a day, 7 days a week, holidays included.
        case always
        /// Seven lists of intervals, Monday first, each sorted and not overlapping.
        case weekly([[BusinessInterval]])
    }

    public let offsets: ZoneOffsets
    public let hours: Hours
    public let holidays: [Holiday]
    /// One bit per local day from 2000 to 2099 that some holiday closes, so the clock's
    /// day walk tests a bit instead of every rule; days outside read the rules.
    private let closedDays: [UInt64]
    private static let firstDay = CivilDate.toDays(year: 2000, month: 1, day: 1)
    private static let dayCount = Int(CivilDate.toDays(year: 2100, month: 1, day: 1) - CivilDate.toDays(year: 2000, month: 1, day: 1))

    public init(zone: TimeZone, hours: Hours, holidays: [Holiday] = []) {
        self.offsets = ZoneOffsets(zone)
        self.hours = hours
        self.holidays = holidays
        var bits = [UInt64](repeating: 0, count: holidays.isEmpty ? 0 : (Self.dayCount + 63) / 64)
        func mark(_ y: Int, _ m: Int, _ d: Int) {
            guard (2000...2099).contains(y), d >= 1, d <= CivilDate.daysIn(year: y, month: m) else { return }
            let i = Int(CivilDate.toDays(year: y, month: m, day: d) - Self.firstDay)
            bits[i >> 6] |= 1 << UInt64(i & 63)
        }
        for h in holidays {
            switch h.rule {
            case .date(let y, let m, let d): mark(y, m, d)
            case .yearly(let m, let d): for y in 2000...2099 { mark(y, m, d) }
            case .nthWeekday(let m, let w, let n):
                for y in 2000...2099 {
                    let dim = CivilDate.daysIn(year: y, month: m)
                    for d in 1...dim where h.rule.matches(year: y, month: m, day: d, weekday: Weekday.of(day: CivilDate.toDays(year: y, month: m, day: d)), daysInMonth: dim) {
                        mark(y, m, d)
                    }
                    _ = (w, n)
                }
            }
        }
        self.closedDays = bits
    }

    @inline(__always)
    private func isClosed(localDay day: Int64) -> Bool {
        if closedDays.isEmpty { return false }
        let i = day - Self.firstDay
        if i >= 0, i < Int64(Self.dayCount) { return closedDays[Int(i >> 6)] & (1 << UInt64(i & 63)) != 0 }
        return holiday(onLocalDay: day) != nil
    }

    /// A 24x7 calendar in UTC.
    public static let calendarHours = BusinessCalendar(zone: TimeZone(identifier: "UTC")!, hours: .always)

    /// Monday to Friday, one interval a day.
    public static func weekdays(_ intervals: [BusinessInterval], zone: TimeZone, holidays: [Holiday] = []) -> BusinessCalendar {
        BusinessCalendar(zone: zone, hours: .weekly(Array(repeating: intervals, count: 5) + [[], []]), holidays: holidays)
    }

    public var zone: TimeZone { offsets.zone }

    /// Why a weekly list cannot be used, as (weekday, message), or nil when it can.
    public static func problem(in week: [[BusinessInterval]]) -> (Weekday, String)? {
        guard week.count == 7 else { return (.monday, "Expected seven days.") }
        for (i, day) in week.enumerated() {
            var last = -1
            for iv in day {
                guard iv.start >= 0, iv.end <= 1440, iv.start < iv.end else { return (Weekday(rawValue: i)!, "Each interval must start before it ends, within the day.") }
                guard iv.start >= last else { return (Weekday(rawValue: i)!, "Intervals must be in order and must not overlap.") }
                last = iv.end
            }
        }
        return nil
    }

    /// The first holiday that closes a local day, if any.
    public func holiday(onLocalDay day: Int64) -> Holiday? {
        guard !holidays.isEmpty else { return nil }
        let (y, m, d) = CivilDate.fromDays(day)
        let w = Weekday.of(day: day)
        let dim = CivilDate.daysIn(year: Int(y), month: m)
        return holidays.first { $0.rule.matches(year: Int(y), month: m, day: d, weekday: w, daysInMonth: dim) }
    }

    @inline(__always)
    private func intervals(onLocalDay day: Int64, week: [[BusinessInterval]]) -> [BusinessInterval] {
        let list = week[Weekday.of(day: day).rawValue]
        if list.isEmpty || isClosed(localDay: day) { return [] }
        return list
    }

    @inline(__always)
    private func instantMillis(day: Int64, minute: Int) -> Int64 {
        offsets.instant(localSeconds: day * 86_400 + Int64(minute) * 60) * 1000
    }

    /// Like ``instantMillis(day:minute:)`` with the day's steady offset read once.
    @inline(__always)
    private func instantMillis(day: Int64, minute: Int, steady: Int64?) -> Int64 {
        guard let steady else { return instantMillis(day: day, minute: minute) }
        return (day * 86_400 + Int64(minute) * 60 - steady) * 1000
    }

    private static func floorSeconds(_ ms: Int64) -> Int64 { ms >= 0 ? ms / 1000 : (ms - 999) / 1000 }

    /// Business time, in milliseconds, between two instants (0 when `to <= from`).
    public func businessMillis(from: Int64, to: Int64) -> Int64 {
        guard to > from else { return 0 }
        guard case .weekly(let week) = hours else { return to - from }
        // Start a day early: an interval of the previous local day may end after `from`
        // only if it runs to midnight, which instants of that day cover.
        var day = offsets.localDay(atUTC: Self.floorSeconds(from)) - 1
        var total: Int64 = 0
        while true {
            if instantMillis(day: day, minute: 0) >= to { return total }
            for iv in intervals(onLocalDay: day, week: week) {
                let s = max(instantMillis(day: day, minute: iv.start), from)
                let e = min(instantMillis(day: day, minute: iv.end), to)
                if e > s { total += e - s }
            }
            day += 1
        }
    }

    /// Business time between two instants and, in the same walk, the instant at which
    /// `budget` of it had passed, if it had by `to` (`from` itself for a budget of 0).
    public func measure(from: Int64, to: Int64, budget: Int64) -> (millis: Int64, reachedAt: Int64?) {
        guard to > from else { return (0, budget <= 0 ? from : nil) }
        guard case .weekly(let week) = hours else {
            let span = to - from
            return (span, budget <= span ? from + max(budget, 0) : nil)
        }
        var reachedAt: Int64? = budget <= 0 ? from : nil
        var day = offsets.localDay(atUTC: Self.floorSeconds(from)) - 1
        var total: Int64 = 0
        while true {
            let list = intervals(onLocalDay: day, week: week)
            let steady = offsets.steadyOffset(localDay: day)
            if list.isEmpty {
                if instantMillis(day: day, minute: 0, steady: steady) >= to { return (total, reachedAt) }
            } else {
                if instantMillis(day: day, minute: list[0].start, steady: steady) >= to { return (total, reachedAt) }
                for iv in list {
                    let s = max(instantMillis(day: day, minute: iv.start, steady: steady), from)
                    let e = min(instantMillis(day: day, minute: iv.end, steady: steady), to)
                    guard e > s else { continue }
                    if reachedAt == nil, budget - total <= e - s { reachedAt = s + (budget - total) }
                    total += e - s
                }
            }
            day += 1
        }
    }

    /// The instant at which `millis` of business time will have passed since `from`; nil
    /// when the calendar has no business hours within ten years. A target that ends
    /// exactly at closing time is due at closing time, not at the next opening.
    public func advance(from: Int64, by millis: Int64) -> Int64? {
        guard millis > 0 else { return from }
        guard case .weekly(let week) = hours else {
            let (r, o) = from.addingReportingOverflow(millis)
            return o ? nil : r
        }
        var remaining = millis
        var day = offsets.localDay(atUTC: Self.floorSeconds(from)) - 1
        for _ in 0..<(366 * 10) {
            let list = intervals(onLocalDay: day, week: week)
            let steady = list.isEmpty ? nil : offsets.steadyOffset(localDay: day)
            for iv in list {
                let s = max(instantMillis(day: day, minute: iv.start, steady: steady), from)
                let e = instantMillis(day: day, minute: iv.end, steady: steady)
                guard e > s else { continue }
                if remaining <= e - s { return s + remaining }
                remaining -= e - s
            }
            day += 1
        }
        return nil
    }
}
