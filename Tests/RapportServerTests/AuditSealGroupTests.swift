import Synchronization
import Testing
@testable import RapportStore

/// The group commit's promise: a writer returns only after a seal that began after its
/// commit has ended, and writers arriving together share seals instead of each running one.
@Suite struct AuditSealGroupTests {
    /// A clock of events: commits and seal starts and ends take numbers from one counter.
    final class Log: Sendable {
        let counter = Mutex(0)
        let seals = Mutex<[(start: Int, end: Int)]>([])
        func tick() -> Int { counter.withLock { $0 += 1; return $0 } }
    }

    @Test(arguments: [1, 8, 64])
    func everyWriterWaitsForASealThatBeganAfterItsCommit(writers: Int) async throws {
        let group = AuditSealGroup()
        let log = Log()
        for round in 0..<20 {
            let returned = await withTaskGroup(of: (commit: Int, back: Int).self) { tasks in
                for w in 0..<writers {
                    tasks.addTask {
                        // Spread the commits so some land while a seal runs.
                        if (w + round) % 3 == 0 { await Task.yield() }
                        let commit = log.tick()
                        await group.afterCommit {
                            let start = log.tick()
                            try? await Task.sleep(for: .microseconds(200))
                            await Task.yield()
                            let end = log.tick()
                            log.seals.withLock { $0.append((start, end)) }
                        }
                        return (commit, log.tick())
                    }
                }
                var out: [(commit: Int, back: Int)] = []
                for await r in tasks { out.append(r) }
                return out
            }
            let seals = log.seals.withLock { $0 }
            for r in returned {
                #expect(seals.contains { $0.start > r.commit && $0.end < r.back }, "writer committed at \(r.commit), back at \(r.back)")
            }
        }
        let seals = log.seals.withLock { $0 }
        // Never two seals at once: the chain's lock would make them wait on each other.
        let ordered = seals.sorted { $0.start < $1.start }
        for (a, b) in zip(ordered, ordered.dropFirst()) { #expect(a.end < b.start) }
        if writers > 1 { #expect(seals.count < 20 * writers, "\(seals.count) seals for \(20 * writers) writes") }
    }
}
