/// Why a calendar file was refused, with the (unfolded) line it starts on.
public struct ICalendarError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public var description: String { "line \(line): \(message)" }
}

/// A small, strict reader of iCalendar (RFC 5545) files, enough to import public-holiday
/// calendars: it unfolds lines, reads VEVENTs' DTSTART, DTEND, SUMMARY and yearly RRULEs,
/// and skips other components (VTIMEZONE, VALARM) whole.
///
/// Strict means a file it cannot read fully is refused with the line at fault, rather than
/// imported with holidays silently missing: unbalanced BEGIN/END, a VEVENT without DTSTART,
/// an invalid date, or an RRULE other than the yearly forms holiday lists use.
public enum ICalendarReader {
    /// Files larger than this are refused before reading (a country's holidays for decades
    /// fit in a few hundred kilobytes).
    public static let maximumBytes = 2 << 20

    public static func read(_ text: String) throws(ICalendarError) -> [ICalendarEvent] {
        guard text.utf8.count <= maximumBytes else { throw ICalendarError(line: 0, message: "The file is larger than 2 MB.") }
        let lines = unfold(text)
        guard let first = lines.first(where: { !$0.text.isEmpty }), first.text.uppercased() == "BEGIN:VCALENDAR" else {
            throw ICalendarError(line: 1, message: "Not an iCalendar file: it must begin with BEGIN:VCALENDAR.")
        }
        var stack: [String] = []
        var events: [ICalendarEvent] = []
        var current: (line: Int, summary: String, start: ICalendarDate?, end: ICalendarDate?, rule: ICalendarRecurrence?)?
        var ended = false
        for (number, raw) in lines where !raw.isEmpty {
            guard !ended else { throw ICalendarError(line: number, message: "Content after END:VCALENDAR.") }
            let property = try parse(raw, line: number)
            switch property.name {
            case "BEGIN":
                let component = property.value.uppercased()
                stack.append(component)
                if component == "VEVENT" {
                    guard stack == ["VCALENDAR", "VEVENT"] else { throw ICalendarError(line: number, message: "A VEVENT must sit directly in the VCALENDAR.") }
                    current = (number, "", nil, nil, nil)
                }
            case "END":
                let component = property.value.uppercased()
                guard stack.last == component else { throw ICalendarError(line: number, message: "END:\(component) does not close \(stack.last ?? "anything").") }
                stack.removeLast()
                if component == "VEVENT", let e = current {
                    guard let start = e.start else { throw ICalendarError(line: e.line, message: "A VEVENT has no DTSTART.") }
                    if let end = e.end, end.dayNumber < start.dayNumber { throw ICalendarError(line: e.line, message: "DTEND is before DTSTART.") }
                    events.append(ICalendarEvent(summary: e.summary, start: start, end: e.end, recurrence: e.rule))
                    current = nil
                }
                if stack.isEmpty { ended = true }
            default:
                guard stack.last == "VEVENT", current != nil else { continue }
                switch property.name {
                case "SUMMARY": current!.summary = unescape(property.value)
                case "DTSTART": current!.start = try date(property, line: number)
                case "DTEND": current!.end = try date(property, line: number)
                case "RRULE": current!.rule = try recurrence(property.value, line: number)
                default: continue
                }
            }
        }
        guard ended else { throw ICalendarError(line: lines.last { !$0.text.isEmpty }?.line ?? 1, message: "The file ends before END:VCALENDAR.") }
        return events
    }

