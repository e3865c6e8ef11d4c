import Foundation
import RapportKit
import RapportMail
@testable import RapportStore
import Testing

/// Satisfaction surveys end to end on both databases: a solve enqueues one survey job, the
/// job mails the requester a link in their language once, the public page records and
/// changes the answer without an account, the answer lands on the timelines, and the SLA
/// report counts it; bad answers, unknown links and a reopened ticket change nothing.
@Suite struct SatisfactionSurveyTests {
    static func runner(_ api: API, clock: ManualJobClock) -> JobRunner {
        var registry = JobRegistry()
        registry.registerService(store: RecordStore(db: api.db, cipher: testConfiguration.cipher))
        return JobRunner(store: JobStore(db: api.db, clock: clock), registry: registry, worker: "test", random: { 0 })
    }

    /// The survey mails sent so far, parsed, oldest first.
    static func mails(_ api: API) async throws -> [MailMessage] {
        try await api.db.read { s in
            try await s.query("SELECT raw FROM mail_messages WHERE direction = 'outbound' ORDER BY created_at, id").compactMap { $0.text("raw") }
        }.map { MailMessage(parsing: Array($0.utf8)) }
    }

    static func token(in mail: MailMessage) -> String? {
        guard let text = mail.text?.text, let r = text.range(of: "/survey/") else { return nil }
        return String(text[r.upperBound...].prefix { $0 != "?" })
    }

