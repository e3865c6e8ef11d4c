extension ServiceReport {
    static let weekMillis: Int64 = 7 * 86_400_000

    /// The rolling seven-day window, of `count` ending at `now` (oldest first), that `at`
    /// falls in; nil when it is older or in the future. Rolling windows rather than calendar
    /// weeks, so the last bar is always a full week and not a Monday's few hours.
    public static func weekIndex(_ at: Int64, now: Int64, count: Int) -> Int? {
        guard count > 0, at <= now else { return nil }
        let back = (now - at) / weekMillis
        return back < Int64(count) ? count - 1 - Int(back) : nil
    }

    /// The first instant of window `index` (see ``weekIndex(_:now:count:)``).
    public static func weekStart(_ index: Int, now: Int64, count: Int) -> Int64 {
        now - Int64(count - index) * weekMillis + 1
    }

    /// Compliance week by week, by the week each clock started (the ticket was opened or
    /// the reply was awaited), over the clocks whose outcome is known, as ``compliance(_:by:)``.
    public static func complianceByWeek(_ clocks: [Clock], now: Int64, count: Int) -> [(start: Int64, compliance: Compliance)] {
        guard count > 0 else { return [] }
        var buckets = [[Clock]](repeating: [], count: count)
        for c in clocks { if let i = weekIndex(c.startedAt, now: now, count: count) { buckets[i].append(c) } }
        return buckets.enumerated().map { i, week in
            (weekStart(i, now: now, count: count), compliance(week) { _ in nil }.first ?? Compliance(key: nil, met: 0, missed: 0))
        }
    }
}
