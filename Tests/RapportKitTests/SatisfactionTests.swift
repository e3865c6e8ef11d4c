import PropertyBased
import RapportKit
import Testing

/// CSAT and NPS as the help desks and Bain's Net Promoter System define them.
@Suite struct SatisfactionTests {
    /// Zendesk: "the percentage of good ratings out of all (good and bad) ratings"; 3 good
    /// and 1 bad is 75 %.
    @Test func goodBadIsTheShareOfGood() {
        let s = CSATSummary([(1, .goodBad), (1, .goodBad), (1, .goodBad), (0, .goodBad)])
        #expect(s.responses == 4 && s.positive == 3 && s.percent == 75)
    }

    /// On 1–5, satisfied is 4 or 5 ("top two boxes"); a 3 is neither and counts against:
    /// 5, 4, 4, 3, 2, 1 is 3 of 6, 50 %.
    @Test func fivePointCountsTheTopTwoBoxes() {
        let s = CSATSummary([5, 4, 4, 3, 2, 1].map { ($0, SurveyScale.fivePoint) })
        #expect(s.responses == 6 && s.positive == 3 && s.percent == 50)
        #expect(!SurveyScale.fivePoint.isPositive(3) && SurveyScale.fivePoint.isPositive(4))
    }

    /// Nobody answered is not 0 %; scores outside their scale are not answers.
    @Test func noAnswersHasNoPercentAndStrayScoresAreLeftOut() {
        #expect(CSATSummary([]).percent == nil)
        let s = CSATSummary([(2, .goodBad), (6, .fivePoint), (0, .fivePoint), (1, .goodBad)])
        #expect(s.responses == 1 && s.percent == 100)
    }

    /// The Net Promoter System's definition: % promoters (9–10) − % detractors (0–6).
    /// 100 answers, 70 promoters, 20 passives, 10 detractors: 70 − 10 = 60.
    @Test func npsIsPromotersMinusDetractors() {
        let scores = Array(repeating: 10, count: 40) + Array(repeating: 9, count: 30) + Array(repeating: 8, count: 12) + Array(repeating: 7, count: 8)
            + Array(repeating: 6, count: 5) + Array(repeating: 0, count: 5)
        let s = NPSSummary(scores)
        #expect(s.promoters == 70 && s.passives == 20 && s.detractors == 10 && s.responses == 100)
        #expect(s.score == 60)
    }

    /// The boundaries: 6 is a detractor, 7 and 8 passives, 9 a promoter; all passives is 0,
    /// all detractors −100, all promoters 100, and 7 promoters of 12 with 3 detractors 33.3….
    @Test func npsBoundaries() {
        #expect(NPSSummary([6]).score == -100 && NPSSummary([7, 8]).score == 0 && NPSSummary([9, 10]).score == 100)
        #expect(NPSSummary([]).score == nil && NPSSummary([11, -1]).responses == 0)
        let s = NPSSummary(Array(repeating: 9, count: 7) + [7, 8] + [0, 3, 6])
        #expect(abs((s.score ?? 0) - 100.0 / 3) < 1e-9)
    }

    /// For any answers: the score lies in −100…100 and equals the definition's arithmetic.
    @Test func npsStaysInRangeForAnyAnswers() async {
        await propertyCheck(count: 500, input: Gen.int(in: -2...12).array(of: 0...300)) { scores in
            let s = NPSSummary(scores)
            let valid = scores.filter { (0...10).contains($0) }
            #expect(s.responses == valid.count)
            if let score = s.score {
                #expect(score >= -100 && score <= 100)
                let p = Double(valid.filter { $0 >= 9 }.count), d = Double(valid.filter { $0 <= 6 }.count)
                #expect(abs(score - (p - d) * 100 / Double(valid.count)) < 1e-9)
            } else {
                #expect(valid.isEmpty)
            }
        }
    }

