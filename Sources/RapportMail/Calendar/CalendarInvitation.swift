import Foundation

/// A meeting as an iCalendar object (RFC 5545) for iTIP (RFC 5546): a `REQUEST` invites or
/// updates, a `CANCEL` withdraws, and the same writer serves a user's subscription feed
/// (`PUBLISH`). Gmail, Outlook and Apple Calendar match updates to the event by `UID` and
/// take the highest `SEQUENCE`, so both are the caller's to keep stable and increasing.
public struct CalendarInvitation: Sendable, Equatable {
    public enum Method: String, Sendable { case request = "REQUEST", cancel = "CANCEL", publish = "PUBLISH" }

    public struct Attendee: Sendable, Equatable {
        public var address: MailAddress
        /// `NEEDS-ACTION` until the attendee answers; `ACCEPTED`, `DECLINED`, `TENTATIVE`.
        public var status: String
        public init(address: MailAddress, status: String = "NEEDS-ACTION") {
            self.address = address
            self.status = status
        }
    }

    public struct Event: Sendable, Equatable {
        public var uid: String
        public var sequence: Int
        public var start: Date
        public var end: Date
        /// The zone the meeting was planned in: its times are written in it, so a calendar
        /// shows "14:00 Seoul" rather than a converted time.
        public var timeZone: TimeZone
        public var summary: String
        public var location: String?
        public var description: String?
        public var organizer: MailAddress
        public var attendees: [Attendee]
        public var cancelled: Bool

        public init(uid: String, sequence: Int = 0, start: Date, end: Date, timeZone: TimeZone, summary: String, location: String? = nil,
                    description: String? = nil, organizer: MailAddress, attendees: [Attendee], cancelled: Bool = false) {
            self.uid = uid
            self.sequence = sequence
            self.start = start
            self.end = end
            self.timeZone = timeZone
            self.summary = summary
            self.location = location
            self.description = description
            self.organizer = organizer
            self.attendees = attendees
            self.cancelled = cancelled
        }
    }

    public var method: Method
    public var events: [Event]
    /// When the object was made (`DTSTAMP`): from the caller's clock, never read here.
    public var stamp: Date

    public init(method: Method, events: [Event], stamp: Date) {
        self.method = method
        self.events = events
        self.stamp = stamp
    }

    /// The object as CRLF-terminated lines folded at 75 octets, ready for a
    /// `text/calendar; method=…; charset=utf-8` part or a feed's body.
    public func rendered() -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rapport//Rapport//EN", "CALSCALE:GREGORIAN", "METHOD:\(method.rawValue)"]
        var zones: [String] = []
        for event in events where Self.fixedOffset(event.timeZone) != nil && !zones.contains(event.timeZone.identifier) {
            zones.append(event.timeZone.identifier)
            lines += Self.fixedZone(event.timeZone)
        }
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(Self.text(event.uid))")
            lines.append("SEQUENCE:\(max(0, event.sequence))")
            lines.append("DTSTAMP:\(Self.utc(stamp))")
            lines.append(Self.time("DTSTART", event.start, event.timeZone))
            lines.append(Self.time("DTEND", max(event.end, event.start), event.timeZone))
            lines.append("SUMMARY:\(Self.text(event.summary))")
            if let location = event.location, !location.isEmpty { lines.append("LOCATION:\(Self.text(location))") }
            if let description = event.description, !description.isEmpty { lines.append("DESCRIPTION:\(Self.text(description))") }
            lines.append("ORGANIZER\(Self.commonName(event.organizer)):mailto:\(event.organizer.address)")
            for attendee in event.attendees where attendee.address.isSendable {
                let rsvp = method == .request ? ";RSVP=TRUE" : ""
                lines.append("ATTENDEE\(Self.commonName(attendee.address));ROLE=REQ-PARTICIPANT;PARTSTAT=\(attendee.status)\(rsvp):mailto:\(attendee.address.address)")
            }
            lines.append("STATUS:\(event.cancelled || method == .cancel ? "CANCELLED" : "CONFIRMED")")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined()
    }

    /// The zone's offset when it never changes (Asia/Seoul, Asia/Tokyo since 1988 and
    /// 1951): such a zone is described exactly by one `STANDARD` block. Zones with summer
    /// time are written in UTC instead, which every client accepts and converts.
    static func fixedOffset(_ zone: TimeZone) -> Int? {
        let now = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01: only the rules from here on matter
        guard zone.nextDaylightSavingTimeTransition(after: now) == nil else { return nil }
        return zone.secondsFromGMT(for: now)
    }

    static func fixedZone(_ zone: TimeZone) -> [String] {
        let offset = fixedOffset(zone) ?? 0
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        let text = String(format: "%@%02d%02d", sign, magnitude / 3600, magnitude % 3600 / 60)
        let name = zone.abbreviation(for: Date(timeIntervalSince1970: 1_767_225_600)) ?? text
        return ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                "TZOFFSETFROM:\(text)", "TZOFFSETTO:\(text)", "TZNAME:\(Self.text(name))", "END:STANDARD", "END:VTIMEZONE"]
    }

    static func time(_ name: String, _ date: Date, _ zone: TimeZone) -> String {
        guard fixedOffset(zone) != nil else { return "\(name):\(utc(date))" }
        return "\(name);TZID=\(zone.identifier):\(stamp(date, zone: zone, suffix: ""))"
    }

    static func utc(_ date: Date) -> String { stamp(date, zone: TimeZone(identifier: "UTC")!, suffix: "Z") }

    static func stamp(_ date: Date, zone: TimeZone, suffix: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0) + suffix
    }

    /// `;CN="…"` when the address has a name. A parameter value may not hold a double
    /// quote or a control character (RFC 5545 §3.1), so those are dropped, not escaped.
    static func commonName(_ address: MailAddress) -> String {
        guard let name = address.name?.filter({ $0 != "\"" && !$0.unicodeScalars.contains { $0.value < 32 || $0.value == 127 } }), !name.isEmpty else { return "" }
        return ";CN=\"\(name)\""
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped.
    static func text(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default:
                if c.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value != 127 }) { out.append(c) }
            }
        }
        return out
    }

    /// One content line folded at 75 octets (RFC 5545 §3.1) without splitting a UTF-8
    /// sequence: Korean and Japanese are three octets a character.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.unicodeScalars.append(scalar)
            count += size
        }
        return out + "\r\n"
    }
}
