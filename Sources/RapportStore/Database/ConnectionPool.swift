import SQLKit
import SQLiteNIO

/// One open connection and how to close it, whichever driver made it.
final class PooledConnection: Sendable {
    let sql: any SQLDatabase
    /// Set for SQLite, whose statements are run on the driver directly (see ``Session``).
    let sqlite: SQLiteConnection?
    let close: @Sendable () async -> Void

    init(sql: any SQLDatabase, sqlite: SQLiteConnection? = nil, close: @escaping @Sendable () async -> Void) {
        self.sql = sql
        self.sqlite = sqlite
        self.close = close
    }
}

/// A small async pool: connections are opened lazily up to `limit` and handed to waiters
/// in arrival order. Written here rather than taken from AsyncKit so both drivers share
/// one async path with no EventLoopFuture plumbing.
actor ConnectionPool {
    private let open: @Sendable () async throws -> PooledConnection
    private let limit: Int
    private var idle: [PooledConnection] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<PooledConnection, any Error>] = []
    private var closed = false

    init(limit: Int, open: @escaping @Sendable () async throws -> PooledConnection) {
        self.limit = limit
        self.open = open
    }

    func acquire() async throws -> PooledConnection {
        if let c = idle.popLast() { return c }
        if closed { throw CancellationError() }
        if openCount < limit {
            openCount += 1
            do {
                return try await open()
            } catch {
                openCount -= 1
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    func release(_ connection: PooledConnection) async {
        if closed {
            openCount -= 1
            await connection.close()
        } else if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    /// Drops a connection that failed mid-transaction instead of reusing it.
    func discard(_ connection: PooledConnection) async {
        openCount -= 1
        await connection.close()
        if let waiter = waiters.first, openCount < limit {
            waiters.removeFirst()
            openCount += 1
            do { waiter.resume(returning: try await open()) } catch {
                openCount -= 1
                waiter.resume(throwing: error)
            }
        }
    }

    func shutdown() async {
        closed = true
        for c in idle { await c.close() }
        idle.removeAll()
        for w in waiters { w.resume(throwing: CancellationError()) }
        waiters.removeAll()
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
