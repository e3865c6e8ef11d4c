import Foundation
import RapportKit
import RapportMail
@testable import RapportStore
import Testing

/// NPS programs end to end on both databases: a program is a record whose bad schedules
/// are refused; its round is queued once when due, asks only the audience with a
/// mailable, unsuppressed address outside the quiet period, and asks nobody twice when
/// run again; the answer lands on the timeline and in the reports; one-click unsubscribe
/// and repeated hard bounces keep an address from every later survey; erasure keeps the
/// score and drops who gave it.
@Suite struct NPSSurveyTests {
    static func runner(_ api: API, clock: ManualJobClock) -> JobRunner {
        var registry = JobRegistry()
        let store = RecordStore(db: api.db, cipher: testConfiguration.cipher)
        registry.registerMarketing(store: store)
        return JobRunner(store: JobStore(db: api.db, clock: clock), registry: registry, worker: "test", random: { 0 })
    }

    static func bounce(to address: String, id: String) -> [UInt8] {
        Array("""
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r
            To: help@rapport.test\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <\(id)@mx.example.net>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain\r
            \r
            The mail could not be delivered.\r
            --b1\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.example.net\r
            \r
            Final-Recipient: rfc822; \(address)\r
            Action: failed\r
            Status: 5.1.1\r
            Diagnostic-Code: smtp; 550 5.1.1 no such user\r
            \r
            --b1--\r

            """.utf8)
    }

