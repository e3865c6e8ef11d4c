import Foundation
import HTTPTypes
import RapportKit
@testable import RapportStore
import Synchronization
import Testing

/// Requests that find a cached token, role snapshot or field list expired at the same
/// moment read it once between them instead of once each.
@Suite struct CacheStampedeTests {
    @Test(arguments: Backend.available)
    func aTokenFirstUsedByManyRequestsAtOnceIsReadAndRecordedOnce(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let rep = try await api.user("rep@example.com", role: "sales")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<24 { group.addTask { try await api.call(.get, "/api/v1/me", token: rep.token).status } }
                var out: [HTTPResponse.Status] = []
                for try await status in group { out.append(status) }
                return out
            }
            #expect(statuses.count == 24 && statuses.allSatisfy { $0 == .ok })
            // One read of the token, so its use enters the audit log once, not per request.
            let uses = try await api.db.read { s in
                try await s.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'token.use' AND actor_id = \(rep.id)").first?.int("n")
            }
            #expect(uses == 1)
        }
    }

    @Test func overlappingLoadsOfOneKeyShareOneLoad() async throws {
        let loads = InFlightLoads<String, Int>()
        let runs = LoadCounter()
        let gate = Gate()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await loads.value("roles") {
                        await gate.wait()
                        return runs.next()
                    }
                }
            }
            // Every caller has joined before the one load is let go.
            while loads.count == 0 { await Task.yield() }
            try await Task.sleep(for: .milliseconds(50))
            await gate.open()
            var out: [Int] = []
            for try await v in group { out.append(v) }
            return out
        }
        #expect(values == Array(repeating: 1, count: 16))
        #expect(loads.count == 0)
        // Once it finished, the next caller loads again: nothing is kept beyond the load.
        #expect(try await loads.value("roles", load: { runs.next() }) == 2)
        #expect(try await loads.value("teams", load: { runs.next() }) == 3)
    }

    @Test func aFailedLoadFailsItsCallersAndTheNextCallLoadsAgain() async throws {
        struct Down: Error {}
        let loads = InFlightLoads<Int, String>()
        await #expect(throws: Down.self) { try await loads.value(0, load: { () async throws -> String in throw Down() }) }
        #expect(loads.count == 0)
        #expect(try await loads.value(0, load: { "up" }) == "up")
    }
}

/// Counts loads across tasks.
private final class LoadCounter: Sendable {
    private let n = Mutex(0)
    func next() -> Int { n.withLock { $0 += 1; return $0 } }
}

/// Holds loads until the test lets them go.
private actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }
    func open() {
        isOpen = true
        for w in waiting { w.resume() }
        waiting = []
    }
}
