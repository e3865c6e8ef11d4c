import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportMail
@testable import RapportStore
import Testing

/// A group's public request form on both databases, as a stranger uses it: in Korean, bad
/// fields named and nothing stored, a request that becomes a `web_form` ticket with its
/// requester and first message and a confirmation mail in Korean that threads back, one
/// person for one address, bots dropped, a limit per address, and no form for a group that
/// does not face customers.
@Suite struct SupportFormTests {
    @Test(arguments: Backend.available)
    func aStrangerSendsARequestInKorean(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"desk@rapport.test"}"#).status == .ok)
            let team = try await api.call(.post, "/api/v1/teams", json: #"{"name":"고객지원팀","support_address":"help@rapport.test"}"#)
            let group = try team.object().string("id") ?? ""
            let quiet = try await api.call(.post, "/api/v1/teams", json: #"{"name":"내부팀"}"#).object().string("id") ?? ""
            #expect(try await api.raw(.get, "/support/\(quiet)", body: ByteBuffer(), headers: [:]).status == .notFound)
            #expect(try await api.raw(.get, "/support/not-an-id", body: ByteBuffer(), headers: [:]).status == .notFound)

            var visitor = PageClient(api)
            let korean: HTTPFields = [.acceptLanguage: "ko-KR,ko;q=0.9"]
            let page = try await visitor.request(.get, "/support/\(group)", headers: korean)
            #expect(page.status == .ok && page.body.contains("고객지원팀에 문의하기") && page.body.contains(#"name="website""#), "\(page.body)")
            let csrf = PageClient.csrf(page.body) ?? ""
            func send(_ fields: [(String, String)]) async throws -> Reply {
                try await visitor.request(.post, "/support/\(group)", form: [("_csrf", csrf)] + fields, headers: korean)
            }

            // Every wrong field named at once; nothing stored.
            let bad = try await send([("name", "최유나"), ("email", "yuna@"), ("subject", " "), ("body", "")])
            #expect(bad.status == .unprocessableContent, "\(bad.status)")
            #expect(bad.body.contains(#"id="s-email-error""#) && bad.body.contains(#"id="s-subject-error""#) && bad.body.contains(#"id="s-body-error""#))
            #expect(bad.body.contains("최유나"), "typed values are kept")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 0)
            // No form token: refused.
            #expect(try await visitor.request(.post, "/support/\(group)", form: [("email", "a@b.kr"), ("subject", "x"), ("body", "y")]).status == .forbidden)

            let sent = try await send([("name", "최유나"), ("email", "Yuna@Example.KR"), ("subject", "결제 오류"), ("body", "카드 결제가 두 번 되었습니다.\n확인 부탁드립니다.")])
            #expect(sent.status == .ok && sent.body.contains("접수되었습니다") && sent.body.contains("yuna@example.kr"), "\(sent.body)")
            let tickets = try await api.call(.get, "/api/v1/tickets").object()["data"]?.arrayValue ?? []
            let ticket = try #require(tickets.first?.objectValue)
            #expect(tickets.count == 1 && ticket.string("channel") == "web_form" && ticket.string("group_id") == group && ticket.string("subject") == "결제 오류")
            #expect(sent.body.contains(ticket.string("number") ?? "?"))
            let person = try await api.call(.get, "/api/v1/people/\(ticket.string("requester_id") ?? "")").object()
            #expect(person.string("display_name") == "최유나" && person.string("language") == "ko" && person.string("source") == "web_form")
            let messages = try await api.call(.get, "/api/v1/ticket_messages?filter[ticket_id]=\(ticket.string("id") ?? "")").object()["data"]?.arrayValue ?? []
            #expect(messages.count == 1 && messages.first?.objectValue?.string("author_person_id") == person.string("id"))

            // The confirmation: in Korean, the ticket's token in the subject, answers to the group.
            let raw = try await api.db.read { s in try await s.query("SELECT raw FROM mail_messages WHERE direction = 'outbound'").compactMap { $0.text("raw") } }
            #expect(raw.count == 1)
            let mail = MailMessage(parsing: Array((raw.first ?? "").utf8))
            #expect(mail.subject == "문의가 접수되었습니다: 결제 오류 [#\(ticket.string("number") ?? "")]", "\(mail.subject ?? "")")
            #expect(mail.text?.text.contains("> 카드 결제가 두 번 되었습니다.") == true)
            #expect(mail.root.headers["Reply-To"]?.contains("help@rapport.test") == true)
            // A reply to it threads into the same ticket.
            let reply = "From: yuna@example.kr\r\nTo: help@rapport.test\r\nSubject: Re: \(mail.subject ?? "")\r\nIn-Reply-To: \(mail.messageID.map { "<\($0)>" } ?? "")\r\nMessage-ID: <reply-1@example.kr>\r\n\r\n영수증도 첨부합니다.\r\n"
            let outcome = try await TicketMailIntake(store: RecordStore(db: api.db)).receive(Array(reply.utf8))
            if case .threaded(let into, _) = outcome { #expect(into == ticket.string("id")) } else { Issue.record("not threaded: \(outcome)") }

            // The same address again is the same person; a bot's filled trap is thanked and dropped.
            #expect(try await send([("name", "Yuna"), ("email", "yuna@example.kr"), ("subject", "추가 문의"), ("body", "환불은 언제 되나요?")]).status == .ok)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM people") == 1)
            let trapped = try await send([("name", "bot"), ("email", "bot@spam.example"), ("subject", "cheap"), ("body", "buy"), ("website", "http://spam.example")])
            #expect(trapped.status == .ok)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 2)

            // Five requests per address an hour: three more pass, the sixth waits.
            for i in 3...5 { #expect(try await send([("email", "yuna@example.kr"), ("subject", "문의 \(i)"), ("body", "내용")]).status == .ok) }
            let limited = try await send([("email", "yuna@example.kr"), ("subject", "문의 6"), ("body", "내용")])
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil && limited.body.contains("분 후에"), "\(limited.status)")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 5)
        }
    }

