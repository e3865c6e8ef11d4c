import Foundation
import Testing
@testable import RapportMail

@Suite struct MIMEPartTests {
    static func crlf(_ s: String) -> [UInt8] { Array(s.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    /// RFC 2046 §5.1.1's example, preamble, epilogue, an implicitly typed part and all.
    @Test func rfc2046Example() throws {
        let message = MailMessage(parsing: Self.crlf("""
        From: Nathaniel Borenstein <nsb@bellcore.com>
        To: Ned Freed <ned@innosoft.com>
        Date: Sun, 21 Mar 1993 23:56:48 -0800 (PST)
        Subject: Sample message
        MIME-Version: 1.0
        Content-type: multipart/mixed; boundary="simple boundary"

        This is the preamble.  It is to be ignored, though it
        is a handy place for composition agents to include an
        explanatory note to non-MIME conformant readers.

        --simple boundary

        This is implicitly typed plain US-ASCII text.
        It does NOT end with a linebreak.
        --simple boundary
        Content-type: text/plain; charset=us-ascii

        This is explicitly typed plain US-ASCII text.
        It DOES end with a linebreak.

        --simple boundary--

        This is the epilogue.  It is also to be ignored.
        """))
        #expect(message.subject == "Sample message")
        #expect(message.from == [MailAddress(name: "Nathaniel Borenstein", address: "nsb@bellcore.com")])
        #expect(message.date.map { ISO8601DateFormatter().string(from: $0) } == "1993-03-22T07:56:48Z")
        #expect(message.root.parts.count == 2)
        #expect(message.root.parts[0].text.text == "This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.")
        #expect(message.root.parts[1].text.text == "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n")
        // The first text part is the body; the second, an inline text too, is kept as an attachment.
        #expect(message.text?.text.hasPrefix("This is implicitly") == true)
    }

    @Test func japaneseMailWithAlternativeAndAttachment() throws {
        let message = MailMessage(parsing: Self.crlf("""
        From: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?= <taro@example.jp>
        To: sales@example.com
        Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=
        Message-ID: <abc.123@example.jp>
        In-Reply-To: <q-1@rapport.test>
        References: <q-0@rapport.test>
         <q-1@rapport.test>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/alternative; boundary=inner

        --inner
        Content-Type: text/plain; charset=ISO-2022-JP
        Content-Transfer-Encoding: 7bit

        \u{1B}$B%F%9%H\u{1B}(B
        --inner
        Content-Type: text/html; charset=UTF-8
        Content-Transfer-Encoding: quoted-printable

        <p>=E3=83=86=E3=82=B9=E3=83=88</p>
        --inner--
        --outer
        Content-Type: application/pdf; name="=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=.pdf"
        Content-Disposition: attachment; filename*=UTF-8''%E3%83%86%E3%82%B9%E3%83%88.pdf
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer--
        """))
        #expect(message.subject == "テスト")
        #expect(message.from.first?.name == "テスト")
        #expect(message.messageID == "abc.123@example.jp")
        #expect(message.inReplyTo == ["q-1@rapport.test"])
        #expect(message.references == ["q-0@rapport.test", "q-1@rapport.test"])
        #expect(message.text?.text == "テスト")
        #expect(message.html?.text == "<p>テスト</p>")
        #expect(message.attachments.count == 1)
        #expect(message.attachments.first?.filename == "テスト.pdf")
        #expect(message.attachments.first?.data == Array("%PDF-1.4\n".utf8))
    }

    @Test func malformedMessagesNeverCrashAndKeepWhatCanBeRead() {
        // A missing closing boundary, a nesting far deeper than allowed, truncated base64.
        var deep = "Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
        for level in 1...500 { deep += "--b\(level - 1)\r\nContent-Type: multipart/mixed; boundary=b\(level)\r\n\r\n" }
        deep += "--b500\r\nContent-Type: text/plain\r\n\r\nbottom\r\n"
        let parsed = MIMEPart(parsing: Array(deep.utf8))
        #expect(parsed.allParts.count <= MIMEPart.maxDepth + 1)

        let truncated = MailMessage(parsing: Self.crlf("""
        Subject: cut
        Content-Type: multipart/mixed; boundary=x

        --x
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: base64

        7JWI64WV
        --x
        Content-Type: application/octet-stream
        Content-Transfer-Encoding: base64

        AAEC
        """))
        #expect(truncated.text?.text == "안녕")
        #expect(truncated.attachments.first?.data == [0, 1, 2])

        for garbage: [UInt8] in [[], [0xFF, 0xFE, 0x00], Array("\r\n\r\n".utf8), Array("Content-Type: multipart/mixed\r\n\r\n--\r\n".utf8),
                                 Array(":::\r\n: x\r\n".utf8), Array(repeating: 0x0A, count: 1000)] {
            _ = MailMessage(parsing: garbage)
        }
        let noBoundary = MIMEPart(parsing: Array("Content-Type: multipart/mixed; boundary=zz\r\n\r\njust text".utf8))
        #expect(noBoundary.body == Array("just text".utf8))
    }

    @Test func unknownCharsetKeepsTheOriginalBytes() {
        let raw: [UInt8] = Array("Content-Type: text/plain; charset=x-unknown\r\n\r\n".utf8) + [0x41, 0xFE, 0x42]
        let part = MIMEPart(parsing: raw)
        #expect(part.text.fidelity == .unknownCharset)
        #expect(part.body == [0x41, 0xFE, 0x42])
    }

    @Test func rawLegacyHeadersFallBack() {
        // A Subject of raw Shift_JIS bytes, as old Japanese mailers send it.
        let raw: [UInt8] = Array("Subject: ".utf8) + [0x8C, 0xA9, 0x90, 0xCF] + Array("\r\n\r\nbody".utf8)
        let part = MIMEPart(parsing: raw)
        #expect(part.headers.text("Subject", fallbackCharset: "shift_jis") == "見積")
    }
}
