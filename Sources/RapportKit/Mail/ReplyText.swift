/// A received reply split into what the writer wrote now and what their mail client
/// appended: the quoted history ("On … wrote:" and the `>` lines under it, Outlook's
/// original-message block) and the signature (RFC 3676's `-- ` line). The page folds the
/// second part away; the stored text keeps all of it, so search still finds the history.
///
/// Only a trailing block is folded: a reply written between quoted lines (answers inline)
/// is shown whole, and so is a message that would be left with nothing (a forward).
/// The attribution lines recognised are those Gmail, Apple Mail, Outlook and Thunderbird
/// write in English, Korean and Japanese.
public struct ReplyText: Sendable, Equatable {
    public var visible: String
    /// The folded tail; nil when nothing is folded.
    public var folded: String?

    public init(_ body: String) {
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        guard let cut = Self.cut(lines) else {
            visible = body
            folded = nil
            return
        }
        let head = lines[..<cut].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        let tail = lines[cut...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if head.isEmpty || tail.isEmpty {
            visible = body
            folded = nil
        } else {
            visible = head
            folded = tail
        }
    }

    /// The first line of the trailing block, if there is one.
    static func cut(_ lines: [String]) -> Int? {
        for i in lines.indices {
            let line = lines[i].trimmingCharacters(in: .whitespaces)
            if lines[i] == "-- " || line == "--" { return i }
            if isSeparator(line), i + 1 < lines.count { return i }
            if isHeaderBlock(lines, at: i) {
                // The rule above Outlook on the web's block goes with it.
                let rule = i > 0 && !lines[i - 1].trimmingCharacters(in: .whitespaces).isEmpty
                return rule ? i - 1 : i
            }
            if isAttribution(lines, at: i), onlyQuotesAfter(lines, from: i + 1) { return i }
            if line.hasPrefix(">"), onlyQuotesAfter(lines, from: i) { return i }
        }
        return nil
    }

    /// Outlook's and webmail's dividers above a copy of the original message.
    static func isSeparator(_ line: String) -> Bool {
        let dividers = ["-----Original Message-----", "-----원본 메시지-----", "-----元のメッセージ-----", "----- Original Message -----",
                        "-------- Original Message --------", "-------- 원본 메시지 --------", "-------- 元のメッセージ --------"]
        return dividers.contains { line.caseInsensitiveCompare($0) == .orderedSame }
    }

    /// Outlook's header block without a divider: `From:` then `Sent:`/`Date:` within a few
    /// lines (보낸 사람 / 보낸 날짜, 差出人 / 送信日時 in Korean and Japanese Outlook).
    static func isHeaderBlock(_ lines: [String], at i: Int) -> Bool {
        let line = lines[i].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "*", with: "")
        let froms = ["From:", "보낸 사람:", "差出人:"]
        let dates = ["Sent:", "Date:", "보낸 날짜:", "날짜:", "送信日時:", "日付:"]
        guard froms.contains(where: { line.hasPrefix($0) }) else { return false }
        let previous = i > 0 ? lines[i - 1].trimmingCharacters(in: .whitespaces) : ""
        // A rule of underscores (Outlook on the web) or a blank line comes before it.
        guard previous.isEmpty || previous.allSatisfy({ $0 == "_" || $0 == "-" }) else { return false }
        return lines[(i + 1)..<min(i + 5, lines.count)].contains { next in
            let t = next.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "*", with: "")
            return dates.contains { t.hasPrefix($0) }
        }
    }

    /// "On … wrote:" (its line may be wrapped in two), "… 님이 작성:", "… 작성:",
    /// "…のメール:", "…書きました:", and Gmail's Japanese "… <address>:".
    static func isAttribution(_ lines: [String], at i: Int) -> Bool {
        let line = lines[i].trimmingCharacters(in: .whitespaces)
        let joined = i + 1 < lines.count ? line + " " + lines[i + 1].trimmingCharacters(in: .whitespaces) : line
        let endings = ["wrote:", "작성:", "のメール:", "書きました:", "書きました：", "작성："]
        if endings.contains(where: { line.hasSuffix($0) }) { return true }
        if line.hasPrefix("On "), endings.contains(where: { joined.hasSuffix($0) }) { return true }
        // 2026年12月1日(火) 10:00 佐藤陽翔 <haruto@example.jp>:
        if line.hasSuffix(">:"), line.contains("@"), line.contains("年") || line.first?.isNumber == true { return true }
        return false
    }

    /// Whether every non-blank line from `start` on is quoted (and there is at least one,
    /// or the attribution ends the message), so nothing the writer wrote comes after.
    static func onlyQuotesAfter(_ lines: [String], from start: Int) -> Bool {
        var sawQuote = false
        var index = start
        // An attribution wrapped over two lines: its second half is not a quote.
        if index < lines.count, index > 0, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix(">"),
           lines[index - 1].trimmingCharacters(in: .whitespaces).hasPrefix("On "),
           lines[index].trimmingCharacters(in: .whitespaces).hasSuffix("wrote:") {
            index += 1
        }
        while index < lines.count {
            let t = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if t.isEmpty { continue }
            guard t.hasPrefix(">") else { return false }
            sawQuote = true
        }
        return sawQuote
    }
}
