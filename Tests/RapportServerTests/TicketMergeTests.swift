import Foundation
import RapportKit
@testable import RapportStore
import Testing

/// Merging a ticket into another on both databases: the conversation moves and nothing is
/// lost, the moved messages count on the survivor's clocks, the duplicate's own life
/// (creation, status changes) stays its own, and a closed survivor refuses.
@Suite struct TicketMergeTests {
    @Test(arguments: Backend.available)
    func theConversationMovesToTheSurvivor(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let person = try await api.call(.post, "/api/v1/people", json: #"{"display_name":"佐藤花子","language":"ja"}"#).object().string("id") ?? ""
            func ticket(_ subject: String) async throws -> String {
                try await api.call(.post, "/api/v1/tickets", json: #"{"subject":"\#(subject)","requester_id":"\#(person)"}"#).object().string("id") ?? ""
            }
            func message(_ ticket: String, _ body: String, requester: Bool) async throws {
                let author = requester ? #","author_person_id":"\#(person)""# : ""
                let reply = try await api.call(.post, "/api/v1/ticket_messages", json: #"{"ticket_id":"\#(ticket)","kind":"public_reply","body":"\#(body)"\#(author)}"#)
                #expect(reply.status == .created, "\(reply.body)")
            }
            let survivor = try await ticket("請求書が届きません")
            let duplicate = try await ticket("請求書の件（再送）")
            try await message(survivor, "先月の請求書が届いていません。", requester: true)
            try await message(duplicate, "再送です。請求書を送ってください。", requester: true)
            try await message(duplicate, "確認して再送いたします。", requester: false)
            #expect(try await api.call(.patch, "/api/v1/tickets/\(duplicate)", json: #"{"status":"solved"}"#).status == .ok)

            let merged = try await api.call(.post, "/api/v1/tickets/merge", json: #"{"survivor_id":"\#(survivor)","duplicate_id":"\#(duplicate)"}"#)
            #expect(merged.status == .ok, "\(merged.body)")
            let bodies = try await api.names("/api/v1/ticket_messages?filter[ticket_id]=\(survivor)&limit=50", field: "body")
            #expect(Set(bodies) == ["先月の請求書が届いていません。", "再送です。請求書を送ってください。", "確認して再送いたします。"])
            #expect(try await api.names("/api/v1/ticket_messages?filter[ticket_id]=\(duplicate)", field: "body").isEmpty)
            // The messages' events moved; the duplicate's creation and solve stayed with it.
            #expect(try await api.count("SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = \(survivor) AND kind IN ('customer_message', 'agent_public_reply')") == 3)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = \(survivor) AND kind IN ('created', 'status_changed')") == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM ticket_clocks WHERE ticket_id = \(duplicate)") == 0)
            #expect(try await api.call(.get, "/api/v1/tickets/\(survivor)").object().string("status") == "new")
            #expect(try await api.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'merge' AND record_type = 'tickets'") == 1)

            // A closed ticket is final: nothing is merged into it, and nothing moves.
            let other = try await ticket("別件")
            try await message(other, "別件の質問です。", requester: true)
            #expect(try await api.call(.patch, "/api/v1/tickets/\(survivor)", json: #"{"status":"closed"}"#).status == .ok)
            let refused = try await api.call(.post, "/api/v1/tickets/merge", json: #"{"survivor_id":"\#(survivor)","duplicate_id":"\#(other)"}"#)
            #expect(refused.status == .unprocessableContent, "\(refused.status) \(refused.body)")
            #expect(refused.body.contains("survivor_id"))
            let closedDuplicate = try await api.call(.post, "/api/v1/tickets/merge", json: #"{"survivor_id":"\#(other)","duplicate_id":"\#(survivor)"}"#)
            #expect(closedDuplicate.status == .unprocessableContent && closedDuplicate.body.contains("duplicate_id"), "\(closedDuplicate.body)")
            #expect(try await api.names("/api/v1/ticket_messages?filter[ticket_id]=\(other)", field: "body") == ["別件の質問です。"])
            #expect(try await api.names("/api/v1/ticket_messages?filter[ticket_id]=\(survivor)&limit=50", field: "body").count == 3)
        }
    }
}
