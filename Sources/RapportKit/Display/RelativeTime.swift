/// "5 minutes ago" in a page's language, for timelines and lists; older than a week falls
/// back to the date. Pure: the caller passes both instants as seconds.
public enum RelativeTime {
    public enum Unit: String, Sendable {
        case now, minutes, hours, days
    }

    /// The unit and count to show, or nil when the date itself reads better.
    public static func describe(_ seconds: Double, since now: Double) -> (Unit, Int)? {
        let elapsed = now - seconds
        if elapsed < 0 { return nil }
        if elapsed < 60 { return (.now, 0) }
        if elapsed < 3600 { return (.minutes, Int(elapsed / 60)) }
        if elapsed < 86_400 { return (.hours, Int(elapsed / 3600)) }
        if elapsed < 7 * 86_400 { return (.days, Int(elapsed / 86_400)) }
        return nil
    }
}
