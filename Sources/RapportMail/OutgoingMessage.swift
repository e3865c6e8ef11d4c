import Foundation

/// A message to send, and its RFC 5322 bytes: CRLF line ends, header lines folded under
/// 78 characters, non-ASCII names and subjects as RFC 2047 words, text and HTML as
/// `multipart/alternative`, attachments in `multipart/mixed`, each body in the transfer
/// encoding that keeps it shortest while every line stays under 1,000 octets. A message
/// of text alone ends with a line break, as every message does on the wire, so its text
/// reads back with one.
public struct OutgoingMessage: Sendable {
    public struct Attachment: Sendable {
        public var filename: String
        public var contentType: String
        public var data: [UInt8]
        public init(filename: String, contentType: String, data: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: MailAddress?
    public var subject: String
    public var text: String
    public var html: String?
    public var attachments: [Attachment]
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    public var date: Date
    public var timeZone: TimeZone
    /// Extra fields such as `Auto-Submitted` or `List-Unsubscribe`, written as given
    /// (their values must already be ASCII).
    public var extraHeaders: [(String, String)]
    /// A meeting invitation or cancellation, sent as a `text/calendar` alternative to the
    /// text: the form Gmail, Outlook and Apple Mail show with answer buttons.
    public var invitation: CalendarInvitation?

    public init(from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], replyTo: MailAddress? = nil, subject: String,
                text: String, html: String? = nil, attachments: [Attachment] = [], messageID: String,
                inReplyTo: String? = nil, references: [String] = [], date: Date, timeZone: TimeZone, extraHeaders: [(String, String)] = []) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.timeZone = timeZone
        self.extraHeaders = extraHeaders
    }

    /// A new globally unique Message-ID at the sender's domain (RFC 5322 §3.6.4).
    public static func newMessageID(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let left = (0..<20).map { _ in String(UInt8.random(in: 0..<36, using: &generator), radix: 36) }.joined()
        return "\(left)@\(domain)"
    }

    /// Why a message cannot be written: a field that would break the header it goes in.
    public enum Invalid: Error, Equatable {
        case address(String)
        case header(String)
        case noRecipients
    }

