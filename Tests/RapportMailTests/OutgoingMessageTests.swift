import Foundation
import PropertyBased
import Testing
@testable import RapportMail

@Suite struct OutgoingMessageTests {
    static let date = Date(timeIntervalSince1970: 1_796_106_288) // 2026-12-01T06:24:48Z
    static let seoul = TimeZone(identifier: "Asia/Seoul")!

    static func message(subject: String, name: String, text: String, html: String? = nil, attachments: [OutgoingMessage.Attachment] = []) -> OutgoingMessage {
        OutgoingMessage(from: MailAddress(name: name, address: "rep@rapport.test"), to: [MailAddress(name: "山田太郎", address: "taro@example.jp"), MailAddress(address: "b@example.kr")],
                        subject: subject, text: text, html: html, attachments: attachments, messageID: "m1@rapport.test",
                        inReplyTo: "q-1@example.jp", references: ["q-0@example.jp", "q-1@example.jp"], date: date, timeZone: seoul)
    }

    /// Every line within the limits of RFC 5322 §2.1.1, CRLF only, 7-bit only.
    static func checkWire(_ bytes: [UInt8]) {
        #expect(bytes.allSatisfy { $0 < 128 && $0 != 0 })
        var i = 0
        var lineLength = 0
        var headerDone = false
        var lines = 0
        while i < bytes.count {
            if bytes[i] == 10 {
                #expect(i > 0 && bytes[i - 1] == 13, "bare LF")
                if lineLength == 1 { headerDone = true }
                if !headerDone { #expect(lineLength - 1 <= 78, "\(String(decoding: bytes[(i - lineLength)..<i], as: UTF8.self))") }
                #expect(lineLength - 1 <= 998)
                lineLength = 0
                lines += 1
            } else {
                if bytes[i] == 13 { #expect(i + 1 < bytes.count && bytes[i + 1] == 10, "bare CR") }
                lineLength += 1
            }
            i += 1
        }
        #expect(lines > 5)
    }

    @Test func headersAndStructure() throws {
        let bytes = try Self.message(subject: "견적서 Q-2026-0001 보내드립니다", name: "김보경", text: "안녕하세요.\n견적서를 보내드립니다.",
                                     html: "<p>안녕하세요.</p>", attachments: [.init(filename: "견적서 2026.pdf", contentType: "application/pdf", data: Array("%PDF".utf8))])
            .rendered(boundarySeed: 7)
        Self.checkWire(bytes)
        let wire = String(decoding: bytes, as: UTF8.self)
        #expect(wire.hasPrefix("Date: Tue, 01 Dec 2026 15:24:48 +0900\r\n"))
        #expect(wire.contains("Message-ID: <m1@rapport.test>\r\n"))
        #expect(wire.contains("MIME-Version: 1.0\r\n"))
        let parsed = MailMessage(parsing: bytes)
        #expect(parsed.subject == "견적서 Q-2026-0001 보내드립니다")
        #expect(parsed.from == [MailAddress(name: "김보경", address: "rep@rapport.test")])
        #expect(parsed.to == [MailAddress(name: "山田太郎", address: "taro@example.jp"), MailAddress(address: "b@example.kr")])
        #expect(parsed.messageID == "m1@rapport.test")
        #expect(parsed.inReplyTo == ["q-1@example.jp"])
        #expect(parsed.references == ["q-0@example.jp", "q-1@example.jp"])
        #expect(parsed.text?.text == "안녕하세요.\r\n견적서를 보내드립니다.")
        #expect(parsed.html?.text == "<p>안녕하세요.</p>")
        #expect(parsed.attachments.map(\.filename) == ["견적서 2026.pdf"])
        #expect(parsed.attachments.first?.data == Array("%PDF".utf8))
        #expect(parsed.root.contentType.value == "multipart/mixed")
        #expect(parsed.root.parts.first?.contentType.value == "multipart/alternative")
    }

    @Test func injectionThroughFieldsIsRefused() {
        var message = Self.message(subject: "Hi\r\nBcc: victim@example.com", name: "x", text: "t")
        // A subject with a line break is encoded, never a new header line.
        let bytes = (try? message.rendered()) ?? []
        #expect(!String(decoding: bytes, as: UTF8.self).contains("\r\nBcc:"))
        #expect(MailMessage(parsing: bytes).subject == "Hi\r\nBcc: victim@example.com")
        message.to = [MailAddress(address: "a@b.test>\r\nBcc: c@d.test")]
        #expect(throws: OutgoingMessage.Invalid.address("a@b.test>\r\nBcc: c@d.test")) { try message.rendered() }
        message.to = []
        #expect(throws: OutgoingMessage.Invalid.noRecipients) { try message.rendered() }
        message.to = [MailAddress(address: "ok@b.test")]
        message.extraHeaders = [("X-Note", "a\r\nBcc: c@d.test")]
        #expect(throws: OutgoingMessage.Invalid.header("X-Note")) { try message.rendered() }
        message.extraHeaders = []
        message.attachments = [.init(filename: "a", contentType: "text/plain\r\nX: y", data: [])]
        #expect(throws: OutgoingMessage.Invalid.header("Content-Type")) { try message.rendered() }
    }

    static let characters: [Character] = Array("abcXYZ019 .,=?_-\"<>()\t") + ["\n", "\r\n", "보", "경", "山", "田", "や", "ｱ", "①", "é", "🙂", "\u{0301}"]
        + [".", "From "].flatMap { Array($0) }
    static let text = Gen<Character?>.element(of: characters).map { $0 ?? "a" }.string(of: 0...400)
    static let line = Gen<Character?>.element(of: characters.filter { $0 != "\n" && $0 != "\r\n" }).map { $0 ?? "a" }.string(of: 0...120)

    /// Whatever is written reads back the same: subjects, names, bodies in text and HTML,
    /// attachment names and bytes, with every line within the limits.
    @Test func renderedMessagesParseBackToWhatWasWritten() async {
        await propertyCheck(count: 300, input: Self.line, Self.line, Self.text, Self.text, Self.line) { subject, name, text, html, filename in
            let attachment = OutgoingMessage.Attachment(filename: filename.isEmpty ? "a" : filename, contentType: "application/octet-stream", data: Array(text.utf8))
            let message = Self.message(subject: subject, name: name, text: text, html: html, attachments: [attachment])
            let bytes: [UInt8]
            do { bytes = try message.rendered() } catch { Issue.record("refused a valid message: \(error) \(filename.debugDescription)"); return }
            Self.checkWire(bytes)
            let parsed = MailMessage(parsing: bytes)
            let crlf = { (s: String) in String(decoding: OutgoingMessage.canonicalLineBreaks(s), as: UTF8.self) }
            #expect(parsed.subject == subject.trimmingASCIIWhitespace())
            #expect(parsed.from.first?.name ?? "" == name.trimmingASCIIWhitespace())
            #expect(parsed.text?.text == crlf(text))
            #expect(parsed.html?.text == crlf(html))
            #expect(parsed.attachments.first?.filename == attachment.filename)
            #expect(parsed.attachments.first?.data == attachment.data)
        }
    }
}