    /// Joins folded lines (a line break followed by a space or tab continues the line),
    /// keeping the number of the line each logical line starts on.
    static func unfold(_ text: String) -> [(line: Int, text: String)] {
        var out: [(line: Int, text: String)] = []
        var number = 0
        // CRLF is one Character in Swift, so split on both forms.
        for piece in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            number += 1
            if let c = piece.first, c == " " || c == "\t", !out.isEmpty {
                out[out.count - 1].text += piece.dropFirst()
            } else {
                out.append((number, String(piece)))
            }
        }
        return out
    }

    struct Property {
        var name: String
        var parameters: [String: String]
        var value: String
    }

    /// `NAME;PARAM=value;PARAM="quoted:value":value`.
    static func parse(_ line: String, line number: Int) throws(ICalendarError) -> Property {
        let chars = Array(line.unicodeScalars)
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool { (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-" }
        while i < chars.count, isNameChar(chars[i]) { i += 1 }
        guard i > 0, i < chars.count else { throw ICalendarError(line: number, message: "Not a content line: expected NAME:value.") }
        let name = String(String.UnicodeScalarView(chars[0..<i])).uppercased()
        var parameters: [String: String] = [:]
        while chars[i] == ";" {
            i += 1
            let s = i
            while i < chars.count, isNameChar(chars[i]) { i += 1 }
            guard i > s, i < chars.count, chars[i] == "=" else { throw ICalendarError(line: number, message: "A parameter of \(name) has no name or no value.") }
            let key = String(String.UnicodeScalarView(chars[s..<i])).uppercased()
            i += 1
            var value = ""
            if i < chars.count, chars[i] == "\"" {
                i += 1
                let vs = i
                while i < chars.count, chars[i] != "\"" { i += 1 }
                guard i < chars.count else { throw ICalendarError(line: number, message: "An unclosed quote in a parameter of \(name).") }
                value = String(String.UnicodeScalarView(chars[vs..<i]))
                i += 1
            } else {
                let vs = i
                while i < chars.count, chars[i] != ";", chars[i] != ":" { i += 1 }
                value = String(String.UnicodeScalarView(chars[vs..<i]))
            }
            parameters[key] = value
            guard i < chars.count else { throw ICalendarError(line: number, message: "\(name) has no value.") }
        }
        guard chars[i] == ":" else { throw ICalendarError(line: number, message: "Expected ':' after \(name).") }
        return Property(name: name, parameters: parameters, value: String(String.UnicodeScalarView(chars[(i + 1)...])))
    }

    /// TEXT values escape backslash, semicolon, comma and newline.
    static func unescape(_ value: String) -> String {
        var out = ""
        var escaping = false
        for c in value {
            if escaping {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func digits(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(s)
    }

    /// `20260101` (VALUE=DATE), `20260101T090000`, `20260101T090000Z`, with TZID.
    static func date(_ p: Property, line: Int) throws(ICalendarError) -> ICalendarDate {
        let v = p.value
        let isDate = p.parameters["VALUE"]?.uppercased() == "DATE" || (v.count == 8 && p.parameters["VALUE"] == nil)
        guard v.count >= 8, let y = digits(v.prefix(4)), let m = digits(v.dropFirst(4).prefix(2)), let d = digits(v.dropFirst(6).prefix(2)),
              (1...9999).contains(y), (1...12).contains(m), d >= 1, d <= ICalendarDate.daysIn(year: y, month: m)
        else { throw ICalendarError(line: line, message: "\(p.name) is not a valid date: \(v).") }
        if isDate {
            guard v.count == 8 else { throw ICalendarError(line: line, message: "\(p.name) has VALUE=DATE but a time: \(v).") }
            return ICalendarDate(year: y, month: m, day: d)
        }
        let rest = v.dropFirst(8)
        guard rest.first == "T", rest.count == 7 || (rest.count == 8 && rest.last == "Z"),
              let h = digits(rest.dropFirst().prefix(2)), let mi = digits(rest.dropFirst(3).prefix(2)), let s = digits(rest.dropFirst(5).prefix(2)),
              h < 24, mi < 60, s < 61
        else { throw ICalendarError(line: line, message: "\(p.name) is not a valid date-time: \(v).") }
        let zone: ICalendarDate.Zone
        if rest.last == "Z" {
            guard p.parameters["TZID"] == nil else { throw ICalendarError(line: line, message: "\(p.name) names a TZID and UTC at once.") }
            zone = .utc
        } else if let tz = p.parameters["TZID"] {
            guard !tz.isEmpty else { throw ICalendarError(line: line, message: "\(p.name) has an empty TZID.") }
            zone = .named(tz)
        } else {
            zone = .floating
        }
        return ICalendarDate(year: y, month: m, day: d, secondOfDay: h * 3600 + mi * 60 + min(s, 59), zone: zone)
    }

    static func recurrence(_ value: String, line: Int) throws(ICalendarError) -> ICalendarRecurrence {
        var parts: [String: String] = [:]
        for item in value.split(separator: ";") {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { throw ICalendarError(line: line, message: "RRULE part '\(item)' has no value.") }
            parts[kv[0].uppercased()] = String(kv[1])
        }
        guard parts.removeValue(forKey: "FREQ")?.uppercased() == "YEARLY" else { throw ICalendarError(line: line, message: "Only yearly rules (FREQ=YEARLY) are read.") }
        if let interval = parts.removeValue(forKey: "INTERVAL"), interval != "1" { throw ICalendarError(line: line, message: "Rules that skip years (INTERVAL) are not read.") }
        parts.removeValue(forKey: "WKST")
        func list(_ key: String, _ range: ClosedRange<Int>) throws(ICalendarError) -> [Int] {
            guard let text = parts.removeValue(forKey: key) else { return [] }
            var out: [Int] = []
            for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let n = Int(piece), range.contains(n), n != 0 else { throw ICalendarError(line: line, message: "\(key) value '\(piece)' is out of range.") }
                out.append(n)
            }
            return out
        }
        let months = try list("BYMONTH", 1...12)
        let monthDays = try list("BYMONTHDAY", -31...31)
        var weekdays: [ICalendarRecurrence.WeekdayOrdinal] = []
        if let text = parts.removeValue(forKey: "BYDAY") {
            for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
                let code = String(piece.suffix(2)).uppercased()
                guard ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].contains(code), let n = Int(piece.dropLast(2)), (1...5).contains(abs(n)) else {
                    throw ICalendarError(line: line, message: "BYDAY '\(piece)' must be an ordinal weekday such as 3MO or -1MO.")
                }
                weekdays.append(.init(ordinal: n, weekday: code))
            }
        }
        var untilYear: Int?
        if let until = parts.removeValue(forKey: "UNTIL") {
            guard until.count >= 8, let y = digits(until.prefix(4)) else { throw ICalendarError(line: line, message: "UNTIL is not a date.") }
            untilYear = y
        }
        var count: Int?
        if let c = parts.removeValue(forKey: "COUNT") {
            guard let n = Int(c), (1...1000).contains(n) else { throw ICalendarError(line: line, message: "COUNT must be 1 to 1000.") }
            count = n
        }
        if let unknown = parts.keys.sorted().first { throw ICalendarError(line: line, message: "RRULE part \(unknown) is not read.") }
        // A bare FREQ=YEARLY repeats DTSTART's month and day.
        if months.isEmpty, monthDays.isEmpty, weekdays.isEmpty {
            return ICalendarRecurrence(months: [], monthDays: [], weekdays: [], untilYear: untilYear, count: count)
        }
        guard months.count == 1 else { throw ICalendarError(line: line, message: "A yearly rule needs exactly one BYMONTH.") }
        guard (monthDays.count == 1 && weekdays.isEmpty && monthDays[0] > 0) || (monthDays.isEmpty && weekdays.count == 1) else {
            throw ICalendarError(line: line, message: "A yearly rule needs one BYMONTHDAY or one BYDAY such as 3MO.")
        }
        return ICalendarRecurrence(months: months, monthDays: monthDays, weekdays: weekdays, untilYear: untilYear, count: count)
    }
}
