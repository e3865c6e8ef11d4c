import PostgresNIO
import SQLiteNIO
import Synchronization

/// One open connection, whichever driver made it.
enum PooledConnection: Sendable {
    case sqlite(SQLiteConnection)
    case postgres(PostgresConnection)

    /// Closes the connection even when the caller's task was cancelled (a health check that
    /// ran out of time): the drivers' close gives up on a cancelled task and would leave the
    /// file or socket open, so it runs in a task of its own that nothing cancels.
    func close() async {
        let connection = self
        await Task.detached {
            switch connection {
            case .sqlite(let c): try? await c.close()
            case .postgres(let c): try? await c.close()
            }
        }.value
    }

    /// True once the driver has seen the socket or file go away (a server restart, an
    /// administrator's `pg_terminate_backend`); such a connection is never lent again.
    var isClosed: Bool {
        switch self {
        case .sqlite(let c): return c.isClosed
        case .postgres(let c): return c.isClosed
        }
    }
}

/// A small async pool: connections are opened lazily up to `limit` and handed to waiters
/// in arrival order. Written here rather than taken from AsyncKit so both drivers share
/// one async path with no EventLoopFuture plumbing; a lock (not an actor) guards it so the
/// common case, an idle connection at hand, costs no executor hop.
///
/// A waiter gives up after `acquireTimeout` with ``DatabaseUnavailable``, so an exhausted
/// or unreachable database answers 503 instead of parking requests forever. A closed
/// connection is dropped, never lent, and its slot goes to the first waiter, who opens a
/// fresh one: after a database restart only the requests in flight fail.
final class ConnectionPool: Sendable {
    /// What a waiter is woken with: a connection, or the right to open one.
    private enum Grant {
        case connection(PooledConnection)
        case slot
    }

    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Grant, any Error>
        var deadline: ContinuousClock.Instant
    }

    private struct State {
        var idle: [PooledConnection] = []
        var openCount = 0
        var waiters: [Waiter] = []
        var nextWaiter = 0
        var closed = false
        var waitsTotal = 0
        /// Whether the task that fails overdue waiters is running: one for the pool, and
        /// only while someone waits (a timer task per waiter cost more than the query).
        var reaping = false
    }

    private enum Next {
        case ready(PooledConnection)
        case open
        case fail
        case wait
    }

    private let open: @Sendable () async throws -> PooledConnection
    let limit: Int
    let acquireTimeout: Duration
    private let state = Mutex(State())

    init(limit: Int, acquireTimeout: Duration, open: @escaping @Sendable () async throws -> PooledConnection) {
        self.limit = limit
        self.acquireTimeout = acquireTimeout
        self.open = open
    }

    func acquire() async throws -> PooledConnection {
        while true {
            let next: Next = state.withLock { s in
                if s.closed { return .fail }
                if let c = s.idle.popLast() { return .ready(c) }
                if s.openCount < limit {
                    s.openCount += 1
                    return .open
                }
                return .wait
            }
            let grant: Grant
            switch next {
            case .fail: throw DatabaseUnavailable(.closed)
            case .ready(let c): grant = .connection(c)
            case .open: grant = .slot
            case .wait: grant = try await wait()
            }
            switch grant {
            case .connection(let c):
                if c.isClosed {
                    await discard(c)
                    continue
                }
                return c
            case .slot:
                do { return try await open() } catch {
                    giveBackSlot()
                    throw error
                }
            }
        }
    }

    private func wait() async throws -> Grant {
        try await withCheckedThrowingContinuation { continuation in
            let ready: PooledConnection? = state.withLock { s in
                if let c = s.idle.popLast() { return c }
                let id = s.nextWaiter
                s.nextWaiter += 1
                s.waiters.append(Waiter(id: id, continuation: continuation, deadline: .now + acquireTimeout))
                s.waitsTotal += 1
                if !s.reaping {
                    s.reaping = true
                    startReaper()
                }
                return nil
            }
            if let ready { continuation.resume(returning: .connection(ready)) }
        }
    }

    /// Wakes a few times per timeout while anyone waits and fails the waiters whose
    /// deadline has passed; stops when the queue is empty (the next waiter starts it again,
    /// under the same lock, so no waiter is ever left without one).
    private func startReaper() {
        let tick = min(acquireTimeout / 4, .milliseconds(250))
        Task { [weak self] in
            while true {
                try? await Task.sleep(for: tick)
                guard let self, self.expireOverdue() else { return }
            }
        }
    }

    /// Fails overdue waiters; false once nobody waits and the reaper should stop.
    private func expireOverdue() -> Bool {
        let now = ContinuousClock.now
        let (overdue, keepGoing): ([Waiter], Bool) = state.withLock { s in
            let overdue = s.waiters.filter { $0.deadline <= now }
            if !overdue.isEmpty { s.waiters.removeAll { $0.deadline <= now } }
            if s.waiters.isEmpty { s.reaping = false }
            return (overdue, s.reaping)
        }
        for w in overdue { w.continuation.resume(throwing: DatabaseUnavailable(.poolExhausted)) }
        return keepGoing
    }

    /// Hands the slot of a connection that is gone to the first waiter, else frees it.
    private func giveBackSlot() {
        let waiter: Waiter? = state.withLock { s in
            if !s.closed, !s.waiters.isEmpty { return s.waiters.removeFirst() }
            s.openCount -= 1
            return nil
        }
        if let waiter { waiter.continuation.resume(returning: .slot) }
    }

    var statistics: PoolStatistics {
        state.withLock { PoolStatistics(inUse: $0.openCount - $0.idle.count, idle: $0.idle.count, waiting: $0.waiters.count, waitsTotal: $0.waitsTotal) }
    }

    func release(_ connection: PooledConnection) async {
        if connection.isClosed { return await discard(connection) }
        enum Action { case close, hand(Waiter), keep }
        let action: Action = state.withLock { s in
            if s.closed {
                s.openCount -= 1
                return .close
            }
            if !s.waiters.isEmpty { return .hand(s.waiters.removeFirst()) }
            s.idle.append(connection)
            return .keep
        }
        switch action {
        case .close: await connection.close()
        case .hand(let waiter):
            waiter.continuation.resume(returning: .connection(connection))
        case .keep: break
        }
    }

    /// Drops a connection that failed (mid-transaction, or with a connection-level error)
    /// instead of reusing it; its slot goes to the first waiter, who opens a replacement.
    ///
    /// The slot goes back before the close finishes: closing a connection to a server that
    /// went away can take as long as the network's timeouts, and while it did, the waiters
    /// behind it (every request of the instance, after a restart) waited for nothing.
    func discard(_ connection: PooledConnection) async {
        giveBackSlot()
        Task.detached { await connection.close() }
    }

    /// Connections open or being opened, for tests and metrics.
    var openCount: Int { state.withLock { $0.openCount } }

    func shutdown() async {
        let (idle, waiters) = state.withLock { s -> ([PooledConnection], [Waiter]) in
            s.closed = true
            defer {
                s.openCount -= s.idle.count
                s.idle.removeAll()
                s.waiters.removeAll()
            }
            return (s.idle, s.waiters)
        }
        for c in idle { await c.close() }
        for w in waiters { w.continuation.resume(throwing: DatabaseUnavailable(.closed)) }
    }
}

/// Serialises write transactions on SQLite inside the process: SQLite allows one writer,
/// and letting connections wait on its busy handler would park the few threads SQLite
/// calls run on, starving the very connection that holds the lock.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}
