import Foundation
import RapportKit
import RapportMail
@testable import RapportStore
import Testing

/// A group that reviews unknown senders, on both databases: mail from an address no person
/// has waits (no person, no ticket), mail from a known person and replies on a thread come
/// in as before, and an agent takes a held message in (person and ticket made then) or
/// discards it (kept in the mail log only).
@Suite struct HeldMailTests {
    static func mail(from: String, id: String, subject: String, inReplyTo: String? = nil) -> [UInt8] {
        Array("""
            From: \(from)\r
            To: sales-help@rapport.test\r
            Subject: \(subject)\r
            Message-ID: <\(id)@example.com>\r
            \(inReplyTo.map { "In-Reply-To: <\($0)@example.com>\r\n" } ?? "")Content-Type: text/plain; charset=UTF-8\r
            \r
            本文です。\r

            """.utf8)
    }

    @Test(arguments: Backend.available)
    func unknownSendersWaitForAnAgent(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let team = try await TicketMailTests.team(api, "営業サポート", address: "sales-help@rapport.test")
            #expect(try await api.call(.patch, "/api/v1/teams/\(team)", json: #"{"unknown_senders":"maybe"}"#).status == .unprocessableContent)
            let set = try await api.call(.patch, "/api/v1/teams/\(team)", json: #"{"unknown_senders":"review"}"#)
            #expect(set.status == .ok && set.body.contains(#""unknown_senders":"review""#), "\(set.body)")
            _ = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"既知 顧客","emails":[{"address":"known@example.com"}]}"#)
            let intake = TicketMailTests.intake(api)

            guard case .opened(let known, _) = try await intake.receive(Self.mail(from: "known@example.com", id: "k1", subject: "見積もり")) else {
                Issue.record("a known person's mail was not taken in")
                return
            }
            let held = try await intake.receive(Self.mail(from: "Stranger <stranger@example.com>", id: "s1", subject: "ご提案"))
            guard case .held(let mailID) = held else { Issue.record("\(held)"); return }
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM record_keys WHERE key = 'email:stranger@example.com'") == 0, "no person made")
            // A reply on a thread comes in whoever sends it (a colleague in Cc answering).
            let thread = try await api.db.read { s in try await s.query("SELECT message_id FROM mail_messages WHERE from_address = 'known@example.com'").first?.text("message_id") } ?? ""
            let reply = try await intake.receive(Self.mail(from: "colleague@example.com", id: "c1", subject: "Re: 見積もり", inReplyTo: String(thread.dropLast("@example.com".count))))
            guard case .threaded(let threaded, _) = reply else { Issue.record("\(reply)"); return }
            #expect(threaded == known)
            _ = try await intake.receive(Self.mail(from: "spam@example.net", id: "x1", subject: "今だけ"))

            // The agent's view: the count on the queue, the list, take in one, discard one.
            var agent = try await WorkspacePageTests.signedIn(api)
            let queue = try await agent.request(.get, "/tickets/queue")
            #expect(queue.body.contains(#"id="held-link""#) && queue.body.contains(#"<span class="chip">2</span></a>"#))
            let list = try await agent.request(.get, "/tickets/held")
            #expect(list.status == .ok && list.body.contains("stranger@example.com") && list.body.contains("ご提案") && list.body.contains("営業サポート"))
            let csrf = PageClient.csrf(list.body) ?? ""
            let taken = try await agent.request(.post, "/tickets/held/\(mailID)/accept", form: [("_csrf", csrf)])
            #expect(taken.status == .seeOther && taken.headers[.location]?.hasPrefix("/tickets/") == true)
            let ticket = String(taken.headers[.location]?.dropFirst("/tickets/".count) ?? "")
            let opened = try await api.call(.get, "/api/v1/tickets/\(ticket)").object()
            #expect(opened.string("group_id") == team && opened.string("subject") == "ご提案")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM record_keys WHERE key = 'email:stranger@example.com'") == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE id = \(mailID) AND state = 'received'") == 1)
            // Taking it in twice makes nothing more.
            #expect(try await intake.release(mailID: mailID, actor: .system) == nil)
            let spam = try await api.db.read { s in try await s.query("SELECT id FROM mail_messages WHERE state = 'held'").first?.text("id") } ?? ""
            #expect(try await agent.request(.post, "/tickets/held/\(spam)/discard", form: [("_csrf", csrf)]).status == .seeOther)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM mail_messages WHERE state = 'discarded'") == 1)
            #expect(try await agent.request(.get, "/tickets/held").body.contains(#"id="held-empty""#))
            #expect(try await api.count("SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('mail.released', 'mail.discarded')") == 2)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 2)
            #expect(try await agent.request(.post, "/tickets/held/\(spam)/accept", form: [("_csrf", "forged")]).status == .forbidden)
        }
    }
}
