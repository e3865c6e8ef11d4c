import Foundation
import Testing
@testable import RapportMail

/// Invitations as calendar clients read them: RFC 5545 lines, zones, escaping and folding.
@Suite struct CalendarInvitationTests {
    static let seoul = TimeZone(identifier: "Asia/Seoul")!
    /// 2026-12-03 14:00 in Seoul is 05:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_796_274_000)

    static func meeting(zone: TimeZone = seoul, summary: String = "분기 리뷰; 한빛상사, 2026") -> CalendarInvitation.Event {
        CalendarInvitation.Event(
            uid: "meeting-42@rapport.example", sequence: 1, start: start, end: start.addingTimeInterval(3600), timeZone: zone,
            summary: summary, location: "서울 본사 3층", description: "안건:\n1. 갱신",
            organizer: MailAddress(name: "김보경", address: "bokyung@rapport.example"),
            attendees: [.init(address: MailAddress(name: "田中 \"Taro\"", address: "tanaka@example.jp")), .init(address: MailAddress(address: "bad address"))])
    }

    static func unfolded(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test func requestInSeoul() {
        let ics = CalendarInvitation(method: .request, events: [Self.meeting()], stamp: Self.start.addingTimeInterval(-86_400)).rendered()
        let lines = Self.unfolded(ics)
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(lines.contains("METHOD:REQUEST"))
        #expect(lines.contains("TZID:Asia/Seoul") && lines.contains("TZOFFSETTO:+0900"))
        #expect(lines.contains("DTSTART;TZID=Asia/Seoul:20261203T140000"))
        #expect(lines.contains("DTEND;TZID=Asia/Seoul:20261203T150000"))
        #expect(lines.contains("DTSTAMP:20261202T050000Z"))
        #expect(lines.contains("SUMMARY:분기 리뷰\\; 한빛상사\\, 2026"))
        #expect(lines.contains("DESCRIPTION:안건:\\n1. 갱신"))
        #expect(lines.contains("ORGANIZER;CN=\"김보경\":mailto:bokyung@rapport.example"))
        #expect(lines.contains("ATTENDEE;CN=\"田中 Taro\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:tanaka@example.jp"))
        #expect(!ics.contains("bad address"), "an address that cannot be mailed is left out")
        #expect(lines.contains("SEQUENCE:1") && lines.contains("STATUS:CONFIRMED"))
    }

    @Test func cancelAndZonesWithSummerTime() {
        let newYork = TimeZone(identifier: "America/New_York")!
        let ics = CalendarInvitation(method: .cancel, events: [Self.meeting(zone: newYork)], stamp: Self.start).rendered()
        let lines = Self.unfolded(ics)
        #expect(lines.contains("METHOD:CANCEL") && lines.contains("STATUS:CANCELLED"))
        #expect(!ics.contains("BEGIN:VTIMEZONE"), "a zone with summer time is written in UTC")
        #expect(lines.contains("DTSTART:20261203T050000Z"))
        #expect(!lines.contains { $0.hasPrefix("ATTENDEE") && $0.contains("RSVP") })
    }

    /// Every physical line is at most 75 octets and valid UTF-8 on its own, and unfolding
    /// gives back the value, for long Korean and Japanese summaries.
    @Test(arguments: [String(repeating: "가", count: 80), String(repeating: "日本語の会議", count: 20), String(repeating: "a", count: 200) + "한"])
    func foldingKeepsCharactersWhole(_ summary: String) {
        let ics = CalendarInvitation(method: .publish, events: [Self.meeting(summary: summary)], stamp: Self.start).rendered()
        for line in ics.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        #expect(Self.unfolded(ics).contains("SUMMARY:\(summary)"))
    }

    /// The invitation travels as a `text/calendar` alternative that a mail parser reads back
    /// byte for byte, Korean included.
    @Test func sentAsACalendarAlternative() throws {
        let invitation = CalendarInvitation(method: .request, events: [Self.meeting()], stamp: Self.start)
        var message = OutgoingMessage(
            from: MailAddress(name: "김보경", address: "bokyung@rapport.example"), to: [MailAddress(address: "tanaka@example.jp")],
            subject: "초대: 분기 리뷰", text: "12월 3일 14:00 (서울)", messageID: "invite-1@rapport.example", date: Self.start, timeZone: Self.seoul)
        message.invitation = invitation
        let parsed = MailMessage(parsing: try message.rendered(boundarySeed: 7))
        #expect(parsed.root.contentType.value == "multipart/alternative")
        let part = try #require(parsed.root.parts.first { $0.contentType.value == "text/calendar" })
        #expect(part.contentType[parameter: "method"] == "REQUEST")
        #expect(part.text.text == invitation.rendered())
        #expect(parsed.text?.text == "12월 3일 14:00 (서울)")
    }
}
