import Foundation
import Testing
@testable import RapportMail

/// RFC 5322 Appendix A's address and date examples.
@Suite struct MailAddressTests {
    @Test func appendixA12DifferentMailboxes() {
        #expect(MailAddress.parseList("\"Joe Q. Public\" <john.q.public@example.com>") == [MailAddress(name: "Joe Q. Public", address: "john.q.public@example.com")])
        #expect(MailAddress.parseList("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>") == [
            MailAddress(name: "Mary Smith", address: "mary@x.test"), MailAddress(address: "jdoe@example.org"), MailAddress(name: "Who?", address: "one@y.test"),
        ])
        #expect(MailAddress.parseList("<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>") == [
            MailAddress(address: "boss@nil.test"), MailAddress(name: "Giant; \"Big\" Box", address: "sysservices@example.net"),
        ])
    }

    @Test func appendixA13Groups() {
        #expect(MailAddress.parseList("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;").map(\.address) == ["c@a.test", "joe@where.test", "jdoe@one.test"])
        #expect(MailAddress.parseList("Undisclosed recipients:;").isEmpty)
    }

    @Test func appendixA5CommentsAndWhiteSpace() {
        #expect(MailAddress.parseList("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>") == [MailAddress(name: "Pete", address: "pete@silly.test")])
        let group = "A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)"
        #expect(MailAddress.parseList(group).map(\.address) == ["c@public.example", "joe@example.org", "jdoe@one.test"])
    }

    @Test func eastAsianNamesAndOldForms() {
        #expect(MailAddress.parseList("=?UTF-8?B?6rmA67O06rK9?= <bokyung@example.kr>") == [MailAddress(name: "김보경", address: "bokyung@example.kr")])
        #expect(MailAddress.parseList("=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?= <test@example.jp>").first?.name == "テスト")
        #expect(MailAddress.parseList("김보경 <bokyung@example.kr>").first?.name == "김보경")
        #expect(MailAddress.parseList("ada@example.com (Ada Lovelace)") == [MailAddress(name: "Ada Lovelace", address: "ada@example.com")])
        #expect(MailAddress.parseList("<@relay.test:user@host.test>").map(\.address) == ["user@host.test"])
        #expect(MailAddress.parseList("not an address, ,").isEmpty)
    }

    @Test func formattingQuotesOrEncodes() {
        #expect(MailAddress(name: "Joe Q. Public", address: "j@example.com").formatted == "\"Joe Q. Public\" <j@example.com>")
        #expect(MailAddress(name: "Ada Lovelace", address: "a@example.com").formatted == "Ada Lovelace <a@example.com>")
        let korean = MailAddress(name: "김보경", address: "b@example.kr")
        #expect(MailAddress.parseList(korean.formatted) == [korean])
        #expect(!MailAddress(address: "a@b\r\nBcc: x@y").isSendable)
        #expect(!MailAddress(address: "no-at-sign").isSendable)
        #expect(MailAddress(address: "김@example.kr").isSendable)
    }

    @Test func datesOfAppendixA() {
        let utc = { (s: String) in MailDate.parse(s).map { ISO8601DateFormatter().string(from: $0) } }
        #expect(utc("Fri, 21 Nov 1997 09:55:06 -0600") == "1997-11-21T15:55:06Z")
        #expect(utc("Tue, 1 Jul 2003 10:52:37 +0200") == "2003-07-01T08:52:37Z")
        #expect(utc("Thu, 13 Feb 1969 23:32:54 -0330") == "1969-02-14T03:02:54Z")
        #expect(utc("Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)") == "1969-02-14T03:02:00Z")
        #expect(utc("21 Nov 97 09:55:06 GMT") == "1997-11-21T09:55:06Z")
        #expect(utc("Mon, 30 Nov 2026 09:00:00 +0900") == "2026-11-30T00:00:00Z")
        #expect(utc("Mon, 30 Nov 26 09:00:00 EST") == "2026-11-30T14:00:00Z")
        #expect(utc("31 Feb 2026 10:00:00 +0000") == nil)
        #expect(utc("yesterday") == nil)
        #expect(utc("Mon, 30 Nov 2026 25:00:00 +0000") == nil)
    }

    @Test func dateFormattingRoundTrips() throws {
        let date = try #require(MailDate.parse("Tue, 01 Dec 2026 15:24:48 +0900"))
        #expect(MailDate.format(date, timeZone: TimeZone(identifier: "Asia/Seoul")!) == "Tue, 01 Dec 2026 15:24:48 +0900")
        #expect(MailDate.format(date, timeZone: TimeZone(identifier: "America/St_Johns")!) == "Tue, 01 Dec 2026 02:54:48 -0330")
    }
}
