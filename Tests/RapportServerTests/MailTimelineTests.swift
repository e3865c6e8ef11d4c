import Foundation
import RapportKit
import RapportMail
import RapportStore
import Testing

/// Mail received by the service desk lands on the timelines of everyone it concerns: each
/// known person on it, their companies and the open deals they are contacts of, on both
/// databases. Who may read what the customer wrote follows the ticket it became.
@Suite struct MailTimelineTests {
    /// A message from `from` to the support address with `cc`, its subject and body in
    /// Korean as a Korean mail client writes them (encoded words, base64 UTF-8).
    static func message(id: String, from: String, cc: [String], subject: String, body: String) -> [UInt8] {
        let word = { (text: String) in "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?=" }
        let lines = [
            "Date: Thu, 3 Dec 2026 10:00:00 +0900", "From: \(word("김하나")) <\(from)>", "To: \(word("고객지원")) <support-ko@rapport.test>",
            cc.isEmpty ? nil : "Cc: \(cc.joined(separator: ", "))", "Subject: \(word(subject))", "Message-ID: <\(id)>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
            Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]),
        ].compactMap { $0 }
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    static func entries(_ api: API, _ path: String, token: String? = nil) async throws -> [JSONObject] {
        let reply = try await api.call(.get, "/api/v1/\(path)/timeline?limit=50", token: token)
        #expect(reply.status == .ok, "\(reply.body)")
        return try reply.object()["data"]?.arrayValue?.compactMap(\.objectValue).filter { $0.string("entry") == "mail" } ?? []
    }

    @Test(arguments: Backend.available)
    func receivedMailReachesPeopleCompaniesAndOpenDeals(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await TicketMailTests.team(api, "고객지원", address: "support-ko@rapport.test")
            let hanbit = try await api.create("organizations", #"{"name":"한빛상사"}"#).string("id") ?? ""
            let other = try await api.create("organizations", #"{"name":"다른회사"}"#).string("id") ?? ""
            let hana = try await api.create("people", #"{"display_name":"김하나","emails":[{"address":"hana@hanbit.example"}],"organization_id":"\#(hanbit)"}"#).string("id") ?? ""
            let jun = try await api.create("people", #"{"display_name":"이준","emails":[{"address":"jun@other.example"}],"organization_id":"\#(other)"}"#).string("id") ?? ""
            let stranger = try await api.create("people", #"{"display_name":"남","emails":[{"address":"nobody@else.example"}]}"#).string("id") ?? ""
            let (pipeline, stage) = try await DealTests.stages(api)
            let openDeal = try await api.create("deals", #"{"title":"한빛 갱신","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)","organization_id":"\#(hanbit)"}"#).string("id") ?? ""
            let closedDeal = try await api.create("deals", #"{"title":"지난 계약","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)","organization_id":"\#(hanbit)"}"#).string("id") ?? ""
            _ = try await api.create("deal_contacts", #"{"deal_id":"\#(openDeal)","person_id":"\#(jun)","role":"champion"}"#)
            _ = try await api.create("deal_contacts", #"{"deal_id":"\#(closedDeal)","person_id":"\#(hana)","role":"decision_maker"}"#)
            let lost = try await api.call(.patch, "/api/v1/deals/\(closedDeal)", json: #"{"stage_id":"\#(stage["Lost"]!)","lost_reason":"예산"}"#)
            #expect(lost.status == .ok, "\(lost.body)")

            let body = "청구서가 아직 안 왔어요.\n\n2026년 12월 1일 (화) 오후 3:00, 고객지원 <support-ko@rapport.test>님이 작성:\n> 확인 후 다시 연락드리겠습니다."
            let mail = Self.message(id: "hanbit-1@hanbit.example", from: "hana@hanbit.example", cc: ["\"이준\" <JUN@other.example>", "support-ko@rapport.test"],
                                    subject: "청구서 문의", body: body)
            guard case .opened(let ticket, _) = try await TicketMailTests.intake(api).receive(mail) else { Issue.record("not opened"); return }

            // On the sender, the person in Cc (address in another case), both companies and the open deal.
            for path in ["people/\(hana)", "people/\(jun)", "organizations/\(hanbit)", "organizations/\(other)", "deals/\(openDeal)"] {
                let found = try await Self.entries(api, path)
                #expect(found.count == 1, "\(path)")
                let entry = found.first?["mail"]?.objectValue
                #expect(entry?.string("subject") == "청구서 문의" && entry?.string("from_address") == "hana@hanbit.example", "\(path)")
                #expect(entry?.string("ticket_id") == ticket && entry?.string("text")?.hasPrefix("청구서가 아직 안 왔어요.") == true, "\(path)")
            }
            // Not on the lost deal, not on someone the mail does not name.
            #expect(try await Self.entries(api, "deals/\(closedDeal)").isEmpty)
            #expect(try await Self.entries(api, "people/\(stranger)").isEmpty)
            // The email chip shows it; the changes chip does not.
            #expect(try await api.call(.get, "/api/v1/organizations/\(hanbit)/timeline?limit=50").object()["data"]?.arrayValue?.isEmpty == false)

            // A sales rep sees that the customer wrote, not what (sales has no tickets).
            let rep = try await api.user("rep@example.com", role: "sales")
            #expect(try await api.call(.patch, "/api/v1/organizations/\(hanbit)", json: #"{"owner_id":"\#(rep.id)"}"#).status == .ok)
            let seen = try await Self.entries(api, "organizations/\(hanbit)", token: rep.token).first?["mail"]?.objectValue
            #expect(seen?.string("subject") == "청구서 문의")
            #expect(seen?["text"] == .null && seen?["ticket_id"] == .null, "\(String(describing: seen))")

            // Trashing the ticket takes the message off the timelines with it.
            #expect(try await api.call(.delete, "/api/v1/tickets/\(ticket)").status == .noContent)
            #expect(try await Self.entries(api, "organizations/\(hanbit)").isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func companyPageShowsTheMailWithItsHistoryFolded(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await TicketMailTests.team(api, "고객지원", address: "support-ko@rapport.test")
            let hanbit = try await api.create("organizations", #"{"name":"한빛상사"}"#).string("id") ?? ""
            _ = try await api.create("people", #"{"display_name":"김하나","emails":[{"address":"hana@hanbit.example"}],"organization_id":"\#(hanbit)"}"#)
            let body = "청구서가 아직 안 왔어요.\n\n2026년 12월 1일 (화) 오후 3:00, 고객지원 <support-ko@rapport.test>님이 작성:\n> 확인 후 다시 연락드리겠습니다."
            _ = try await TicketMailTests.intake(api).receive(Self.message(id: "hanbit-2@hanbit.example", from: "hana@hanbit.example", cc: [], subject: "청구서 문의", body: body))
            var browser = try await WorkspacePageTests.signedIn(api)
            let home = try await browser.request(.get, "/")
            _ = try await browser.request(.post, "/settings/language", form: [("_csrf", PageClient.csrf(home.body) ?? ""), ("language", "ko")])
            let html = try await browser.request(.get, "/organizations/\(hanbit)").body
            #expect(html.contains("받은 이메일") && html.contains("청구서 문의") && html.contains("김하나 &lt;hana@hanbit.example&gt;"), "\(html.prefix(300))")
            #expect(html.contains("<details class=\"quoted\"><summary>이전 메일과 서명</summary>"))
            #expect(html.contains("청구서가 아직 안 왔어요.</div>"))
        }
    }
}
