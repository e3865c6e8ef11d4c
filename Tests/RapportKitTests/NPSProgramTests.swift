import Foundation
@testable import RapportKit
import Testing

/// The rules of an NPS program that need no database: which schedules are accepted, the
/// quiet period, the audience as list filters, the mail, and NPS week by week.
@Suite struct NPSProgramTests {
    @Test func schedulesMustParseFireAndLeaveADayBetweenRounds() {
        for good in ["0 10 1 */3 *", "0 9 * * 1", "30 8 15 * *", "0 0 1 1 *"] {
            #expect(NPSPrograms.validate(JSONObject([("schedule", .string(good))])).isEmpty, "\(good)")
        }
        let cases: [(String, String)] = [
            ("* * * * *", "too_frequent"), ("0 9,10 * * *", "too_frequent"), ("0 */6 * * *", "too_frequent"),
            ("0 10 31 2 *", "invalid_schedule"), ("every day", "invalid_schedule"), ("60 10 * * *", "invalid_schedule"), ("", "invalid_schedule"),
        ]
        for (text, code) in cases {
            #expect(NPSPrograms.validate(JSONObject([("schedule", .string(text))])).map(\.code) == [code], "\(text)")
        }
    }

    @Test func theQuietPeriodIsAWholeNumberOfDaysWithAQuarterByDefault() {
        #expect(NPSPrograms.quietDays(JSONObject()) == 90)
        #expect(NPSPrograms.quietDays(JSONObject([("quiet_days", .number("30"))])) == 30)
        for bad in ["0", "-1", "3651", "1.5"] {
            #expect(NPSPrograms.validate(JSONObject([("quiet_days", .number(bad))])).map(\.code) == ["out_of_range"], "\(bad)")
        }
    }

    @Test func theAudienceIsTheListFiltersOfPeople() throws {
        let record = JSONObject([("audience_stages", .array([.string("customer"), .string("evangelist")])), ("audience_tags", .array([.string("VIP")]))])
        let params = NPSPrograms.audience(record)
        #expect(params.map(\.0) == ["filter[lifecycle_stage][in]", "filter[tags][in]"])
        #expect(params.map(\.1) == ["customer,evangelist", "VIP"])
        // Whatever it names parses as a list request of people.
        #expect(throws: Never.self) { try ListQuery.parse(params, type: People.type).get() }
        #expect(NPSPrograms.audience(JSONObject()).isEmpty, "no criteria: everyone with an address")
    }

    @Test func theMailAsksTheStandardQuestionWithElevenLinksAndAWayOut() {
        let mail = NPSMail(language: "ja-JP", subjectName: "ラポール", unsubscribe: "https://x.test/survey/t/unsubscribe") { "https://x.test/survey/t?score=\($0)" }
        #expect(mail.subject == "ラポールからの簡単なご質問")
        #expect(mail.text.contains("ラポールを友人や同僚に薦める可能性はどのくらいありますか？"))
        for score in 0...10 { #expect(mail.text.contains("\(score): https://x.test/survey/t?score=\(score)\n")) }
        #expect(mail.text.contains("https://x.test/survey/t/unsubscribe") && mail.html.contains("https://x.test/survey/t/unsubscribe"))
        #expect(mail.html.contains("lang=\"ja\""))
        let english = NPSMail(language: "fr", subjectName: "A & B", unsubscribe: "u") { "l\($0)" }
        #expect(english.subject == "A quick question from A & B" && english.html.contains("A &amp; B") && !english.html.contains("A & B"))
    }

    /// Bain's and Qualtrics' worked examples: 70 promoters, 20 passives, 10 detractors of
    /// 100 is 60; all passives is 0; all detractors is −100.
    @Test func npsWeekByWeekCountsEachAnswerInItsWeek() {
        let week: Int64 = 7 * 86_400_000
        let now: Int64 = 1_780_000_000_000
        var answers: [(score: Int, at: Int64)] = []
        answers += Array(repeating: (10, now - 1_000), count: 70)
        answers += Array(repeating: (8, now - 2_000), count: 20)
        answers += Array(repeating: (3, now - 3_000), count: 10)
        answers += Array(repeating: (7, now - week - 1_000), count: 4)
        answers.append((0, now - 5 * week))
        let weeks = NPSReport.weeks(answers, now: now, count: 3)
        #expect(weeks.count == 3)
        #expect(weeks[2].summary.score == 60 && weeks[2].summary.responses == 100)
        #expect(weeks[1].summary.score == 0 && weeks[1].summary.responses == 4)
        #expect(weeks[0].summary.score == nil, "no answers is no score, not 0")
        #expect(NPSSummary([0, 1, 6]).score == -100)
        #expect(weeks[0].start < weeks[1].start && weeks[1].start < weeks[2].start)
    }
}

extension NPSProgramTests {
    @Test func aCompanyWithoutANameIsAskedAboutAsUs() {
        let mail = NPSMail(language: "ko", subjectName: "  ", unsubscribe: "u") { "l\($0)" }
        #expect(mail.subject == "짧은 질문을 드립니다" && mail.text.hasPrefix("저희를 친구나 동료에게 추천할 가능성은 얼마나 되십니까?"))
        #expect(NPSWords.question("en", nil) == "How likely are you to recommend us to a friend or colleague?")
    }
}