    @Test(arguments: Backend.available)
    func aRoundAsksItsAudienceOnceAndTheAnswerLands(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"help@rapport.test"}"#).status == .ok)
            #expect(try await api.call(.put, "/api/v1/settings/satisfaction", json: #"{"enabled":false,"scale":"good_bad","delay_minutes":60,"public_url":"https://desk.example.com"}"#).status == .ok)
            func person(_ json: String) async throws -> String { try await api.call(.post, "/api/v1/people", json: json).object().string("id") ?? "" }
            let minji = try await person(#"{"display_name":"김민지","emails":[{"address":"minji@example.kr"}],"language":"ko","lifecycle_stage":"customer"}"#)
            _ = try await person(#"{"display_name":"佐藤陽翔","emails":[{"address":"haruto@example.jp"}],"language":"ja","lifecycle_stage":"evangelist"}"#)
            _ = try await person(#"{"display_name":"Lead Only","emails":[{"address":"lead@example.com"}],"lifecycle_stage":"lead"}"#)
            _ = try await person(#"{"display_name":"No Address","lifecycle_stage":"customer"}"#)
            _ = try await person(#"{"display_name":"Gone Away","emails":[{"address":"gone@example.com"}],"lifecycle_stage":"customer"}"#)

            // Two hard bounces suppress an address; a soft one or a single hard one does not.
            let intake = TicketMailIntake(store: RecordStore(db: api.db, cipher: testConfiguration.cipher))
            #expect(try await intake.receive(Self.bounce(to: "gone@example.com", id: "b1")) == .ignored(reason: "delivery_report"))
            #expect(try await MailSuppressions.isSuppressed(api.db, "gone@example.com") == false)
            #expect(try await intake.receive(Self.bounce(to: "Gone@Example.com", id: "b2")) == .ignored(reason: "delivery_report"))
            #expect(try await MailSuppressions.isSuppressed(api.db, "gone@example.com"))
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 0, "a bounce opens nothing")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_suppressions WHERE address_sha256 LIKE '%@%'") == 0, "digests only")

            // Bad programs are refused field by field and store nothing.
            for (json, code) in [
                (#"{"name":"Every minute","schedule":"* * * * *","time_zone":"Asia/Seoul"}"#, "too_frequent"),
                (#"{"name":"Typo","schedule":"whenever","time_zone":"Asia/Seoul"}"#, "invalid_schedule"),
                (#"{"name":"Quiet","schedule":"0 10 1 * *","time_zone":"Asia/Seoul","quiet_days":0}"#, "out_of_range"),
                (#"{"name":"Zone","schedule":"0 10 1 * *","time_zone":"Mars/Olympus"}"#, nil),
            ] {
                let reply = try await api.call(.post, "/api/v1/nps_programs", json: json)
                #expect(reply.status == .unprocessableContent, "\(json)")
                if let code { #expect(reply.body.contains(code), "\(reply.body)") }
            }
            let created = try await api.call(.post, "/api/v1/nps_programs", json: """
                {"name":"Quarterly NPS","on_schedule":true,"schedule":"0 10 1 * *","time_zone":"Asia/Seoul","audience_stages":["customer","evangelist"],"subject_name":"Rapport"}
                """)
            #expect(created.status == .created, "\(created.body)")
            let program = try created.object().string("id") ?? ""
            #expect(try await api.count("SELECT COUNT(*) AS n FROM nps_programs") == 1)

            // The first look only sets the next round: 10:00 in Seoul on the 1st is 01:00 UTC.
            let nps = NPSSurveys(store: RecordStore(db: api.db, cipher: testConfiguration.cipher))
            let start = Timestamp.parse("2026-12-03T05:00:00.000Z")!
            #expect(try await nps.dispatch(now: start) == 0)
            let due = try #require(try await nps.nextRound(programID: program))
            #expect(Timestamp.format(millisecondsSince1970: due) == "2027-01-01T01:00:00.000Z")
            #expect(try await nps.dispatch(now: due - 1) == 0)
            #expect(try await nps.dispatch(now: due + 60_000) == 1)
            #expect(try await nps.dispatch(now: due + 120_000) == 0, "queued once")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'nps.round'") == 1)

            let clock = ManualJobClock(due + 60_000)
            let runner = Self.runner(api, clock: clock)
            #expect(try await runner.runDue() >= 1)
            let mails = try await SatisfactionSurveyTests.mails(api)
            #expect(Set(mails.flatMap { $0.to.map(\.address) }) == ["minji@example.kr", "haruto@example.jp"], "the audience, less no address and the bounced")
            let korean = try #require(mails.first { $0.to.first?.address == "minji@example.kr" })
            #expect(korean.subject == "Rapport에서 드리는 짧은 질문", "\(korean.subject ?? "")")
            #expect(korean.text?.text.contains("Rapport을(를) 친구나 동료에게 추천할 가능성은 얼마나 되십니까?") == true)
            #expect(korean.root.headers.text("List-Unsubscribe")?.contains("https://desk.example.com/survey/") == true)
            #expect(korean.root.headers.text("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
            #expect(korean.root.headers.text("Auto-Submitted") == "auto-generated")
            let round = try await api.call(.get, "/api/v1/nps_programs/\(program)/rounds").object()
            let first = round["data"]?.arrayValue?.first?.objectValue
            #expect(first?["asked"]?.numberLiteral == "2" && first?["skipped"]?.numberLiteral == "2" && first?["finished_at"]?.stringValue != nil, "\(round)")

            // The same round again (a lease lost after its pages committed): nobody twice.
            try await api.db.transaction { s in
                try await s.execute("UPDATE jobs SET state = 'queued', run_at = \(clock.now()), lease_owner = NULL WHERE kind = 'nps.round'")
            }
            _ = try await runner.runDue()
            #expect(try await SatisfactionSurveyTests.mails(api).count == 2)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM nps_rounds WHERE asked = 2 AND skipped = 2") == 1)
            // A round by hand within the quiet period asks nobody.
            #expect(try await api.call(.post, "/api/v1/nps_programs/\(program)/rounds").status == .accepted)
            _ = try await runner.runDue()
            #expect(try await SatisfactionSurveyTests.mails(api).count == 2)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'nps.send'") == 1)

            // The answer: the Korean question, 0 to 10, and the reason on the timeline.
            let token = try #require(SatisfactionSurveyTests.token(in: korean))
            var requester = PageClient(api)
            let opened = try await requester.request(.get, "/survey/\(token)?score=9")
            #expect(opened.status == .ok && opened.body.contains("Rapport을(를) 친구나 동료에게") && opened.body.contains(#"value="9" checked"#))
            #expect(opened.body.contains("그 점수를 주신 가장 큰 이유는 무엇인가요?") && opened.body.contains(#"value="0""#) && opened.body.contains(#"value="10""#))
            let csrf = PageClient.csrf(opened.body) ?? ""
            #expect(try await requester.request(.post, "/survey/\(token)", form: [("_csrf", csrf), ("score", "11")]).status == .unprocessableContent)
            #expect(try await requester.request(.post, "/survey/\(token)", form: [("_csrf", csrf), ("score", "9"), ("comment", "빠른 답변")]).status == .seeOther)
            let timeline = try await api.call(.get, "/api/v1/people/\(minji)/timeline").object()["data"]?.arrayValue?.compactMap { $0.objectValue?["activity"]?.objectValue } ?? []
            #expect(timeline.contains { $0.string("subject") == "NPS 9/10" && $0.string("body") == "빠른 답변" }, "\(timeline)")

            // The score with its count: on the program, in the API and in the report.
            var admin = try await WorkspacePageTests.signedIn(api)
            let page = try await admin.request(.get, "/nps_programs/\(program)")
            #expect(page.status == .ok && page.body.contains("NPS +100 · n = 1") && page.body.contains(#"id="nps-send""#) && page.body.contains("빠른 답변"), "\(page.body.suffix(2000))")
            let figures = try await api.call(.get, "/api/v1/nps_programs/\(program)/rounds").object()
            #expect(figures["nps"]?.numberLiteral == "100.00" && figures["responses"]?.numberLiteral == "1")
            let report = try await admin.request(.get, "/tickets/report?days=30")
            #expect(report.body.contains("Net Promoter Score (NPS)") && report.body.contains("NPS +100 · n = 1"))
            let csv = try await admin.request(.get, "/tickets/report?days=30&format=csv&part=nps")
            #expect(csv.body.hasPrefix("week_start,responses,promoters,passives,detractors,nps") && csv.body.contains(",1,1,0,0,100.00"), "\(csv.body)")

            // One-click unsubscribe (RFC 8058): no page, no form token, the secret in the address.
            let japanese = try #require(mails.first { $0.to.first?.address == "haruto@example.jp" })
            let other = try #require(SatisfactionSurveyTests.token(in: japanese))
            let confirm = try await requester.request(.get, "/survey/\(other)/unsubscribe")
            #expect(confirm.status == .ok && confirm.body.contains("アンケートの配信停止") && confirm.body.contains(#"id="unsubscribe-form""#))
            #expect(try await MailSuppressions.isSuppressed(api.db, "haruto@example.jp") == false, "opening the page changes nothing")
            var client = PageClient(api)
            #expect(try await client.request(.post, "/survey/\(other)/unsubscribe", form: [("List-Unsubscribe", "One-Click")]).status == .ok)
            #expect(try await MailSuppressions.isSuppressed(api.db, "haruto@example.jp"))
            #expect(try await client.request(.post, "/survey/\(other)/unsubscribe", form: [("List-Unsubscribe", "One-Click")]).status == .ok, "twice is fine")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'mail.unsubscribed'") == 1)
            #expect(try await client.request(.post, "/survey/\(String(repeating: "b", count: 64))/unsubscribe", form: [("List-Unsubscribe", "One-Click")]).status == .notFound)
            #expect(try await requester.request(.get, "/survey/\(other)/unsubscribe").body.contains(#"id="unsubscribe-done""#))

            // Erasure keeps the score in the counts and drops who gave it and why.
            #expect(try await api.call(.post, "/api/v1/people/\(minji)/erase").status == .ok)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM surveys WHERE person_id = \(minji) OR comment IS NOT NULL") == 0)
            #expect(try await api.call(.get, "/api/v1/nps_programs/\(program)/rounds").object()["responses"]?.numberLiteral == "1")
        }
    }
}
