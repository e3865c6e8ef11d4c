import Foundation

/// A five-field cron schedule (`minute hour day-of-month month day-of-week`) read in an
/// IANA time zone, so "09:00 on weekdays" stays 09:00 for the people it is for across
/// daylight-saving changes.
///
/// Fields take `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, and lists `a,b`;
/// day-of-week is 0–7 with both 0 and 7 meaning Sunday. As in Vixie cron, when both
/// day-of-month and day-of-week are restricted a day matching either one runs.
///
/// Wall-clock times that a daylight-saving change skips or repeats follow one rule each:
/// - A skipped time (02:30 on the night clocks jump from 02:00 to 03:00) runs as far after
///   the jump as it would have been after 02:00, i.e. at 03:30 — the job is not lost.
/// - A repeated time (01:30 on the night clocks fall back) runs once, at its first
///   occurrence — the job is not doubled.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    public let minutes: Set<Int>
    public let hours: Set<Int>
    public let daysOfMonth: Set<Int>
    public let months: Set<Int>
    public let daysOfWeek: Set<Int>
    let domRestricted: Bool
    let dowRestricted: Bool
    public let description: String

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(_ text: String) throws {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(description: "A schedule has five fields (minute hour day-of-month month day-of-week); '\(text)' has \(fields.count).")
        }
        minutes = try Self.field(fields[0], name: "minute", 0...59)
        hours = try Self.field(fields[1], name: "hour", 0...23)
        daysOfMonth = try Self.field(fields[2], name: "day-of-month", 1...31)
        months = try Self.field(fields[3], name: "month", 1...12)
        daysOfWeek = Set(try Self.field(fields[4], name: "day-of-week", 0...7).map { $0 % 7 })
        domRestricted = !fields[2].hasPrefix("*")
        dowRestricted = !fields[4].hasPrefix("*")
        description = fields.joined(separator: " ")
    }

    static func field(_ text: String, name: String, _ range: ClosedRange<Int>) throws -> Set<Int> {
        var out = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bad = ParseError(description: "The \(name) field '\(text)' is not valid: use numbers \(range.lowerBound)-\(range.upperBound), '*', 'a-b', '*/n' or lists.")
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw bad }
            var step = 1
            if parts.count == 2 {
                guard let s = Int(parts[1]), s >= 1, s <= range.upperBound + 1 else { throw bad }
                step = s
            }
            let span: ClosedRange<Int>
            if parts[0] == "*" {
                span = range
            } else {
                let bounds = parts[0].split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(bounds.count), let lo = Int(bounds[0]), range.contains(lo) else { throw bad }
                if bounds.count == 2 {
                    guard let hi = Int(bounds[1]), range.contains(hi), hi >= lo else { throw bad }
                    span = lo...hi
                } else {
                    // `5/15` means from 5 to the end in steps, as in Vixie cron.
                    span = parts.count == 2 ? lo...range.upperBound : lo...lo
                }
            }
            out.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return out
    }

    func matches(year: Int, month: Int, day: Int) -> Bool {
        guard months.contains(month), day <= CivilDate.daysIn(year: year, month: month) else { return false }
        // 1970-01-01 was a Thursday (4).
        let weekday = Int(((CivilDate.toDays(year: year, month: month, day: day) % 7) + 11) % 7)
        let dom = daysOfMonth.contains(day)
        let dow = daysOfWeek.contains(weekday)
        if domRestricted && dowRestricted { return dom || dow }
        return dom && dow
    }

    /// The first instant strictly after `after` (milliseconds since 1970) at which the
    /// schedule fires in `timeZone`; nil when it never does (`0 0 31 2 *`) within 8 years.
    public func next(after: Int64, in timeZone: TimeZone) -> Int64? {
        let afterSeconds = Int64((Double(after) / 1000).rounded(.down))
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(afterSeconds))))
        // Start a day early: the local day that holds `after` may begin before it in UTC.
        var day = Self.floorDiv(afterSeconds + offset, 86_400) - 1
        let sortedHours = hours.sorted()
        let sortedMinutes = minutes.sorted()
        for _ in 0..<(366 * 8 + 2) {
            defer { day += 1 }
            let (y, m, d) = CivilDate.fromDays(day)
            guard matches(year: Int(y), month: m, day: d) else { continue }
            // The earliest firing this local day after `after`; a repeated or skipped hour
            // can put wall-clock order and instant order apart, so take the minimum.
            var best: Int64?
            for h in sortedHours {
                for mi in sortedMinutes {
                    let local = day * 86_400 + Int64(h * 3600 + mi * 60)
                    let instant = Self.instant(localSeconds: local, in: timeZone) * 1000
                    if instant > after, best.map({ instant < $0 }) ?? true { best = instant }
                }
            }
            if let best { return best }
        }
        return nil
    }

    /// The instant a local wall-clock time names: its first occurrence when clocks fall
    /// back, and the same distance past the jump when clocks skip it.
    static func instant(localSeconds local: Int64, in timeZone: TimeZone) -> Int64 {
        func offset(_ t: Int64) -> Int64 { Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))) }
        let before = offset(local - 86_400)
        let after = offset(local + 86_400)
        var candidates: [Int64] = []
        for o in Set([before, after]) {
            let t = local - o
            if offset(t) == o { candidates.append(t) }
        }
        if let first = candidates.min() { return first }
        // In the gap: read the time with the offset from before the jump.
        return local - before
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }
}
