import Foundation
import RapportKit
import RapportMail

/// Turns the events of an iCalendar file into holidays: a dated event is one date per day
/// it covers, a yearly rule becomes a yearly holiday rule, and a rule bounded by UNTIL or
/// COUNT becomes its dates (a past rule must not close future days).
enum HolidayImport {
    struct Refusal: Error {
        var message: String
    }

    static func holidays(from events: [ICalendarEvent]) throws(Refusal) -> [Holiday] {
        var out: [Holiday] = []
        for e in events {
            let name = e.summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "Holiday" : String(e.summary.prefix(200))
            guard let r = e.recurrence else {
                for d in e.days { out.append(Holiday(name: name, rule: .date(year: d.year, month: d.month, day: d.day))) }
                continue
            }
            let rule: HolidayRule
            if r.months.isEmpty {
                rule = .yearly(month: e.start.month, day: e.start.day)
            } else if let md = r.monthDays.first {
                guard md <= CivilDate.daysIn(year: 2000, month: r.months[0]) else { throw Refusal(message: "\(name): BYMONTHDAY \(md) does not exist in month \(r.months[0]).") }
                rule = .yearly(month: r.months[0], day: md)
            } else if let w = r.weekdays.first, let weekday = Weekday(code: w.weekday), w.ordinal == -1 || w.ordinal > 0 {
                rule = .nthWeekday(month: r.months[0], weekday: weekday, ordinal: w.ordinal)
            } else {
                throw Refusal(message: "\(name): only the last weekday (-1) is read from the end of a month.")
            }
            guard r.untilYear != nil || r.count != nil else {
                out.append(Holiday(name: name, rule: rule))
                continue
            }
            // Bounded: list the dates, at most a century of them.
            var remaining = min(r.count ?? 100, 100)
            var year = e.start.year
            let lastYear = min(r.untilYear ?? (e.start.year + 99), e.start.year + 99)
            while year <= lastYear, remaining > 0 {
                let month: Int
                switch rule {
                case .yearly(let m, _), .nthWeekday(let m, _, _): month = m
                case .date(_, let m, _): month = m
                }
                let dim = CivilDate.daysIn(year: year, month: month)
                for day in 1...dim where rule.matches(year: year, month: month, day: day, weekday: Weekday.of(day: CivilDate.toDays(year: year, month: month, day: day)), daysInMonth: dim) {
                    out.append(Holiday(name: name, rule: .date(year: year, month: month, day: day)))
                    remaining -= 1
                }
                year += 1
            }
        }
        return out
    }
}
