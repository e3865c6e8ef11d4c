import Foundation
import RapportKit
@testable import RapportStore
import Testing

/// The agent's composer on both databases: a macro sets its fields at once and proposes
/// its reply in the requester's language with the ticket's number filled; a reply written
/// while someone else answered is held back with the new message shown (409), then goes
/// when the agent sends anyway; the reopen rate in the report counts solved tickets that
/// came back.
@Suite struct TicketMacroPageTests {
    static func team(_ api: API, _ name: String) async throws -> String {
        let reply = try await api.call(.post, "/api/v1/teams", json: #"{"name":"\#(name)"}"#)
        #expect(reply.status == .created, "\(reply.body)")
        return try reply.object().string("id") ?? ""
    }

    static let macroJSON = #"""
        {"name":"환불 승인","priority":"high","add_tags":["refund"],"status_after":"pending_customer",
         "reply_en":"Hi {{person.name|there}}, the refund for {{ticket.number}} is approved.",
         "reply_ko":"{{person.name|고객}}님, {{ticket.number}} 건의 환불이 승인되었습니다. {{user.name}} 드림"}
        """#

    @Test(arguments: Backend.available)
    func aMacroSetsFieldsAndFillsTheReplyInTheRequestersLanguage(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            // A macro that does nothing, and a second one with the same name, are refused.
            let empty = try await api.call(.post, "/api/v1/ticket_macros", json: #"{"name":"빈 매크로","reply_ko":"  "}"#)
            #expect(empty.status == .unprocessableContent && empty.body.contains("reply_en"), "\(empty.body)")
            let macro = try await api.call(.post, "/api/v1/ticket_macros", json: Self.macroJSON)
            #expect(macro.status == .created, "\(macro.body)")
            let macroID = try macro.object().string("id") ?? ""
            #expect(try await api.call(.post, "/api/v1/ticket_macros", json: Self.macroJSON).status == .conflict)

            let group = try await Self.team(api, "고객지원")
            let person = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"박서연","language":"ko"}"#).object().string("id") ?? ""
            let ticket = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"환불 요청","requester_id":"\#(person)","tags":["Refund-form"],"group_id":"\#(group)"}"#).object()
            let ticketID = ticket.string("id") ?? "", number = ticket.string("number") ?? ""

            try await api.user("agent@example.com", role: "support", teams: ["고객지원"], password: WorkspacePageTests.password)
            var agent = PageClient(api)
            _ = try await agent.signIn("agent@example.com", WorkspacePageTests.password)
            let page = try await agent.request(.get, "/tickets/\(ticketID)")
            #expect(page.status == .ok && page.body.contains(#"action="/tickets/\#(ticketID)/macro""#) && page.body.contains("환불 승인"), "\(page.body)")
            let csrf = PageClient.csrf(page.body) ?? ""
            // Agents use macros; they do not write them.
            let agentToken = try await TokenStore(db: api.db).create(name: "agent", userEmail: "agent@example.com", scope: "write").token
            #expect(try await api.call(.post, "/api/v1/ticket_macros", json: #"{"name":"x","reply_en":"y"}"#, token: agentToken).status == .forbidden)

            let applied = try await agent.request(.post, "/tickets/\(ticketID)/macro", form: [("_csrf", csrf), ("macro", macroID)])
            #expect(applied.status == .ok, "\(applied.body)")
            #expect(applied.body.contains("박서연님, \(number) 건의 환불이 승인되었습니다."), "\(applied.body)")
            #expect(applied.body.contains(#"<option value="pending_customer" selected>"#))
            let stored = try await api.call(.get, "/api/v1/tickets/\(ticketID)").object()
            #expect(stored.string("priority") == "high")
            #expect(stored["tags"] == .array([.string("Refund-form"), .string("refund")]))
            // The status waits for the reply.
            #expect(stored.string("status") == "new")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM ticket_messages") == 0)

            // Applied again: nothing left to change, the reply is offered again.
            let again = try await agent.request(.post, "/tickets/\(ticketID)/macro", form: [("_csrf", csrf), ("macro", macroID)])
            #expect(again.status == .ok && again.body.contains("환불이 승인되었습니다"))
            #expect(try await api.call(.get, "/api/v1/tickets/\(ticketID)").object()["version"] == stored["version"])
            // Unknown macros and tickets are 404s; a form without its token is refused.
            #expect(try await agent.request(.post, "/tickets/\(ticketID)/macro", form: [("_csrf", csrf), ("macro", "01JUNKUNKNOWNID000000000000")]).status == .notFound)
            #expect(try await agent.request(.post, "/tickets/01JUNKUNKNOWNID000000000000/macro", form: [("_csrf", csrf), ("macro", macroID)]).status == .notFound)
            #expect(try await agent.request(.post, "/tickets/\(ticketID)/macro", form: [("macro", macroID)]).status == .forbidden)

            // Sending the macro's reply: the reply goes out and the macro's status follows it.
            let sent = try await agent.request(.post, "/tickets/\(ticketID)/messages", form: [
                ("_csrf", csrf), ("seen", ""), ("kind", "public_reply"), ("body", "박서연님, \(number) 건의 환불이 승인되었습니다."), ("status_after", "pending_customer"),
            ])
            #expect(sent.status == .seeOther, "\(sent.body)")
            #expect(try await api.call(.get, "/api/v1/tickets/\(ticketID)").object().string("status") == "pending_customer")
        }
    }

    @Test(arguments: Backend.available)
    func aReplyWrittenWhileSomeoneElseAnsweredWaitsForALook(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let group = try await Self.team(api, "サポート")
            let ticketID = try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"ログインできません","group_id":"\#(group)"}"#).object().string("id") ?? ""
            var agent = try await WorkspacePageTests.signedIn(api, email: "kenji@example.com")
            let page = try await agent.request(.get, "/tickets/\(ticketID)")
            let csrf = PageClient.csrf(page.body) ?? ""
            #expect(page.body.contains(#"name="seen" value="""#))

            // Another agent answers first (through the API, as another user).
            let other = try await api.user("yui@example.com", role: "support", teams: ["サポート"])
            #expect(try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(ticketID)","kind":"public_reply","body":"パスワードを再設定してください。"}"#,
                                        token: other.token).status == .created)
            let form = [("_csrf", csrf), ("seen", ""), ("kind", "public_reply"), ("body", "キャッシュを消してください。"), ("status_after", "")]
            let held = try await agent.request(.post, "/tickets/\(ticketID)/messages", form: form)
            #expect(held.status == .conflict, "\(held.status)")
            #expect(held.body.contains("パスワードを再設定してください。") && held.body.contains("キャッシュを消してください。") && held.body.contains(#"name="confirm" value="1""#))
            #expect(try await api.count("SELECT COUNT(*) AS n FROM ticket_messages") == 1)

            // Sent anyway from the reply page: it goes, once.
            let seen = try await api.db.read { s in try await s.query("SELECT id FROM ticket_messages").first?.text("id") } ?? ""
            #expect(held.body.contains(#"name="seen" value="\#(seen)""#))
            let anyway = try await agent.request(.post, "/tickets/\(ticketID)/messages", form: form + [("confirm", "1")])
            #expect(anyway.status == .seeOther)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM ticket_messages") == 2)

            // The agent's own message after the one on screen never warns; an internal note
            // by someone else does.
            let mine = try await agent.request(.post, "/tickets/\(ticketID)/messages", form: [("_csrf", csrf), ("seen", seen), ("kind", "internal_note"), ("body", "確認中")])
            #expect(mine.status == .seeOther)
            #expect(try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(ticketID)","kind":"internal_note","body":"私が対応します"}"#,
                                        token: other.token).status == .created)
            let note = try await agent.request(.post, "/tickets/\(ticketID)/messages", form: [("_csrf", csrf), ("seen", seen), ("kind", "public_reply"), ("body", "x")])
            #expect(note.status == .conflict && note.body.contains("私が対応します") && !note.body.contains("確認中</div>"))
            #expect(try await api.count("SELECT COUNT(*) AS n FROM ticket_messages") == 4)
        }
    }

    @Test(arguments: Backend.available)
    func theReportCountsReopenedTickets(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let person = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"Ada Park"}"#).object().string("id") ?? ""
            var ids: [String] = []
            for subject in ["VPN", "Invoice", "Password"] {
                ids.append(try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"\#(subject)","requester_id":"\#(person)"}"#).object().string("id") ?? "")
            }
            for id in ids.prefix(2) {
                #expect(try await api.call(.patch, "/api/v1/tickets/\(id)", json: #"{"status":"solved"}"#).status == .ok)
            }
            // The requester writes again on the first: it reopens.
            #expect(try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(ids[0])","kind":"public_reply","author_person_id":"\#(person)","body":"Still broken"}"#).status == .created)
            #expect(try await api.call(.get, "/api/v1/tickets/\(ids[0])").object().string("status") == "open")

            var admin = try await WorkspacePageTests.signedIn(api)
            let report = try await admin.request(.get, "/tickets/report?days=30")
            #expect(report.status == .ok && report.body.contains(#"id="reopens""#) && report.body.contains("50% · 1 of 2 solved"), "\(report.body)")
            #expect(report.body.contains(#"id="sla-weeks""#))
            let weeks = try await admin.request(.get, "/tickets/report?days=30&format=csv&part=weeks")
            #expect(weeks.body.hasPrefix("week_start,met,missed,compliance\r\n") && weeks.body.split(separator: "\r\n").count == 5, "\(weeks.body)")
            let csv = try await admin.request(.get, "/tickets/report?days=30&format=csv&part=reopens")
            #expect(csv.body.hasPrefix("group,solved,reopened,reopen_rate\r\n,2,1,0.5000"), "\(csv.body)")
        }
    }
}

