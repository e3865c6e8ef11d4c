/// Months and quarters as a reader writes them: "Sep 2026", "2026년 9월", "2026年9月";
/// "Q3 2026", "2026년 3분기", "2026年第3四半期". Reports showed ISO months ("2026-09"),
/// which read as a code rather than a date in Korean and Japanese.
public enum PeriodLabel {
    static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `month` is `YYYY-MM`; anything else is returned as it came.
    public static func month(_ month: String, language: String) -> String {
        guard let m = CalendarMonth(month) else { return month }
        switch language {
        case "ko": return "\(m.year)년 \(m.month)월"
        case "ja": return "\(m.year)年\(m.month)月"
        default: return "\(englishMonths[m.month - 1]) \(m.year)"
        }
    }

    /// The quarter (1–4) of `year`.
    public static func quarter(_ quarter: Int, year: Int, language: String) -> String {
        switch language {
        case "ko": return "\(year)년 \(quarter)분기"
        case "ja": return "\(year)年第\(quarter)四半期"
        default: return "Q\(quarter) \(year)"
        }
    }
}