    @Test(arguments: Backend.available)
    func aSolvedTicketIsAskedAboutOnceAndTheAnswerLands(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"help@rapport.test"}"#).status == .ok)
            var admin = try await WorkspacePageTests.signedIn(api)
            let settings = try await admin.request(.get, "/settings/satisfaction")
            let csrf = PageClient.csrf(settings.body) ?? ""
            #expect(settings.status == .ok && settings.body.contains(#"id="a-public_url""#))
            // A wrong address and delay are named, and nothing is stored.
            let refused = try await admin.request(.post, "/settings/satisfaction", form: [("_csrf", csrf), ("enabled", "true"), ("scale", "good_bad"),
                                                                                      ("delay_minutes", "-5"), ("public_url", "javascript:alert(1)")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("Public address") && refused.body.contains("Minutes after solving"))
            #expect(try await SatisfactionSurveys(store: RecordStore(db: api.db)).settings() == SatisfactionSettings())
            let saved = try await admin.request(.post, "/settings/satisfaction", form: [("_csrf", csrf), ("enabled", "true"), ("scale", "good_bad"),
                                                                                    ("delay_minutes", "60"), ("public_url", "https://desk.example.com/")])
            #expect(saved.status == .seeOther)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'settings.satisfaction'") == 1)

            let person = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"김민지","emails":[{"address":"minji@example.kr"}],"language":"ko"}"#).object().string("id") ?? ""
            let ticket = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"로그인이 안 돼요","requester_id":"\#(person)"}"#).object().string("id") ?? ""
            // Solved, reopened and solved again: one job, keyed by the ticket.
            for status in ["solved", "open", "solved"] {
                #expect(try await api.call(.patch, "/api/v1/tickets/\(ticket)", json: #"{"status":"\#(status)"}"#).status == .ok)
            }
            #expect(try await api.count("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'csat.send'") == 1)

            let clock = ManualJobClock(Int64(Date().timeIntervalSince1970 * 1000))
            let runner = Self.runner(api, clock: clock)
            #expect(try await runner.runDue() == 0, "not before the delay")
            clock.advance(milliseconds: 61 * 60_000)
            #expect(try await runner.runDue() == 1)
            let mails = try await Self.mails(api)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.to.map(\.address) == ["minji@example.kr"])
            #expect(mail.subject?.hasPrefix("상담은 어떠셨나요? 로그인이 안 돼요 [#T-") == true, "\(mail.subject ?? "")")
            #expect(mail.html != nil && mail.text?.text.contains("https://desk.example.com/survey/") == true)
            let token = try #require(Self.token(in: mail))
            #expect(token.count == 64)
            // Only the token's digest is stored.
            #expect(try await api.count("SELECT COUNT(*) AS n FROM surveys WHERE token_sha256 = \(TokenStore.digest(token))") == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM surveys WHERE token_sha256 = \(token)") == 0)

            // The requester opens the "bad" link: the page chooses it and submits itself.
            var requester = PageClient(api)
            let opened = try await requester.request(.get, "/survey/\(token)?score=0")
            #expect(opened.status == .ok && opened.body.contains("data-autosubmit") && opened.body.contains(#"value="0" checked"#))
            #expect(opened.body.contains("받으신 지원을 평가해 주세요.") && opened.body.contains(#"lang="ko""#))
            #expect(opened.headers[.cacheControl] == "no-store")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM surveys WHERE score IS NOT NULL") == 0, "opening a link records nothing")
            let page = PageClient.csrf(opened.body) ?? ""
            let answered = try await requester.request(.post, "/survey/\(token)", form: [("_csrf", page), ("score", "0"), ("comment", "답변이 너무 늦었어요")])
            #expect(answered.status == .seeOther)
            let thanks = try await requester.request(.get, "/survey/\(token)?saved=1")
            #expect(thanks.body.contains(#"id="survey-saved""#) && thanks.body.contains("답변이 너무 늦었어요") && !thanks.body.contains("data-autosubmit"))

            // Bad answers change nothing.
            for form in [[("score", "7")], [("score", "x")], [("score", "1"), ("comment", String(repeating: "가", count: 2_001))]] {
                let reply = try await requester.request(.post, "/survey/\(token)", form: [("_csrf", page)] + form)
                #expect(reply.status == .unprocessableContent, "\(form.map(\.0))")
            }
            #expect(try await api.count("SELECT COUNT(*) AS n FROM surveys WHERE score = 0 AND comment = '답변이 너무 늦었어요'") == 1)
            #expect(try await requester.request(.get, "/survey/\(String(repeating: "a", count: 64))").status == .notFound)
            #expect(try await requester.request(.get, "/survey/%27%20OR%201=1").status == .notFound)
            #expect(try await requester.request(.post, "/survey/\(token)", form: [("score", "1")]).status == .forbidden, "no form token")

            // On the requester's and the ticket's timelines, once, changed in place.
            func surveyEntries(_ path: String) async throws -> [JSONObject] {
                try await api.call(.get, path).object()["data"]?.arrayValue?.compactMap(\.objectValue).compactMap { $0["activity"]?.objectValue }
                    .filter { $0.string("kind") == "survey" } ?? []
            }
            let onPerson = try await surveyEntries("/api/v1/people/\(person)/timeline")
            #expect(onPerson.count == 1 && onPerson.first?.string("body") == "답변이 너무 늦었어요" && onPerson.first?.string("subject")?.hasPrefix("CSAT 👎 · T-") == true)
            #expect(try await surveyEntries("/api/v1/tickets/\(ticket)/timeline").count == 1)
            let changed = try await requester.request(.post, "/survey/\(token)", form: [("_csrf", page), ("score", "1"), ("comment", "")])
            #expect(changed.status == .seeOther)
            let after = try await surveyEntries("/api/v1/people/\(person)/timeline")
            #expect(after.count == 1 && after.first?.string("id") == onPerson.first?.string("id") && after.first?.string("subject")?.hasPrefix("CSAT 👍") == true)

            // The report counts it, with the count beside the share.
            let report = try await admin.request(.get, "/tickets/report?days=30")
            #expect(report.status == .ok && report.body.contains("Customer satisfaction (CSAT)") && report.body.contains("100% · n = 1"), "\(report.body.suffix(3000))")
            let csv = try await admin.request(.get, "/tickets/report?days=30&format=csv&part=csat")
            #expect(csv.body.hasPrefix("week_start,responses,positive,csat") && csv.body.contains(",1,1,1.0000"))

            // The job again (a lease lost after its commit): no second survey, no second mail.
            let store = RecordStore(db: api.db, cipher: testConfiguration.cipher)
            let again = try await api.db.transaction { s in try await SatisfactionSurveys(store: store).send(s, ticketID: ticket, now: clock.now()) }
            #expect(again == nil)
            #expect(try await Self.mails(api).count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func nobodyIsAskedWhenThereIsNothingToAsk(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let store = RecordStore(db: api.db, cipher: testConfiguration.cipher)
            let surveys = SatisfactionSurveys(store: store)
            // Off: solving enqueues nothing.
            let person = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Ada","emails":[{"address":"ada@example.com"}]}"#).object().string("id") ?? ""
            let quiet = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"Quiet","requester_id":"\#(person)"}"#).object().string("id") ?? ""
            #expect(try await api.call(.patch, "/api/v1/tickets/\(quiet)", json: #"{"status":"solved"}"#).status == .ok)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'csat.send'") == 0)

            try await surveys.replace(JSONObject([("enabled", .bool(true)), ("delay_minutes", .number("0")), ("public_url", .string("https://desk.example.com"))]), actor: .system)
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"help@rapport.test"}"#).status == .ok)
            let noAddress = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"No mail"}"#).object().string("id") ?? ""
            let reopened = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"Reopened","requester_id":"\#(person)"}"#).object().string("id") ?? ""
            let unreachable = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"Unreachable","requester_id":"\#(noAddress)"}"#).object().string("id") ?? ""
            let asked = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"Asked","requester_id":"\#(person)"}"#).object().string("id") ?? ""
            for id in [reopened, unreachable, asked] {
                #expect(try await api.call(.patch, "/api/v1/tickets/\(id)", json: #"{"status":"solved"}"#).status == .ok)
            }
            // The customer writes again before the survey goes: the ticket is open, nobody is asked.
            #expect(try await api.call(.patch, "/api/v1/tickets/\(reopened)", json: #"{"status":"open"}"#).status == .ok)
            let clock = ManualJobClock(Int64(Date().timeIntervalSince1970 * 1000) + 1_000)
            let runner = Self.runner(api, clock: clock)
            var ran = 0
            while case let n = try await runner.runDue(), n > 0 { ran += n }
            #expect(ran == 3)
            let rows = try await api.db.read { s in try await s.query("SELECT ticket_id FROM surveys").compactMap { $0.text("ticket_id") } }
            #expect(rows == [asked])

            // Two instances sending one ticket's survey at once: one survey, one mail.
            let raced = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"Raced","requester_id":"\#(person)"}"#).object().string("id") ?? ""
            #expect(try await api.call(.patch, "/api/v1/tickets/\(raced)", json: #"{"status":"closed"}"#).status == .ok)
            let sent = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await api.db.transaction { s in try await surveys.send(s, ticketID: raced, now: clock.now()) } != nil }
                }
                var n = 0
                for try await ok in group where ok { n += 1 }
                return n
            }
            #expect(sent == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM surveys WHERE ticket_id = \(raced)") == 1)
            #expect(try await Self.mails(api).count == 2)
        }
    }

    /// The demo desk has answered surveys, each on its requester's timeline, so a new
    /// installation's report shows CSAT rather than an empty section.
    @Test(arguments: Backend.available)
    func theDemoDeskHasAnsweredSurveys(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await RecordStore(db: api.db, cipher: testConfiguration.cipher).seedDemo(people: 40, actor: .system)
            let answered = try await api.count("SELECT COUNT(*) AS n FROM surveys WHERE kind = 'csat' AND responded_at IS NOT NULL AND activity_id IS NOT NULL")
            let resolved = try await api.count("SELECT COUNT(*) AS n FROM tickets WHERE status IN ('solved', 'closed')")
            #expect(answered > 0 && answered == resolved)
            // And a quarterly NPS program with last quarter's round, two in three answered.
            let asked = try await api.count("SELECT COUNT(*) AS n FROM surveys WHERE kind = 'nps'")
            let npsAnswered = try await api.count("SELECT COUNT(*) AS n FROM surveys WHERE kind = 'nps' AND responded_at IS NOT NULL AND activity_id IS NOT NULL")
            #expect(asked > 0 && npsAnswered > 0 && npsAnswered < asked)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM nps_rounds WHERE asked = \(asked) AND finished_at IS NOT NULL") == 1)
            let onTimelines = try await api.count("SELECT COUNT(*) AS n FROM activities WHERE kind = 'survey' AND deleted_at IS NULL")
            #expect(onTimelines == answered + npsAnswered)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages") == 0, "the demo sends nothing")
        }
    }
}
