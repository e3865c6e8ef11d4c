/// The mail a requester gets after sending the public web form: their request's number,
/// what they wrote (so they can tell it arrived whole), and how to add to it (answer this
/// mail). In their language, as ``SurveyWords`` picks it; made here because the store
/// queues it in the same transaction as the ticket.
public struct WebFormMail: Sendable {
    public var subject: String
    public var text: String

    /// What the form accepts; longer text is refused with the field named, never cut.
    public static let maxSubject = 300
    public static let maxBody = 20_000
    public static let maxName = 200

    public init(language: String, ticketNumber: String, ticketSubject: String, body: String, groupName: String) {
        let l = SurveyWords.language(language)
        let words = Self.texts[l]!
        subject = words["subject"]!.replacingOccurrences(of: "%@", with: ticketSubject)
        text = [
            words["intro"]!.replacingOccurrences(of: "%1", with: groupName).replacingOccurrences(of: "%2", with: ticketNumber),
            "",
            "> " + body.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n> "),
            "",
            words["reply"]!,
        ].joined(separator: "\n")
    }

    static let texts: [String: [String: String]] = [
        "en": [
            "subject": "We received your request: %@",
            "intro": "Thank you for contacting %1. Your request is number %2; this is what you sent:",
            "reply": "To add something, answer this mail. Please keep the number in the subject.",
        ],
        "ko": [
            "subject": "문의가 접수되었습니다: %@",
            "intro": "%1에 문의해 주셔서 감사합니다. 접수 번호는 %2입니다. 보내 주신 내용은 다음과 같습니다.",
            "reply": "덧붙일 내용이 있으면 이 메일에 답장해 주세요. 제목의 접수 번호는 그대로 두세요.",
        ],
        "ja": [
            "subject": "お問い合わせを受け付けました: %@",
            "intro": "%1 へのお問い合わせありがとうございます。受付番号は %2 です。お送りいただいた内容は次のとおりです。",
            "reply": "追記がある場合は、このメールにご返信ください。件名の受付番号はそのままにしてください。",
        ],
    ]
}
