/// The Net Promoter survey as a person reads it, by mail and on its page, in their
/// language: the standard question (Reichheld's "How likely is it that you would
/// recommend … to a friend or colleague?"), eleven one-click scores from 0 to 10 with the
/// scale's two ends named, and a way out of every later survey. Beside the domain rather
/// than in the page catalogs because the job that sends it runs without pages.
public enum NPSWords {
    static let texts: [String: [String: String]] = [
        "en": [
            "subject": "A quick question from %@",
            "subject_us": "A quick question from us",
            "question": "How likely are you to recommend %@ to a friend or colleague?",
            "question_us": "How likely are you to recommend us to a friend or colleague?",
            "low": "0 = not at all likely", "high": "10 = extremely likely",
            "how": "One click records your answer; on the page that opens you can tell us why.",
            "why": "What is the main reason for your score?",
            "unsubscribe": "Don't want these surveys? Unsubscribe: %@",
            "unsubscribe_link": "Unsubscribe from surveys",
        ],
        "ko": [
            "subject": "%@에서 드리는 짧은 질문",
            "subject_us": "짧은 질문을 드립니다",
            "question": "%@을(를) 친구나 동료에게 추천할 가능성은 얼마나 되십니까?",
            "question_us": "저희를 친구나 동료에게 추천할 가능성은 얼마나 되십니까?",
            "low": "0 = 전혀 추천하지 않음", "high": "10 = 매우 추천함",
            "how": "한 번 누르면 답변이 기록됩니다. 열리는 페이지에서 이유를 남기실 수 있습니다.",
            "why": "그 점수를 주신 가장 큰 이유는 무엇인가요?",
            "unsubscribe": "설문을 받고 싶지 않으시면 수신 거부: %@",
            "unsubscribe_link": "설문 수신 거부",
        ],
        "ja": [
            "subject": "%@からの簡単なご質問",
            "subject_us": "簡単なご質問です",
            "question": "%@を友人や同僚に薦める可能性はどのくらいありますか？",
            "question_us": "当社を友人や同僚に薦める可能性はどのくらいありますか？",
            "low": "0 = まったく薦めない", "high": "10 = 非常に薦めたい",
            "how": "クリックすると回答が記録されます。開いたページで理由をお聞かせください。",
            "why": "その点数をつけた一番の理由は何ですか？",
            "unsubscribe": "今後のアンケートが不要な場合は配信停止: %@",
            "unsubscribe_link": "アンケートの配信を停止",
        ],
    ]

    public static func text(_ key: String, _ language: String, _ subject: String = "") -> String {
        let l = SurveyWords.language(language)
        return (texts[l]?[key] ?? texts["en"]![key]!).replacingOccurrences(of: "%@", with: subject)
    }

    /// The question, naming `subject`, or "us" when there is nothing to name (a company
    /// that has not entered its name yet).
    public static func question(_ language: String, _ subject: String?) -> String {
        let name = subject?.trimmedWhitespace ?? ""
        return name.isEmpty ? text("question_us", language) : text("question", language, name)
    }

    public static func subject(_ language: String, _ subject: String?) -> String {
        let name = subject?.trimmedWhitespace ?? ""
        return name.isEmpty ? text("subject_us", language) : text("subject", language, name)
    }
}

/// The NPS survey mail: the question, 0–10 as links in one row (text: one per line), the
/// scale's ends, and the unsubscribe link that the `List-Unsubscribe` header also carries.
public struct NPSMail: Sendable, Equatable {
    public var subject: String
    public var text: String
    public var html: String

    /// `link(score)` is the one-click address of that score.
    public init(language: String, subjectName: String?, unsubscribe: String, link: (Int) -> String) {
        let l = SurveyWords.language(language)
        subject = NPSWords.subject(l, subjectName)
        let question = NPSWords.question(l, subjectName)
        let ends = "\(NPSWords.text("low", l)) · \(NPSWords.text("high", l))"
        let how = NPSWords.text("how", l)
        let scores = Array(SurveyScale.zeroToTen.scores)
        text = ([question, ends, ""] + scores.map { "\($0): \(link($0))" } + ["", how, "", NPSWords.text("unsubscribe", l, unsubscribe)])
            .joined(separator: "\n") + "\n"
        var h = "<!doctype html><html lang=\"\(l)\"><body style=\"font-family:sans-serif\"><p style=\"font-size:1.1em\">\(SurveyMail.escape(question))</p><p>"
        for score in scores {
            h += "<a href=\"\(SurveyMail.escape(link(score)))\" style=\"display:inline-block;min-width:1.6em;margin:2px;padding:8px 6px;border:1px solid #888;border-radius:6px;text-align:center;text-decoration:none\">\(score)</a>"
        }
        h += "</p><p style=\"color:#555\">\(SurveyMail.escape(ends))</p><p style=\"color:#555\">\(SurveyMail.escape(how))</p>"
        h += "<p style=\"color:#777;font-size:.85em\"><a href=\"\(SurveyMail.escape(unsubscribe))\">\(SurveyMail.escape(NPSWords.text("unsubscribe_link", l)))</a></p></body></html>\n"
        html = h
    }
}
