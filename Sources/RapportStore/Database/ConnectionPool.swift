import PostgresNIO
import SQLiteNIO
import Synchronization

/// One open connection, whichever driver made it.
enum PooledConnection: Sendable {
    case sqlite(SQLiteConnection)
    case postgres(PostgresConnection)

    func close() async {
        switch self {
        case .sqlite(let c): try? await c.close()
        case .postgres(let c): try? await c.close()
        }
    }
}

/// A small async pool: connections are opened lazily up to `limit` and handed to waiters
/// in arrival order. Written here rather than taken from AsyncKit so both drivers share
/// one async path with no EventLoopFuture plumbing; a lock (not an actor) guards it so the
/// common case, an idle connection at hand, costs no executor hop.
final class ConnectionPool: Sendable {
    private struct State {
        var idle: [PooledConnection] = []
        var openCount = 0
        var waiters: [CheckedContinuation<PooledConnection, any Error>] = []
        var closed = false
        var waitsTotal = 0
    }

    private enum Next {
        case ready(PooledConnection)
        case open
        case fail
    }

    private let open: @Sendable () async throws -> PooledConnection
    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int, open: @escaping @Sendable () async throws -> PooledConnection) {
        self.limit = limit
        self.open = open
    }

    func acquire() async throws -> PooledConnection {
        let next: Next? = state.withLock { s in
            if let c = s.idle.popLast() { return .ready(c) }
            if s.closed { return .fail }
            if s.openCount < limit {
                s.openCount += 1
                return .open
            }
            return nil
        }
        switch next {
        case .ready(let c): return c
        case .fail: throw CancellationError()
        case .open:
            do { return try await open() } catch {
                state.withLock { $0.openCount -= 1 }
                throw error
            }
        case nil:
            return try await withCheckedThrowingContinuation { continuation in
                let ready: PooledConnection? = state.withLock { s in
                    if let c = s.idle.popLast() { return c }
                    s.waiters.append(continuation)
                    s.waitsTotal += 1
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }

    var statistics: PoolStatistics {
        state.withLock { PoolStatistics(inUse: $0.openCount - $0.idle.count, idle: $0.idle.count, waiting: $0.waiters.count, waitsTotal: $0.waitsTotal) }
    }

    func release(_ connection: PooledConnection) async {
        enum Action { case close, hand(CheckedContinuation<PooledConnection, any Error>), keep }
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
        case .hand(let waiter): waiter.resume(returning: connection)
        case .keep: break
        }
    }

    /// Drops a connection that failed mid-transaction instead of reusing it, and opens a
    /// replacement for the first waiter, if any.
    func discard(_ connection: PooledConnection) async {
        let waiter: CheckedContinuation<PooledConnection, any Error>? = state.withLock { s in
            s.openCount -= 1
            guard !s.waiters.isEmpty, s.openCount < limit else { return nil }
            s.openCount += 1
            return s.waiters.removeFirst()
        }
        await connection.close()
        guard let waiter else { return }
        do { waiter.resume(returning: try await open()) } catch {
            state.withLock { $0.openCount -= 1 }
            waiter.resume(throwing: error)
        }
    }

    func shutdown() async {
        let (idle, waiters) = state.withLock { s -> ([PooledConnection], [CheckedContinuation<PooledConnection, any Error>]) in
            s.closed = true
            defer {
                s.openCount -= s.idle.count
                s.idle.removeAll()
                s.waiters.removeAll()
            }
            return (s.idle, s.waiters)
        }
        for c in idle { await c.close() }
        for w in waiters { w.resume(throwing: CancellationError()) }
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