    /// A group chooses what its form asks besides the four fields: the ticket's type and
    /// custom ticket fields, never a sensitive one; a stranger's values pass the engine's
    /// checks, wrong ones are named on the form and nothing is stored.
    @Test(arguments: Backend.available)
    func aGroupChoosesWhatItsFormAsks(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let group = try await api.call(.post, "/api/v1/teams", json: #"{"name":"主要窓口","support_address":"help@rapport.test"}"#).object().string("id") ?? ""
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"tickets","name":"order_no","kind":"text","label":"注文番号"}"#).status == .created)
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"tickets","name":"product","kind":"choice","options":["Basic","Pro"],"label":"製品"}"#).status == .created)
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"tickets","name":"card_number","kind":"text","sensitive":true}"#).status == .created)
            let before = try await api.call(.get, "/api/v1/teams/\(group)/form").object()
            #expect(before["fields"] == .array([]) && before["eligible"]?.arrayValue?.contains(.string("card_number")) == false)
            // Wrong names are all named; nothing changes.
            let wrong = try await api.call(.put, "/api/v1/teams/\(group)/form", json: #"{"fields":["priority","card_number","order_no"]}"#)
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("priority") && wrong.body.contains("card_number"), "\(wrong.body)")
            #expect(try await api.call(.put, "/api/v1/teams/\(group)/form", json: #"{"fields":"order_no"}"#).status == .unprocessableContent)
            #expect(try await api.call(.put, "/api/v1/teams/00000000-0000-7000-8000-000000000000/form", json: #"{"fields":[]}"#).status == .notFound)
            let saved = try await api.call(.put, "/api/v1/teams/\(group)/form", json: #"{"fields":["ticket_type","order_no","product","order_no"]}"#)
            let chosen = try saved.object()["fields"]
            #expect(saved.status == .ok && chosen == .array([.string("ticket_type"), .string("order_no"), .string("product")]), "\(saved.body)")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'team.form_fields'") == 1)

            var visitor = PageClient(api)
            let japanese: HTTPFields = [.acceptLanguage: "ja"]
            let page = try await visitor.request(.get, "/support/\(group)", headers: japanese)
            #expect(page.body.contains(#"name="order_no""#) && page.body.contains("注文番号") && page.body.contains("お問い合わせの種類") && !page.body.contains("card_number"))
            let csrf = PageClient.csrf(page.body) ?? ""
            func send(_ extra: [(String, String)]) async throws -> Reply {
                try await visitor.request(.post, "/support/\(group)", form: [("_csrf", csrf), ("email", "taro@example.jp"), ("subject", "請求書"), ("body", "届きません")] + extra, headers: japanese)
            }
            // A choice that is not offered is named on the form; nothing is stored.
            let bad = try await send([("product", "Enterprise"), ("order_no", "A-1")])
            #expect(bad.status == .unprocessableContent && bad.body.contains(#"id="s-field-product-error""#) && bad.body.contains("A-1"), "\(bad.body)")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 0)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM people") == 0)
            // A required field the form does not ask for does not shut the form; a chosen
            // required one must be filled.
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"tickets","name":"region_code","kind":"text","required":true}"#).status == .created)
            #expect(try await api.call(.post, "/api/v1/fields", json: #"{"record_type":"tickets","name":"serial","kind":"text","required":true,"label":"シリアル"}"#).status == .created)
            #expect(try await api.call(.put, "/api/v1/teams/\(group)/form", json: #"{"fields":["ticket_type","order_no","product","serial"]}"#).status == .ok)
            let missing = try await send([("product", "pro")])
            #expect(missing.status == .unprocessableContent && missing.body.contains(#"id="s-field-serial-error""#))
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 0)
            // Fields left out by the form are never read from the post.
            let sent = try await send([("product", "pro"), ("order_no", " A-1001 "), ("ticket_type", "incident"), ("priority", "urgent"), ("serial", "SN-9"), ("region_code", "X")])
            #expect(sent.status == .ok, "\(sent.body)")
            let ticket = try #require(try await api.call(.get, "/api/v1/tickets").object()["data"]?.arrayValue?.first?.objectValue)
            #expect(ticket.string("order_no") == "A-1001" && ticket.string("product") == "Pro" && ticket.string("ticket_type") == "incident")
            #expect(ticket.string("priority") != "urgent" && ticket.string("region_code") == nil && ticket.string("serial") == "SN-9")

            // Settings → Teams: the list is shown per group and replaced by the ticked boxes.
            var admin = try await WorkspacePageTests.signedIn(api)
            let teams = try await admin.request(.get, "/settings/teams")
            #expect(teams.body.contains("注文番号") && teams.body.contains(#"action="/settings/teams/form-fields""#))
            let posted = try await admin.request(.post, "/settings/teams/form-fields", form: [("_csrf", PageClient.csrf(teams.body) ?? ""), ("id", group), ("fields", "product")])
            #expect(posted.status == .seeOther)
            #expect(try await api.call(.get, "/api/v1/teams/\(group)/form").object()["fields"] == .array([.string("product")]))
        }
    }
}
