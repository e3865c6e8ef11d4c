/// The satisfaction survey as the requester reads it, by mail and on its page, in their
/// language (English, Korean, Japanese; others read English). It lives beside the domain
/// rather than in the page catalogs because the job that sends it runs without pages.
public enum SurveyWords {
    public static let languages = ["en", "ko", "ja"]

    public static func language(_ code: String?) -> String {
        let base = (code ?? "").lowercased().prefix { $0 != "-" && $0 != "_" }
        return languages.contains(String(base)) ? String(base) : "en"
    }

    /// A score's words: "Good", "매우 만족", "大変満足"…
    public static func label(_ score: Int, _ scale: SurveyScale, _ language: String) -> String {
        let l = self.language(language)
        switch scale {
        case .goodBad:
            return score == 1 ? ["en": "Good, I'm satisfied", "ko": "좋아요, 만족합니다", "ja": "良い、満足です"][l]!
                : ["en": "Bad, I'm unsatisfied", "ko": "별로예요, 불만족입니다", "ja": "悪い、不満です"][l]!
        case .fivePoint:
            let words = [
                "en": ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"],
                "ko": ["매우 불만족", "불만족", "보통", "만족", "매우 만족"],
                "ja": ["大変不満", "不満", "普通", "満足", "大変満足"],
            ][l]!
            return (1...5).contains(score) ? "\(score) · \(words[score - 1])" : String(score)
        case .zeroToTen:
            return String(score)
        }
    }

    static let texts: [String: [String: String]] = [
        "en": [
            "subject": "How did we do? %@",
            "intro": "Your request \"%1\" (%2) has been solved. How would you rate the support you received?",
            "how": "One click records your answer; on the page that opens you can add a comment or change it.",
            "question": "How would you rate the support you received?",
        ],
        "ko": [
            "subject": "상담은 어떠셨나요? %@",
            "intro": "문의하신 \"%1\"(%2) 건이 해결되었습니다. 받으신 지원을 평가해 주세요.",
            "how": "한 번 누르면 평가가 기록됩니다. 열리는 페이지에서 의견을 남기거나 평가를 바꾸실 수 있습니다.",
            "question": "받으신 지원을 평가해 주세요.",
        ],
        "ja": [
            "subject": "対応はいかがでしたか？ %@",
            "intro": "お問い合わせ「%1」（%2）は解決済みとなりました。今回のサポートを評価してください。",
            "how": "クリックすると評価が記録されます。開いたページでコメントの追加や評価の変更ができます。",
            "question": "今回のサポートを評価してください。",
        ],
    ]

    public static func text(_ key: String, _ language: String) -> String {
        texts[self.language(language)]?[key] ?? texts["en"]![key]!
    }
}

/// The survey mail: plain text with one link per score, and the same as HTML buttons.
public struct SurveyMail: Sendable, Equatable {
    public var subject: String
    public var text: String
    public var html: String

    /// `link(score)` is the one-click address of that score.
    public init(language: String, ticketNumber: String, ticketSubject: String, scale: SurveyScale, link: (Int) -> String) {
        let l = SurveyWords.language(language)
        subject = SurveyWords.text("subject", l).replacingOccurrences(of: "%@", with: ticketSubject)
        let intro = SurveyWords.text("intro", l).replacingOccurrences(of: "%1", with: ticketSubject).replacingOccurrences(of: "%2", with: ticketNumber)
        let how = SurveyWords.text("how", l)
        let choices = scale.choices.map { (SurveyWords.label($0, scale, l), link($0)) }
        text = ([intro, ""] + choices.map { "\($0.0): \($0.1)" } + ["", how]).joined(separator: "\n") + "\n"
        var h = "<!doctype html><html lang=\"\(l)\"><body style=\"font-family:sans-serif\"><p>\(Self.escape(intro))</p><p>"
        for (label, href) in choices {
            h += "<a href=\"\(Self.escape(href))\" style=\"display:inline-block;margin:4px;padding:10px 16px;border:1px solid #888;border-radius:6px;text-decoration:none\">\(Self.escape(label))</a> "
        }
        h += "</p><p style=\"color:#555\">\(Self.escape(how))</p></body></html>\n"
        html = h
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
