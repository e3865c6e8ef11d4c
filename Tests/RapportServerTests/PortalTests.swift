import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportMail
@testable import RapportStore
import Testing

/// The requester portal on both databases, as a customer uses it: a link by mail in their
/// language (the same answer for an unknown address), a link page that a mail scanner can
/// open without spending it, one sign-in per link, their own tickets and public replies
/// only, a reply that reopens a solved ticket and one that turns a closed ticket into a
/// follow-up, a new request, colleagues' tickets only when the organization shares them,
/// and every form refused without its token.
@Suite struct PortalTests {
    /// The secret of the newest sign-in link mailed to `address`, read from the outbox.
    static func link(_ api: API, to address: String) async throws -> (secret: String, mail: MailMessage)? {
        let raw = try await api.db.read { s in
            try await s.query("SELECT raw FROM mail_messages WHERE direction = 'outbound' AND to_addresses LIKE \("%" + address + "%") ORDER BY created_at DESC, id DESC")
                .compactMap { $0.text("raw") }
        }
        guard let first = raw.first else { return nil }
        let mail = MailMessage(parsing: Array(first.utf8))
        let text = mail.text?.text ?? ""
        guard let r = text.range(of: "/portal/link/") else { return nil }
        return (String(text[r.upperBound...].prefix(64)), mail)
    }