    /// Weeks end at `now`; an answer exactly a week back starts the week before.
    @Test func weeksBucketAnswersBackFromNow() {
        let now: Int64 = 1_800_000_000_000
        let week = SatisfactionReport.week
        let answers = [
            SatisfactionAnswer(score: 1, scale: .goodBad, at: now),
            SatisfactionAnswer(score: 0, scale: .goodBad, at: now - week + 1),
            SatisfactionAnswer(score: 1, scale: .goodBad, at: now - week),
            SatisfactionAnswer(score: 1, scale: .goodBad, at: now - 3 * week),
            SatisfactionAnswer(score: 1, scale: .goodBad, at: now + 1),
        ]
        let weeks = SatisfactionReport.weeks(answers, now: now, count: 3)
        #expect(weeks.map(\.summary.responses) == [0, 1, 2])
        #expect(weeks.last?.summary.percent == 50 && weeks[1].summary.percent == 100)
        #expect(weeks.last?.start == now - week + 1 && weeks.first?.start == now - 3 * week + 1)
        let byGroup = SatisfactionReport.by([SatisfactionAnswer(score: 1, scale: .goodBad, at: 0, group: "B"),
                                             SatisfactionAnswer(score: 0, scale: .goodBad, at: 0, group: "A"),
                                             SatisfactionAnswer(score: 1, scale: .goodBad, at: 0, group: "A"),
                                             SatisfactionAnswer(score: 1, scale: .goodBad, at: 0)]) { $0.group }
        #expect(byGroup.map(\.key) == ["A", "B", nil] && byGroup.first?.summary.percent == 50)
    }

    @Test func settingsNameEveryWrongField() throws {
        let ok = SatisfactionSettings.parse(JSONObject([("enabled", .string("true")), ("scale", .string("five")), ("delay_minutes", .string(" 90 ")),
                                                        ("public_url", .string("https://Desk.example.com:8443/help/"))]), over: SatisfactionSettings())
        #expect(try ok.get() == SatisfactionSettings(enabled: true, scale: .fivePoint, delayMinutes: 90, publicURL: "https://Desk.example.com:8443/help"))
        #expect(try ok.get().sends)
        let bad = SatisfactionSettings.parse(JSONObject([("enabled", .string("maybe")), ("scale", .string("zero_ten")), ("delay_minutes", .string("-1")),
                                                         ("public_url", .string("javascript:alert(1)")), ("color", .string("red"))]), over: SatisfactionSettings())
        guard case .failure(.invalid(let errors)) = bad else { Issue.record("accepted"); return }
        #expect(Set(errors.map(\.field)) == ["enabled", "scale", "delay_minutes", "public_url", "color"])
        for url in ["ftp://x.example", "https://user@x.example", "https://x.example/?q=1", "https://x.example/#a", "https:// x.example", "https://x.example:99999",
                    "https://", "https://ex ample.com", "https://x.example/\u{7}"] {
            #expect(SatisfactionSettings.canonicalURL(url) == nil, "\(url)")
        }
        #expect(!SatisfactionSettings(enabled: true).sends, "no address, no link to send")
    }

    /// The mail names the ticket and carries one link per score, best first, in the
    /// requester's language; unknown languages read English.
    @Test func surveyMailInThreeLanguages() {
        let ko = SurveyMail(language: "ko-KR", ticketNumber: "T-2026-000007", ticketSubject: "로그인이 안 돼요", scale: .goodBad) { "https://d.example/survey/t?score=\($0)" }
        #expect(ko.subject == "상담은 어떠셨나요? 로그인이 안 돼요")
        #expect(ko.text.contains("\"로그인이 안 돼요\"(T-2026-000007)") && ko.text.contains("좋아요, 만족합니다: https://d.example/survey/t?score=1"))
        #expect(ko.text.range(of: "score=1")!.lowerBound < ko.text.range(of: "score=0")!.lowerBound)
        let ja = SurveyMail(language: "ja", ticketNumber: "T-1", ticketSubject: "<請求書>", scale: .fivePoint) { "https://d.example/s?score=\($0)&x=\"" }
        #expect(ja.text.contains("5 · 大変満足: ") && ja.html.contains("&lt;請求書&gt;") && !ja.html.contains("<請求書>") && ja.html.contains("&amp;x=&quot;"))
        let other = SurveyMail(language: "fr", ticketNumber: "T-1", ticketSubject: "x", scale: .goodBad) { _ in "u" }
        #expect(other.subject == "How did we do? x")
    }
}