/// The satisfaction settings through the API: admins only, partial changes, every wrong
/// field named at once and nothing saved, each change audited.
@Suite struct SatisfactionSettingsAPITests {
    @Test(arguments: Backend.available)
    func adminsReadAndChangeTheSettings(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let initial = try await api.call(.get, "/api/v1/settings/satisfaction")
            let enabled = try initial.object()["enabled"]
            #expect(initial.status == .ok && enabled == .bool(false), "\(initial.body)")
            let wrong = try await api.call(.put, "/api/v1/settings/satisfaction", json: #"{"scale":"stars","delay_minutes":999999,"public_url":"ftp://x","colour":"red"}"#)
            #expect(wrong.status == .unprocessableContent, "\(wrong.body)")
            for field in ["scale", "delay_minutes", "public_url", "colour"] { #expect(wrong.body.contains(#""\#(field)""#), "\(field)") }
            #expect(try await api.call(.get, "/api/v1/settings/satisfaction").object()["scale"] == .string("good_bad"))
            let saved = try await api.call(.put, "/api/v1/settings/satisfaction", json: #"{"enabled":true,"scale":"five","public_url":"https://desk.example.com/"}"#)
            #expect(saved.status == .ok, "\(saved.body)")
            let now = try saved.object()
            #expect(now["enabled"] == .bool(true) && now["scale"] == .string("five") && now["public_url"] == .string("https://desk.example.com") && now["delay_minutes"] == .number("60"))
            let rep = try await api.user("rep@example.com", role: "sales")
            #expect(try await api.call(.get, "/api/v1/settings/satisfaction", token: rep.token).status == .forbidden)
            #expect(try await api.call(.put, "/api/v1/settings/satisfaction", json: #"{"enabled":false}"#, token: rep.token).status == .forbidden)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'settings.satisfaction'") == 1)
        }
    }
}

/// The ticket page's side column tells the agent who the requester is to the business:
/// their open deals and latest orders beside their other tickets, each only as the reader
/// may see it.
@Suite struct RequesterContextTests {
    @Test(arguments: Backend.available)
    func theRequestersDealsAndOrdersShowBesideTheTicket(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await BoardLostReasonTests.setUp(api)
            let person = try await api.create("people", #"{"display_name":"伊藤健"}"#).string("id") ?? ""
            let open = try await BoardLostReasonTests.deal(api, pipeline, stage["Proposal"]!, title: "保守契約の更新", amount: "1200000", currency: "JPY")
            let won = try await BoardLostReasonTests.deal(api, pipeline, stage["Won"]!, title: "初回導入")
            for deal in [open, won] { _ = try await api.create("deal_contacts", #"{"deal_id":"\#(deal)","person_id":"\#(person)","role":"decision_maker"}"#) }
            let order = try await api.create("orders", #"{"person_id":"\#(person)","status":"open","ordered_on":"2026-11-20","currency":"JPY"}"#)
            let ticket = try await api.create("tickets", #"{"subject":"請求書の再発行","requester_id":"\#(person)"}"#).string("id") ?? ""

            var admin = try await WorkspacePageTests.signedIn(api)
            let page = try await admin.request(.get, "/tickets/\(ticket)")
            #expect(page.status == .ok && page.body.contains(#"id="requester-deals""#) && page.body.contains("保守契約の更新"), "\(page.body)")
            #expect(!page.body.contains("初回導入"), "a won deal is not an open one")
            #expect(page.body.contains(#"id="requester-orders""#) && page.body.contains(order.string("number") ?? "?"))

            // A role that may not read deals or orders sees the tickets alone.
            #expect(try await api.call(.put, "/api/v1/roles/desk_only", json: #"{"label":"Desk only","grants":{"tickets":{"actions":["read","update"],"visibility":"all"},"ticket_messages":{"actions":["read","create"],"visibility":"all"},"people":{"actions":["read"],"visibility":"all"}}}"#).status == .ok)
            try await api.user("desk@example.com", role: "desk_only", password: WorkspacePageTests.password)
            var desk = PageClient(api)
            _ = try await desk.signIn("desk@example.com", WorkspacePageTests.password)
            let narrow = try await desk.request(.get, "/tickets/\(ticket)")
            #expect(narrow.status == .ok && !narrow.body.contains("保守契約の更新") && !narrow.body.contains(#"id="requester-orders""#), "\(narrow.status)")
        }
    }
}