    @Test(arguments: Backend.available)
    func aRequesterSignsInByLinkAndAnswersTheirTickets(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var visitor = PageClient(api)
            let korean: HTTPFields = [.acceptLanguage: "ko-KR,ko;q=0.9"]
            // Without a relay and a public address no link can reach anyone: said so, nothing stored.
            var page = try await visitor.request(.get, "/portal", headers: korean)
            #expect(page.status == .ok && page.body.contains("로그인 링크 받기"), "\(page.body)")
            let unset = try await visitor.request(.post, "/portal", form: [("_csrf", PageClient.csrf(page.body) ?? ""), ("email", "yuna@example.kr")], headers: korean)
            #expect(unset.status == .serviceUnavailable && unset.body.contains("설정되지 않았습니다"))

            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"desk@rapport.test"}"#).status == .ok)
            #expect(try await api.call(.put, "/api/v1/settings/satisfaction", json: #"{"public_url":"https://desk.example.com"}"#).status == .ok)
            let org = try await api.create("organizations", #"{"name":"한빛상사"}"#).string("id") ?? ""
            let yuna = try await api.create("people", #"{"display_name":"최유나","emails":[{"address":"yuna@example.kr"}],"language":"ko","organization_id":"\#(org)"}"#).string("id") ?? ""
            let minho = try await api.create("people", #"{"display_name":"박민호","emails":[{"address":"minho@example.kr"}],"organization_id":"\#(org)"}"#).string("id") ?? ""
            func ticket(_ person: String, _ subject: String) async throws -> String {
                try await api.create("tickets", #"{"subject":"\#(subject)","requester_id":"\#(person)"}"#).string("id") ?? ""
            }
            let mine = try await ticket(yuna, "결제 오류")
            let colleagues = try await ticket(minho, "배송 지연")
            #expect(try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(mine)","kind":"public_reply","body":"확인해 보겠습니다."}"#).status == .created)
            #expect(try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(mine)","kind":"internal_note","body":"VIP 고객, 환불 검토"}"#).status == .created)

            // An unknown address gets the very same answer, and no mail.
            page = try await visitor.request(.get, "/portal", headers: korean)
            let csrf = PageClient.csrf(page.body) ?? ""
            let unknown = try await visitor.request(.post, "/portal", form: [("_csrf", csrf), ("email", "nobody@example.kr")], headers: korean)
            let known = try await visitor.request(.post, "/portal", form: [("_csrf", csrf), ("email", "Yuna@Example.KR")], headers: korean)
            #expect(unknown.status == .ok && known.status == .ok && known.body.contains("30분 안에"))
            #expect(unknown.body.replacingOccurrences(of: "nobody@example.kr", with: "X") == known.body.replacingOccurrences(of: "yuna@example.kr", with: "X"))
            // (The agent's public reply went out as mail too: only sign-in mails are counted.)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE direction = 'outbound' AND subject LIKE '%로그인 링크%'") == 1)
            #expect(try await visitor.request(.post, "/portal", form: [("email", "yuna@example.kr")]).status == .forbidden)
            let bad = try await visitor.request(.post, "/portal", form: [("_csrf", csrf), ("email", "yuna@")], headers: korean)
            #expect(bad.status == .unprocessableContent && bad.body.contains(#"id="p-email-error""#))

            // The mail: in Korean, to her alone, on nobody's timeline, with a live link.
            let (secret, mail) = try #require(try await Self.link(api, to: "yuna@example.kr"))
            #expect(mail.subject?.contains("로그인 링크") == true && mail.text?.text.contains("https://desk.example.com/portal/link/") == true)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_links l JOIN mail_messages m ON m.id = l.mail_id WHERE m.subject LIKE '%로그인 링크%'") == 0)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM portal_links WHERE token_hash = \(secret)") == 0, "only the digest is kept")

            // Opening the link spends nothing; the click does, once.
            var scanner = PageClient(api)
            #expect(try await scanner.request(.get, "/portal/link/\(secret)").status == .ok)
            let confirm = try await visitor.request(.get, "/portal/link/\(secret)", headers: korean)
            #expect(confirm.status == .ok && confirm.body.contains(#"id="portal-confirm""#))
            #expect(try await visitor.request(.post, "/portal/link/\(secret)", form: []).status == .forbidden, "no form token")
            let signedIn = try await visitor.request(.post, "/portal/link/\(secret)", form: [("_csrf", PageClient.csrf(confirm.body) ?? "")])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/portal/tickets")
            #expect(signedIn.headers[values: .setCookie].contains { $0.hasPrefix("rapport_portal=") && $0.contains("HttpOnly") && $0.contains("Path=/portal") })
            // The same browser, with a valid form token, cannot use the spent link again.
            let signedInCookie = visitor.cookies["rapport_portal"]
            let again = try await visitor.request(.post, "/portal/link/\(secret)", form: [("_csrf", PageClient.csrf(confirm.body) ?? "")])
            #expect(again.status == .gone && visitor.cookies["rapport_portal"] == signedInCookie)
            #expect(try await scanner.request(.get, "/portal/tickets").status == .seeOther, "the scanner has no session")

            // Her list: her ticket only (the organization does not share), in Korean.
            var list = try await visitor.request(.get, "/portal/tickets")
            #expect(list.status == .ok && list.body.contains("결제 오류") && !list.body.contains("배송 지연") && list.body.contains("문의 내역"), "\(list.body)")
            #expect(list.body.contains(#"class="brand" href="/portal""#), "the portal's way home")
            let conversation = try await visitor.request(.get, "/portal/tickets/\(mine)")
            #expect(conversation.body.contains("확인해 보겠습니다.") && !conversation.body.contains("VIP 고객"), "internal notes never reach the portal")
            #expect(try await visitor.request(.get, "/portal/tickets/\(colleagues)").status == .notFound)
            #expect(try await visitor.request(.get, "/portal/tickets/not-an-id").status == .notFound)
            let portalCsrf = PageClient.csrf(list.body) ?? ""
            #expect(try await visitor.request(.post, "/portal/tickets/\(colleagues)/reply", form: [("_csrf", portalCsrf), ("body", "끼어들기")]).status == .notFound)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM ticket_messages WHERE ticket_id = \(colleagues)") == 0)
            #expect(try await visitor.request(.post, "/portal/tickets/\(mine)/reply", form: [("body", "토큰 없음")]).status == .forbidden)

            // A reply reopens her solved ticket.
            #expect(try await api.call(.patch, "/api/v1/tickets/\(mine)", json: #"{"status":"solved"}"#).status == .ok)
            let empty = try await visitor.request(.post, "/portal/tickets/\(mine)/reply", form: [("_csrf", portalCsrf), ("body", "  ")])
            #expect(empty.status == .unprocessableContent)
            let answered = try await visitor.request(.post, "/portal/tickets/\(mine)/reply", form: [("_csrf", portalCsrf), ("body", "아직 환불이 안 됐어요.")])
            #expect(answered.status == .seeOther && answered.headers[.location] == "/portal/tickets/\(mine)#latest")
            let reopened = try await api.call(.get, "/api/v1/tickets/\(mine)").object()
            #expect(reopened.string("status") == "open")
            let authors = try await api.call(.get, "/api/v1/ticket_messages?filter[ticket_id]=\(mine)").object()["data"]?.arrayValue?.compactMap { $0.objectValue?.string("author_person_id") } ?? []
            #expect(authors == [yuna])

            // Closed: her reply opens a follow-up, which she then sees.
            #expect(try await api.call(.patch, "/api/v1/tickets/\(mine)", json: #"{"status":"closed"}"#).status == .ok)
            let follow = try await visitor.request(.post, "/portal/tickets/\(mine)/reply", form: [("_csrf", portalCsrf), ("body", "다시 문의합니다.")])
            let followID = String((follow.headers[.location] ?? "").dropFirst("/portal/tickets/".count).prefix { $0 != "#" })
            #expect(follow.status == .seeOther && followID != mine && !followID.isEmpty)
            #expect(try await api.call(.get, "/api/v1/tickets/\(followID)").object().string("follow_up_of") == mine)

            // A new request: every wrong field named and nothing stored, then a `portal` ticket
            // in the one group that faces customers.
            let desk = try await api.call(.post, "/api/v1/teams", json: #"{"name":"고객지원팀","support_address":"help@rapport.test"}"#).object().string("id")
            let before = try await api.count("SELECT COUNT(*) AS n FROM tickets")
            let wrong = try await visitor.request(.post, "/portal/tickets", form: [("_csrf", portalCsrf), ("subject", ""), ("body", "")])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains(#"id="p-subject-error""#) && wrong.body.contains(#"id="p-body-error""#))
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == before)
            let opened = try await visitor.request(.post, "/portal/tickets", form: [("_csrf", portalCsrf), ("subject", "세금계산서 재발행"), ("body", "사업자번호가 바뀌었습니다.")])
            let newID = String((opened.headers[.location] ?? "").dropFirst("/portal/tickets/".count))
            let created = try await api.call(.get, "/api/v1/tickets/\(newID)").object()
            #expect(created.string("channel") == "portal" && created.string("requester_id") == yuna && created.string("organization_id") == org && created.string("group_id") == desk)

            // The organization shares its tickets: her colleague's appear, marked as his.
            #expect(try await api.call(.patch, "/api/v1/organizations/\(org)", json: #"{"portal_shares_tickets":true}"#).status == .ok)
            list = try await visitor.request(.get, "/portal/tickets")
            #expect(list.body.contains("배송 지연") && list.body.contains("박민호"))
            #expect(try await visitor.request(.get, "/portal/tickets/\(colleagues)").status == .ok)

            // Signing out ends the session on the server, not only in the browser.
            let cookie = visitor.cookies["rapport_portal"] ?? ""
            #expect(try await visitor.request(.post, "/portal/signout", form: [("_csrf", portalCsrf)]).status == .seeOther)
            var replay = PageClient(api)
            replay.cookies["rapport_portal"] = cookie
            #expect(try await replay.request(.get, "/portal/tickets").status == .seeOther)
        }
    }

    @Test(arguments: Backend.available)
    func linksExpireAndAreLimitedPerAddress(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await api.call(.put, "/api/v1/settings/mail", json: #"{"host":"smtp.example.com","port":587,"security":"starttls","from_address":"desk@rapport.test"}"#).status == .ok)
            #expect(try await api.call(.put, "/api/v1/settings/satisfaction", json: #"{"public_url":"https://desk.example.com"}"#).status == .ok)
            let person = try await api.create("people", #"{"display_name":"山田 太郎","emails":[{"address":"taro@example.jp"}],"language":"ja"}"#).string("id") ?? ""
            let store = RecordStore(db: api.db)
            // A link past its half hour is dead, on the page and when used.
            let start = Date()
            _ = try await RequesterPortal(store: store, now: { start.addingTimeInterval(-3600) }).requestLink(email: "taro@example.jp")
            let (old, mail) = try #require(try await Self.link(api, to: "taro@example.jp"))
            #expect(mail.subject?.contains("ログインリンク") == true)
            var visitor = PageClient(api)
            let dead = try await visitor.request(.get, "/portal/link/\(old)", headers: [.acceptLanguage: "ja"])
            #expect(dead.status == .gone && dead.body.contains("期限切れ"))
            #expect(try await RequesterPortal(store: store).signIn(link: old, address: nil) == nil)
            #expect(try await RequesterPortal(store: store).signIn(link: String(repeating: "z", count: 64), address: nil) == nil)
            // Two clicks at once: one session.
            _ = try await RequesterPortal(store: store).requestLink(email: "taro@example.jp")
            let (fresh, _) = try #require(try await Self.link(api, to: "taro@example.jp"))
            async let a = RequesterPortal(store: store).signIn(link: fresh, address: nil)
            async let b = RequesterPortal(store: store).signIn(link: fresh, address: nil)
            let both = try await [a, b]
            #expect(both.compactMap { $0 }.count == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM portal_sessions WHERE person_id = \(person)") == 1)

            // Five links per address an hour; the sixth waits, and no mail goes out for it.
            let page = try await visitor.request(.get, "/portal")
            let csrf = PageClient.csrf(page.body) ?? ""
            let sentBefore = try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE direction = 'outbound'")
            for _ in 1...5 { #expect(try await visitor.request(.post, "/portal", form: [("_csrf", csrf), ("email", "taro@example.jp")]).status == .ok) }
            let limited = try await visitor.request(.post, "/portal", form: [("_csrf", csrf), ("email", "taro@example.jp")])
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] != nil)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE direction = 'outbound'") == sentBefore + 5)

            // Erasing the person ends their sessions and links.
            #expect(try await api.call(.post, "/api/v1/people/\(person)/erase").status == .ok)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM portal_sessions") == 0)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM portal_links") == 0)
        }
    }
}
