import Foundation

/// A received message as the timeline and threading need it: who, when, which thread,
/// the text and HTML bodies, and the attachments. The raw bytes are never rebuilt from
/// this: whoever stores a message keeps the original beside it.
public struct MailMessage: Sendable {
    public var root: MIMEPart
    public var subject: String?
    public var from: [MailAddress]
    public var sender: MailAddress?
    public var replyTo: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var date: Date?
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    /// The first text/plain and text/html bodies that are not attachments, in their
    /// charsets; for multipart/alternative, the last of each kind (the richest, RFC 2046 §5.1.4).
    public var text: Charset.Decoded?
    public var html: Charset.Decoded?
    public var attachments: [Attachment]

    public struct Attachment: Sendable, Equatable {
        public var filename: String?
        public var contentType: String
        public var contentID: String?
        public var inline: Bool
        public var data: [UInt8]
    }

    /// Every address the message names, senders and recipients, each once.
    public var participants: [MailAddress] {
        var seen = Set<String>()
        return (from + (sender.map { [$0] } ?? []) + replyTo + to + cc).filter { seen.insert($0.normalized).inserted }
    }

    public init(parsing bytes: [UInt8]) {
        let root = MIMEPart(parsing: bytes)
        self.root = root
        let headers = root.headers
        subject = headers["Subject"]
        from = headers.text("From").map(MailAddress.parseList) ?? []
        sender = headers.text("Sender").flatMap { MailAddress.parseList($0).first }
        replyTo = headers.text("Reply-To").map(MailAddress.parseList) ?? []
        to = headers.all("To").flatMap(MailAddress.parseList)
        cc = headers.all("Cc").flatMap(MailAddress.parseList)
        date = headers.text("Date").flatMap(MailDate.parse)
        messageID = headers.text("Message-ID").flatMap { Self.messageIDs(in: $0).first }
        inReplyTo = headers.text("In-Reply-To").map(Self.messageIDs) ?? []
        references = headers.all("References").flatMap(Self.messageIDs)

        var text: Charset.Decoded?
        var html: Charset.Decoded?
        var attachments: [Attachment] = []
        func walk(_ part: MIMEPart, inAlternative: Bool) {
            if part.isMultipart {
                let alternative = part.contentType.value == "multipart/alternative"
                for child in part.parts { walk(child, inAlternative: alternative) }
                return
            }
            if part.contentType.value == "message/rfc822" || part.contentType.value == "message/global" {
                attachments.append(Attachment(filename: part.filename, contentType: part.contentType.value, contentID: nil, inline: false, data: part.body))
                return
            }
            let disposition = part.disposition?.value
            let isText = part.contentType.value == "text/plain" || part.contentType.value == "text/html"
            if isText, disposition != "attachment", part.filename == nil || disposition == "inline" {
                if part.contentType.value == "text/plain", text == nil || inAlternative { text = part.text; return }
                if part.contentType.value == "text/html", html == nil || inAlternative { html = part.text; return }
            }
            let contentID = part.headers.text("Content-ID").flatMap { Self.messageIDs(in: $0).first }
            attachments.append(Attachment(filename: part.filename, contentType: part.contentType.value, contentID: contentID,
                                          inline: disposition == "inline", data: part.body))
        }
        walk(root, inAlternative: false)
        self.text = text
        self.html = html
        self.attachments = attachments
    }

    /// The `<id>` tokens of a Message-ID, In-Reply-To or References field, without the
    /// angle brackets; a bare id without brackets (seen from broken mailers) counts too.
    public static func messageIDs(in value: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let id = rest[rest.index(after: open)..<close].filter { !$0.isWhitespace }
            if !id.isEmpty { ids.append(String(id)) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            let bare = value.trimmingASCIIWhitespace()
            if bare.contains("@"), !bare.contains(where: { $0 == " " || $0 == "\t" }) { ids.append(bare) }
        }
        return ids
    }
}
