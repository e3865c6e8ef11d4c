import Foundation

/// How long a deal has sat in its stage and whether its close date has passed: the two
/// marks a board shows so a stalled deal stands out before the quarter ends.
public enum DealAging {
    static let day: Int64 = 86_400_000

    /// Whole days from the deal's last arrival in its stage to `now`; nil when the arrival
    /// is not an instant. A deal that arrived a minute ago has been there 0 days.
    public static func daysInStage(enteredAt: String, now: Date) -> Int? {
        guard let entered = Timestamp.parse(enteredAt) else { return nil }
        let nowMillis = Timestamp.millis(now)
        return Int(max(0, nowMillis - entered) / day)
    }

    /// The latest arrival in `stage` among a deal's stage changes (RFC 3339 instants, any
    /// order): a deal moved back to a stage it left counts from its return.
    public static func enteredAt(stage: String, changes: [(to: String, at: String)]) -> String? {
        changes.filter { $0.to == stage }.compactMap { c in Timestamp.parse(c.at).map { (c.at, $0) } }.max { $0.1 < $1.1 }?.0
    }

    /// An open deal whose close date (`yyyy-MM-dd`) is before `today` in the reader's
    /// calendar. Won and lost deals are not overdue: their close date is when they closed.
    public static func isOverdue(closeDate: String?, status: String?, today: String) -> Bool {
        guard status ?? "open" == "open", let closeDate, closeDate.count == 10 else { return false }
        return closeDate < today
    }

    /// `yyyy-MM-dd` of `now` in `timeZone`.
    public static func today(_ now: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        func pad(_ n: Int?, _ w: Int) -> String { let s = String(n ?? 0); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }
}
