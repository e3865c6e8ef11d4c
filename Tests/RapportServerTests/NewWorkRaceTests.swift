import Foundation
import RapportKit
@testable import RapportStore
import Testing

/// The new writers raced, on both databases (PostgreSQL is where it matters): two
/// instances dispatching one due NPS round queue one job; two agents taking in one held
/// message make one ticket and one person.
@Suite struct NewWorkRaceTests {
    @Test(arguments: Backend.available)
    func racingDispatchersQueueOneRound(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let program = try await api.call(.post, "/api/v1/nps_programs", json: #"{"name":"Race","on_schedule":true,"schedule":"0 10 1 * *","time_zone":"UTC"}"#).object().string("id") ?? ""
            let a = NPSSurveys(store: RecordStore(db: api.db, cipher: testConfiguration.cipher))
            let b = NPSSurveys(store: RecordStore(db: api.db, cipher: testConfiguration.cipher))
            let start = Timestamp.parse("2026-12-03T05:00:00.000Z")!
            _ = try await a.dispatch(now: start)
            let due = try #require(try await a.nextRound(programID: program))
            async let first = a.dispatch(now: due + 60_000)
            async let second = b.dispatch(now: due + 60_000)
            let queued = try await first + second
            #expect(queued >= 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'nps.round'") == 1)
        }
    }

    @Test(arguments: Backend.available)
    func racingAgentsTakeInAHeldMessageOnce(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let team = try await TicketMailTests.team(api, "Race", address: "sales-help@rapport.test")
            #expect(try await api.call(.patch, "/api/v1/teams/\(team)", json: #"{"unknown_senders":"review"}"#).status == .ok)
            let intake = TicketMailTests.intake(api)
            guard case .held(let mail) = try await intake.receive(HeldMailTests.mail(from: "new@example.com", id: "r1", subject: "race")) else {
                Issue.record("not held")
                return
            }
            let tickets = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<4 { group.addTask { try await intake.release(mailID: mail, actor: .system) } }
                var out: [String?] = []
                for try await t in group { out.append(t) }
                return out
            }
            #expect(tickets.compactMap { $0 }.count == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM tickets") == 1)
            #expect(try await api.count("SELECT COUNT(*) AS n FROM record_keys WHERE key = 'email:new@example.com'") == 1)
        }
    }
}