    /// The message as it goes on the wire. `boundarySeed` exists so tests are repeatable.
    /// Addresses and extra headers are checked first, so no caller can inject a header
    /// line through them.
    public func rendered(boundarySeed: UInt64? = nil) throws(Invalid) -> [UInt8] {
        for mailbox in [from] + to + cc + (replyTo.map { [$0] } ?? []) where !mailbox.isSendable {
            throw .address(mailbox.address)
        }
        if to.isEmpty && cc.isEmpty { throw .noRecipients }
        for (name, value) in extraHeaders {
            let nameOK = !name.isEmpty && name.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }
            let valueOK = value.utf8.allSatisfy { ($0 >= 32 && $0 < 127) || $0 == 9 }
            if !nameOK || !valueOK { throw .header(name) }
        }
        for attachment in attachments {
            let pieces = attachment.contentType.split(separator: "/", omittingEmptySubsequences: false)
            let token: (Substring) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { $0 > 32 && $0 < 127 && !"()<>@,;:\\\"/[]?=".utf8.contains($0) } }
            if pieces.count != 2 || !token(pieces[0]) || !token(pieces[1]) { throw .header("Content-Type") }
        }
        for id in [messageID] + (inReplyTo.map { [$0] } ?? []) + references
        where id.isEmpty || !id.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) {
            throw .header("Message-ID")
        }
        var seed = boundarySeed ?? UInt64.random(in: 0...UInt64.max)
        func boundary() -> String {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return "=_rapport_" + String(seed, radix: 36)
        }
        var out: [UInt8] = []
        func header(_ name: String, _ value: String) { out += Self.fold(name: name, words: Self.words(of: value)) }
        func addressHeader(_ name: String, _ list: [MailAddress]) {
            guard !list.isEmpty else { return }
            var words: [String] = []
            for (index, mailbox) in list.enumerated() {
                var pieces = mailbox.formatted.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                if index < list.count - 1 { pieces[pieces.count - 1] += "," }
                words += pieces
            }
            out += Self.fold(name: name, words: words)
        }
        header("Date", MailDate.format(date, timeZone: timeZone))
        addressHeader("From", [from])
        addressHeader("To", to)
        addressHeader("Cc", cc)
        if let replyTo { addressHeader("Reply-To", [replyTo]) }
        out += Self.fold(name: "Subject", words: EncodedWords.encode(subject).flatMap { $0.hasPrefix("=?") ? [$0] : Self.words(of: $0) })
        header("Message-ID", "<\(messageID)>")
        if let inReplyTo { header("In-Reply-To", "<\(inReplyTo)>") }
        if !references.isEmpty { out += Self.fold(name: "References", words: references.map { "<\($0)>" }) }
        for (name, value) in extraHeaders { header(name, value) }
        header("MIME-Version", "1.0")

        let textPart = Self.textPart(text, subtype: "plain")
        var alternatives = [textPart]
        if let html { alternatives.append(Self.textPart(html, subtype: "html")) }
        if let invitation { alternatives.append(Self.textPart(invitation.rendered(), subtype: "calendar; method=\(invitation.method.rawValue)")) }
        let body = alternatives.count == 1 ? textPart : Self.multipart("alternative", boundary: boundary(), parts: alternatives)
        if attachments.isEmpty {
            out += body
        } else {
            let b = boundary()
            var parts = [body]
            for attachment in attachments {
                var part: [UInt8] = []
                part += Self.fold(name: "Content-Type", words: [attachment.contentType + ";"] + Self.encodedWordParameter("name", attachment.filename))
                part += Self.fold(name: "Content-Disposition", words: ["attachment;"] + Self.parameter("filename", attachment.filename))
                part += Array("Content-Transfer-Encoding: base64\r\n\r\n".utf8)
                part += Base64.encode(attachment.data) + [13, 10]
                parts.append(part)
            }
            out += Self.multipart("mixed", boundary: b, parts: parts)
        }
        return out
    }

    /// A text body with its headers, in the shortest safe transfer encoding: 7bit for
    /// short-lined ASCII, quoted-printable for mostly-ASCII text, base64 for text that is
    /// mostly Hangul, kana or kanji (quoted-printable would triple it).
    static func textPart(_ text: String, subtype: String) -> [UInt8] {
        // RFC 2046 §4.1.1: text travels with CRLF line breaks, whatever the encoding.
        let bytes = canonicalLineBreaks(text)
        let normalized = String(decoding: bytes.filter { $0 != 13 }, as: UTF8.self)
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        let ascii = bytes.allSatisfy { $0 < 128 && ($0 >= 32 || $0 == 10 || $0 == 13 || $0 == 9) }
        let shortLines = lines.allSatisfy { $0.utf8.count <= 76 }
        let unsafeStart = lines.contains { $0.hasPrefix(".") || $0.hasPrefix("From ") }
        var head = "Content-Type: text/\(subtype); charset=utf-8\r\n"
        let encoded: [UInt8]
        if ascii, shortLines, !unsafeStart, !lines.contains(where: { $0.hasSuffix(" ") || $0.hasSuffix("\t") }) {
            head += "Content-Transfer-Encoding: 7bit\r\n"
            encoded = Array(lines.joined(separator: "\r\n").utf8)
        } else if bytes.filter({ $0 >= 128 }).count * 3 < bytes.count {
            head += "Content-Transfer-Encoding: quoted-printable\r\n"
            encoded = QuotedPrintable.encode(bytes)
        } else {
            head += "Content-Transfer-Encoding: base64\r\n"
            encoded = Base64.encode(bytes)
        }
        return Array((head + "\r\n").utf8) + encoded + [13, 10]
    }

    /// The text's UTF-8 with every CR, LF or CRLF as CRLF, done on bytes: string
    /// replacement would treat a line break followed by a combining mark as one character
    /// and leave it bare.
    static func canonicalLineBreaks(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 10 {
                if previous != 13 { out.append(13) }
                out.append(10)
            } else {
                if previous == 13 { out.append(10) }
                out.append(byte)
            }
            previous = byte
        }
        if previous == 13 { out.append(10) }
        return out
    }

    static func multipart(_ subtype: String, boundary: String, parts: [[UInt8]]) -> [UInt8] {
        var out = Array("Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
        for part in parts {
            out += Array("--\(boundary)\r\n".utf8)
            out += part
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }

    /// The type's `name` in the form older mail programs read: RFC 2047 words inside the
    /// quoted value (RFC 2047 §5 does not allow it; Outlook and Gmail write and read it).
    static func encodedWordParameter(_ name: String, _ value: String) -> [String] {
        if isShortASCII(value) { return parameter(name, value) }
        var words = EncodedWords.encode(value, always: true)
        words[0] = "\(name)=\"" + words[0]
        words[words.count - 1] += "\""
        return words
    }

    /// A file name parameter: plain when ASCII, else RFC 2231 `name*=utf-8''…` split into
    /// numbered sections that keep each header line short.
    static func parameter(_ name: String, _ value: String) -> [String] {
        if isShortASCII(value) {
            return ["\(name)=\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""]
        }
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var sections: [String] = []
        var current = ""
        for scalar in value.unicodeScalars {
            var piece = ""
            for byte in String(scalar).utf8 {
                piece += unreserved.contains(byte) ? String(UnicodeScalar(byte)) : "%" + String(UnicodeScalar(hex[Int(byte >> 4)])) + String(UnicodeScalar(hex[Int(byte & 15)]))
            }
            if current.count + piece.count > 48 { sections.append(current); current = "" }
            current += piece
        }
        if !current.isEmpty { sections.append(current) }
        var out = sections.enumerated().map { index, section in
            "\(name)*\(index)*=" + (index == 0 ? "utf-8''" : "") + section + ";"
        }
        out[out.count - 1].removeLast()
        return out
    }

    /// A value short enough to sit whole on a folded header line, in printable ASCII.
    static func isShortASCII(_ value: String) -> Bool {
        value.utf8.count <= 60 && value.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
    }

    /// Splits an ASCII value into the words folding may break between.
    static func words(of value: String) -> [String] {
        value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    }

    /// `Name: word word…` folded before a word whenever the line would pass 78 characters
    /// (RFC 5322 §2.1.1); a single longer word stays whole, still far under 998.
    static func fold(name: String, words: [String]) -> [UInt8] {
        var line = name + ":"
        var out = ""
        for word in words {
            if line.utf8.count + 1 + word.utf8.count > 78, line.utf8.count > name.utf8.count + 1 {
                out += line + "\r\n"
                line = ""
            }
            line += " " + word
        }
        out += line + "\r\n"
        return Array(out.utf8)
    }
}
