/// What ties a received message to a conversation Rapport already has: the ids in its
/// `In-Reply-To` and `References` (RFC 5322 §3.6.4), and, for replies whose mailer lost
/// those headers, a short token Rapport put in the subject of what it sent.
public struct ThreadKeys: Sendable, Equatable {
    /// The ids this message answers, nearest first: `In-Reply-To`, then `References`
    /// from the last (the parent) back to the first (the thread's start).
    public var parents: [String]
    /// The token found in the subject, without its brackets.
    public var subjectToken: String?
    /// The subject without reply and forward prefixes or the token, for grouping and display.
    public var topic: String

    public init(_ message: MailMessage) {
        var seen = Set<String>()
        parents = (message.inReplyTo + message.references.reversed()).filter { seen.insert($0).inserted && $0 != message.messageID }
        subjectToken = Self.token(in: message.subject ?? "")
        topic = Self.topic(message.subject ?? "")
    }

    /// Tokens are `[#` + 4–24 letters, digits or dashes + `]`, e.g. `[#T-2026-000123]`:
    /// bracketed so a word in the subject is never mistaken for one.
    public static func token(in subject: String) -> String? {
        var rest = Substring(subject)
        while let open = rest.range(of: "[#") {
            let after = rest[open.upperBound...]
            if let close = after.firstIndex(of: "]") {
                let candidate = after[..<close]
                if (4...24).contains(candidate.count), candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                    return String(candidate)
                }
            }
            rest = after
        }
        return nil
    }

    /// `subject` with `token` added at its end, unless the subject already carries it.
    public static func subject(_ subject: String, adding token: String) -> String {
        self.token(in: subject) == token ? subject : "\(subject) [#\(token)]"
    }

    /// Reply and forward markers mail clients put before a subject, in many languages
    /// (Outlook translates them), compared after case folding, with either colon.
    static let prefixes = ["re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "tr", "rv", "enc", "回复", "答复", "转发", "回覆", "轉寄", "返信", "転送", "답장", "회신", "전달"]

    public static func topic(_ subject: String) -> String {
        var text = Substring(subject.trimmingASCIIWhitespace())
        if let token = token(in: String(text)), let range = text.range(of: "[#\(token)]") {
            text = (text[..<range.lowerBound] + text[range.upperBound...])[...]
        }
        var changed = true
        while changed {
            changed = false
            text = text.drop { $0 == " " || $0 == "\t" }
            for prefix in prefixes {
                guard text.count > prefix.count, text.prefix(prefix.count).lowercased() == prefix else { continue }
                var after = text.dropFirst(prefix.count)
                // `Re[2]:` and `RE(2):` count as `Re:`.
                if let first = after.first, first == "[" || first == "(", let close = after.firstIndex(where: { $0 == "]" || $0 == ")" }),
                   after[after.index(after: after.startIndex)..<close].allSatisfy(\.isNumber) {
                    after = after[after.index(after: close)...]
                }
                after = after.drop { $0 == " " }
                // A marker with nothing after it is the whole subject, not a prefix.
                if let colon = after.first, colon == ":" || colon == "：", after.dropFirst().contains(where: { !$0.isWhitespace }) {
                    text = after.dropFirst()
                    changed = true
                    break
                }
            }
        }
        return String(text).trimmingASCIIWhitespace()
    }
}
