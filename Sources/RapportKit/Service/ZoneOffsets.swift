import Foundation

/// A time zone's UTC offsets read once into a table, so the SLA clock converts between
/// wall-clock and instants with integer arithmetic and a binary search.
///
/// Foundation's `TimeZone` is asked only here, for the transitions between 2000 and 2100;
/// outside that window each lookup asks it directly (correct, only slower). A wall-clock
/// time that occurs twice (clocks falling back) names its first occurrence; one that does
/// not occur (clocks springing forward) names the instant as far past the jump as the
/// time is past the skipped hour's start, as ``CronSchedule`` does.
public struct ZoneOffsets: Sendable {
    public let zone: TimeZone
    /// Seconds since 1970 at which the offset changes, ascending.
    private let transitions: [Int64]
    /// `offsets[0]` holds before the first transition, `offsets[i + 1]` from transition i.
    private let offsets: [Int64]
    private static let windowStart: Int64 = 946_684_800 // 2000-01-01
    private static let windowEnd: Int64 = 4_102_444_800 // 2100-01-01

    public init(_ zone: TimeZone) {
        self.zone = zone
        var transitions: [Int64] = []
        var offsets: [Int64] = [Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.windowStart))))]
        var cursor = Date(timeIntervalSince1970: Double(Self.windowStart))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < Double(Self.windowEnd) {
            let t = Int64(next.timeIntervalSince1970.rounded(.down))
            let o = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t))))
            if o != offsets[offsets.count - 1] {
                transitions.append(t)
                offsets.append(o)
            }
            // Guard against a transition reported at the cursor itself.
            cursor = Date(timeIntervalSince1970: Double(t + 1))
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// Whether the offset never changes in the window (Asia/Seoul, Asia/Tokyo, UTC).
    public var isFixed: Bool { transitions.isEmpty }

    /// The offset from UTC, in seconds, in force at `seconds` since 1970.
    @inline(__always)
    public func offset(atUTC seconds: Int64) -> Int64 {
        if seconds < Self.windowStart || seconds >= Self.windowEnd {
            return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        }
        if transitions.isEmpty { return offsets[0] }
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if transitions[mid] <= seconds { lo = mid + 1 } else { hi = mid }
        }
        return offsets[lo]
    }

    /// The instant (seconds since 1970) that a local wall-clock time names.
    public func instant(localSeconds local: Int64) -> Int64 {
        if transitions.isEmpty, local >= Self.windowStart, local < Self.windowEnd { return local - offsets[0] }
        // Fast path: the offset a day before and after agree, so no transition is near.
        let before = offset(atUTC: local - 86_400)
        let after = offset(atUTC: local + 86_400)
        if before == after { return local - before }
        var best: Int64?
        for o in [before, after] {
            let t = local - o
            if offset(atUTC: t) == o, best.map({ t < $0 }) ?? true { best = t }
        }
        return best ?? (local - before)
    }

    /// The one offset in force throughout a local day and a day either side, or nil when a
    /// transition is near: then each wall-clock time needs ``instant(localSeconds:)``.
    @inline(__always)
    public func steadyOffset(localDay day: Int64) -> Int64? {
        let local = day * 86_400
        if transitions.isEmpty, local >= Self.windowStart, local < Self.windowEnd - 86_400 { return offsets[0] }
        let a = offset(atUTC: local - 86_400), b = offset(atUTC: local + 2 * 86_400)
        return a == b ? a : nil
    }

    /// The local day number (days since 1970-01-01 on the wall calendar) holding an instant.
    public func localDay(atUTC seconds: Int64) -> Int64 {
        let local = seconds + offset(atUTC: seconds)
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }
}
