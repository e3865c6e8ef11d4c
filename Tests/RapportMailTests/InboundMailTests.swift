import Foundation
import Testing
@testable import RapportMail

/// Received mail sorted before it reaches a timeline: machines from people, bounces read
/// per recipient, replies tied to their thread even when their mailer lost the headers.
/// The messages are in `Tests/Fixtures/mail/`, written in the shapes real servers send.
@Suite struct InboundMailTests {
    static func fixture(_ name: String) throws -> MailMessage {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/mail/\(name)")
        return MailMessage(parsing: Array(try Data(contentsOf: url)))
    }

    @Test(arguments: [
        ("dsn-hard-5.1.1.eml", AutomaticMail.deliveryReport),
        ("dsn-soft-delayed.eml", .deliveryReport),
        ("auto-reply-ja.eml", .autoReply),
        ("auto-reply-ko-outlook.eml", .autoReply),
        ("newsletter.eml", .bulk),
        ("reply-lost-headers.eml", .personal),
        ("personal-vacation-plans.eml", .personal),
    ])
    func classifies(_ name: String, _ expected: AutomaticMail) throws {
        let kind = AutomaticMail.classify(try Self.fixture(name))
        #expect(kind == expected, "\(name)")
        #expect(kind.mayAutoReply == (expected == .personal))
    }

    /// RFC 3834 §5: `Auto-Submitted: no` is a person's message; any other value is not.
    @Test func autoSubmittedValues() {
        func kind(_ header: String, subject: String = "Hello") -> AutomaticMail {
            AutomaticMail.classify(MailMessage(parsing: Array("From: a@example.com\r\nSubject: \(subject)\r\n\(header)\r\n\r\nbody".utf8)))
        }
        #expect(kind("Auto-Submitted: no") == .personal)
        #expect(kind("Auto-Submitted: auto-replied") == .autoReply)
        #expect(kind("Auto-Submitted: auto-generated") == .bulk)
        #expect(kind("X-Autoreply: yes") == .autoReply)
        #expect(kind("Precedence: junk") == .bulk)
        #expect(kind("X-Other: 1", subject: "Out of Office: 견적") == .autoReply)
        #expect(kind("X-Other: 1", subject: "부재중 업무 분담 안내") == .personal, "a person's subject that only starts with the word")
        #expect(kind("X-Other: 1", subject: "Automatic reply: Renewal") == .autoReply)
    }

    @Test func hardBounceNamesTheAddressAndTheMessageSent() throws {
        let report = try #require(DeliveryReport(try Self.fixture("dsn-hard-5.1.1.eml")))
        #expect(report.reportingMTA == "mx.example.kr")
        #expect(report.recipients.count == 1)
        let recipient = try #require(report.recipients.first)
        #expect(recipient.address == "nobody@example.kr")
        #expect(recipient.action == "failed" && recipient.status == "5.1.1")
        #expect(recipient.severity == .hard)
        #expect(recipient.diagnostic?.hasPrefix("550 5.1.1") == true)
        #expect(report.originalMessageID == "q-2026-0042.7f3a@rapport.example")
    }

    @Test func delayIsSoft() throws {
        let report = try #require(DeliveryReport(try Self.fixture("dsn-soft-delayed.eml")))
        #expect(report.recipients.map(\.address) == ["tanaka@example.jp"])
        #expect(report.recipients.first?.severity == .soft)
        #expect(report.originalMessageID == nil)
        #expect(DeliveryReport(try Self.fixture("auto-reply-ja.eml")) == nil)
    }

    @Test func legacyEncodedAutoRepliesStayReadable() throws {
        let ja = try Self.fixture("auto-reply-ja.eml")
        #expect(ja.subject == "自動応答: お見積りについて")
        #expect(ja.from.first?.name == "田中太郎")
        #expect(ja.text?.text == "12月5日まで不在にしております。")
        let ko = try Self.fixture("auto-reply-ko-outlook.eml")
        #expect(ko.subject == "자동 회신: 견적 문의")
        #expect(ko.text?.text == "12월 7일까지 휴가입니다.")
    }

    @Test func threadKeys() throws {
        let lost = ThreadKeys(try Self.fixture("reply-lost-headers.eml"))
        #expect(lost.parents.isEmpty)
        #expect(lost.subjectToken == "Q7KD2M")
        #expect(lost.topic == "견적 문의")
        let reply = ThreadKeys(try Self.fixture("personal-vacation-plans.eml"))
        #expect(reply.parents == ["q-2026-0044@rapport.example", "deal-7@rapport.example"], "the parent first, then back to the thread's start")
        #expect(reply.subjectToken == nil)
    }

    @Test(arguments: [
        ("Re: Re: Quote", "Quote"), ("RE[2]: Quote", "Quote"), ("Fwd: AW: Angebot", "Angebot"), ("回复：报价", "报价"),
        ("返信: 転送: お見積り", "お見積り"), ("답장: 회신: 견적", "견적"), ("Regarding the quote", "Regarding the quote"),
        ("Report: Q4", "Report: Q4"), ("Re: [#T-2026-000123] Printer", "Printer"), ("re:", "re:"),
    ])
    func topics(_ subject: String, _ topic: String) {
        #expect(ThreadKeys.topic(subject) == topic)
    }

    @Test func tokens() {
        #expect(ThreadKeys.token(in: "Help [#T-2026-000123]") == "T-2026-000123")
        #expect(ThreadKeys.token(in: "[#ab] too short [#x y] spaced [#OK12]") == "OK12")
        #expect(ThreadKeys.token(in: "[#한글토큰]") == nil)
        #expect(ThreadKeys.token(in: "no token [#") == nil)
        #expect(ThreadKeys.subject("견적", adding: "Q7KD2M") == "견적 [#Q7KD2M]")
        #expect(ThreadKeys.subject("Re: 견적 [#Q7KD2M]", adding: "Q7KD2M") == "Re: 견적 [#Q7KD2M]")
    }
}
