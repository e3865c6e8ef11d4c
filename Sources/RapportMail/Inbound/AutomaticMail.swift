/// What a received message is when no person wrote it: an auto-reply, list or bulk mail,
/// or a delivery report. Whoever ingests mail asks this before anything else, so a bounce
/// never opens a conversation and Rapport never answers a machine (RFC 3834 §2).
public enum AutomaticMail: Sendable, Equatable {
    /// A person wrote it; it may be answered automatically.
    case personal
    /// An automatic answer to another message (out of office, vacation, "received").
    case autoReply
    /// Sent to many (`Precedence: bulk`, a mailing list, a newsletter).
    case bulk
    /// A delivery status notification (RFC 3464), or a mailer daemon's bounce without one.
    case deliveryReport

    /// Whether a message of this kind may receive an automatic answer from Rapport.
    public var mayAutoReply: Bool { self == .personal }

    /// Labels auto-responders put before the subject they answer ("Automatic reply: …",
    /// "Out of Office: …", Outlook's "자동 회신:" and "自動応答:"). Only a label followed by
    /// a colon counts, so a person's "Vacation plans" or "부재중 업무 분담" is not a machine.
    static let autoReplyLabels = [
        "auto", "autoreply", "auto-reply", "auto reply", "automatic reply", "out of office", "out of office autoreply", "out of the office",
        "vacation", "vacation reply", "abwesenheitsnotiz", "réponse automatique", "자동 응답", "자동응답", "자동 회신", "부재중", "부재 중",
        "自動応答", "自動返信", "不在通知", "不在", "自动回复",
    ]

    static func isAutoReplySubject(_ subject: String) -> Bool {
        autoReplyLabels.contains { label in
            guard subject.hasPrefix(label) else { return false }
            let rest = subject.dropFirst(label.count).drop { $0 == " " }
            return rest.first == ":" || rest.first == "："
        }
    }

    /// Subject openings of bounces sent without a `multipart/report` (old mailers).
    static let bounceSubjects = [
        "undelivered mail", "undeliverable", "delivery status notification", "mail delivery failed", "returned mail",
        "delivery failure", "failure notice", "mail delivery system", "配信不能", "メール配信エラー", "전달 실패", "배달 실패", "반송",
    ]

    /// Classifies a message by its headers and subject. The order matters: a report is a
    /// report even when it also says `Auto-Submitted`, and an auto-reply is one even when
    /// it came through a list.
    public static func classify(_ message: MailMessage) -> AutomaticMail {
        let headers = message.root.headers
        let type = message.root.contentType
        if type.value == "multipart/report", let report = type[parameter: "report-type"]?.lowercased(),
           report == "delivery-status" || report == "global-delivery-status" {
            return .deliveryReport
        }
        let subject = (message.subject ?? "").lowercased().trimmingASCIIWhitespace()
        let from = message.from.first?.address.lowercased() ?? ""
        let local = from.split(separator: "@").first.map(String.init) ?? ""
        let nullSender = headers.text("Return-Path").map { $0.filter { !$0.isWhitespace } == "<>" } ?? false
        if ["mailer-daemon", "postmaster"].contains(local) || (nullSender && bounceSubjects.contains { subject.hasPrefix($0) }) {
            return .deliveryReport
        }
        if let auto = headers.text("Auto-Submitted")?.lowercased().trimmingASCIIWhitespace(), !auto.isEmpty, !auto.hasPrefix("no") {
            return auto.hasPrefix("auto-replied") ? .autoReply : .bulk
        }
        if headers.raw("X-Autoreply") != nil || headers.raw("X-Autorespond") != nil || headers.raw("X-Autoresponse") != nil {
            return .autoReply
        }
        if isAutoReplySubject(subject) { return .autoReply }
        if let precedence = headers.text("Precedence")?.lowercased().trimmingASCIIWhitespace(), ["bulk", "junk", "list", "auto_reply"].contains(precedence) {
            return precedence == "auto_reply" ? .autoReply : .bulk
        }
        if headers.raw("List-Id") != nil || headers.raw("List-Unsubscribe") != nil || headers.raw("Feedback-ID") != nil || nullSender {
            return .bulk
        }
        return .personal
    }
}
