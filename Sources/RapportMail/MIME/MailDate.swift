import Foundation

/// RFC 5322 §3.3 dates, read with the obsolete forms of §4.3 that old mailers still
/// write (two-digit years, named zones, comments and folding anywhere), and written in
/// the one form the RFC asks for.
public enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// RFC 5322 §4.3: the US zones and UT/GMT; military letters mean nothing reliable and
    /// are read as +0000, as the RFC advises.
    private static let zones: [String: Int] = [
        "ut": 0, "gmt": 0, "z": 0, "edt": -4 * 60, "est": -5 * 60, "cdt": -5 * 60, "cst": -6 * 60,
        "mdt": -6 * 60, "mst": -7 * 60, "pdt": -7 * 60, "pst": -8 * 60,
    ]

    /// The instant a Date header names, or nil when it is not a date.
    public static func parse(_ raw: String) -> Date? {
        // Comments go first; then words split on whitespace and commas.
        var cleaned = ""
        var depth = 0
        for ch in raw {
            if ch == "(" { depth += 1; continue }
            if ch == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { cleaned.append(ch) }
        }
        var words = cleaned.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map { $0.lowercased() }
        if let first = words.first, first.count >= 3, ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(String(first.prefix(3))), Int(first) == nil {
            words.removeFirst()
        }
        guard words.count >= 4, let day = Int(words[0]), (1...31).contains(day),
              let month = months.firstIndex(of: String(words[1].prefix(3))), var year = Int(words[2]) else { return nil }
        // §4.3: a two-digit year below 50 is 20xx, otherwise 19xx; three digits add 1900.
        if words[2].count == 2 { year += year < 50 ? 2000 : 1900 } else if words[2].count == 3 { year += 1900 }
        // The time, possibly folded as "23:32" or with seconds.
        let timeParts = words[3].split(separator: ":").map { Int($0) }
        guard timeParts.count == 2 || timeParts.count == 3, timeParts.allSatisfy({ $0 != nil }) else { return nil }
        let hour = timeParts[0]!, minute = timeParts[1]!, second = timeParts.count == 3 ? timeParts[2]! : 0
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var offsetMinutes = 0
        if words.count >= 5 {
            let zone = words[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
                offsetMinutes = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
            } else {
                offsetMinutes = zones[zone] ?? 0
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let validDay = calendar.date(from: DateComponents(year: year, month: month + 1, day: day)),
              calendar.component(.day, from: validDay) == day else { return nil }
        guard let local = calendar.date(from: DateComponents(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: min(second, 59))) else { return nil }
        return local.addingTimeInterval(TimeInterval(-offsetMinutes * 60))
    }

    /// `Tue, 01 Dec 2026 15:24:48 +0900`: the date as the sender's zone shows it.
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let offset = timeZone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day ?? 1)) \(months[(c.month ?? 1) - 1].capitalized) \(c.year ?? 1970) "
            + "\(two(c.hour ?? 0)):\(two(c.minute ?? 0)):\(two(c.second ?? 0)) \(sign)\(two(abs(offset) / 60))\(two(abs(offset) % 60))"
    }
}
