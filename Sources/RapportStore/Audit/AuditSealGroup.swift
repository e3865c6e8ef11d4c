import Synchronization

/// Group commit for the audit chain. Every write that appended entries asks for a seal
/// after its commit, and must not return before one has run that began after that commit
/// (so its own entry is chained when it answers). Writers that commit while a seal runs
/// queue up; when it ends, the first of them runs one seal for all of them. Eight
/// deliveries at once then cost two or three sealing transactions instead of eight, each
/// taking the chain's one lock, and no writer runs more than one seal beyond its own turn,
/// so a steady stream of writes never keeps one request sealing for everyone else.
final class AuditSealGroup: Sendable {
    private enum Turn: Sendable {
        /// A seal that began after this writer's commit has finished.
        case sealed
        /// This writer runs the next seal, then releases the others queued with it.
        case lead([CheckedContinuation<Turn, Never>])
        /// The seal it would have waited for ended before it queued; ask again.
        case again
    }

    private struct State {
        var running = false
        var waiting: [CheckedContinuation<Turn, Never>] = []
    }

    private let state = Mutex(State())

    func afterCommit(_ seal: () async -> Void) async {
        var followers: [CheckedContinuation<Turn, Never>] = []
        joining: while true {
            let leads = state.withLock { s in
                if s.running { return false }
                s.running = true
                return true
            }
            if leads { break }
            let turn = await withCheckedContinuation { (c: CheckedContinuation<Turn, Never>) in
                let queued = state.withLock { s in
                    guard s.running else { return false }
                    s.waiting.append(c)
                    return true
                }
                if !queued { c.resume(returning: .again) }
            }
            switch turn {
            case .sealed: return
            case .again: continue joining
            case .lead(let rest):
                followers = rest
                break joining
            }
        }
        await seal()
        for f in followers { f.resume(returning: .sealed) }
        // Everyone queued now committed before this point; the first of them seals for all.
        let next = state.withLock { s -> [CheckedContinuation<Turn, Never>] in
            if s.waiting.isEmpty {
                s.running = false
                return []
            }
            defer { s.waiting = [] }
            return s.waiting
        }
        if let first = next.first { first.resume(returning: .lead(Array(next.dropFirst()))) }
    }
}
