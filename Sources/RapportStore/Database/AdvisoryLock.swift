import Foundation

extension Session {
    /// Makes the rest of this transaction the only one, across every instance, that runs
    /// under `name` until it commits: a PostgreSQL transaction-scoped advisory lock. On
    /// SQLite the transaction already is the only writer (`BEGIN IMMEDIATE`).
    public func lockExclusively(_ name: String) async throws {
        guard dialect == .postgres else { return }
        try await execute("SELECT pg_advisory_xact_lock(\(Self.advisoryKey(name)))")
    }

    /// Advisory locks are per database, not per schema: the key names the schema so that
    /// installations (and test schemas) sharing a database do not wait on each other.
    static func advisoryKey(_ name: String) -> SQL {
        "hashtextextended(current_schema() || ':' || \(name), 0)"
    }
}

extension Database {
    /// Runs start-up work (demo data, a first admin) while no other instance on the same
    /// PostgreSQL database runs its own, so instances started together do it once.
    ///
    /// The work spans several transactions, so the lock is held by a session of its own and
    /// polled rather than waited on: `lock_timeout` must not end a wait for a long seed,
    /// and a crashed holder's lock ends with its connection. Bounded by `wait`.
    public func withStartupLock<T: Sendable>(_ name: String = "startup", wait: Duration = .seconds(300), _ body: () async throws -> T) async throws -> T {
        guard dialect == .postgres else { return try await body() }
        let conn = try await pool.acquire()
        let session = Session(connection: conn, logger: logger)
        do {
            let deadline = ContinuousClock.now + wait
            while try await session.query("SELECT CASE WHEN pg_try_advisory_lock(\(Session.advisoryKey(name))) THEN 1 ELSE 0 END AS locked").first?.int("locked") != 1 {
                guard ContinuousClock.now < deadline else { throw DatabaseUnavailable(.contention) }
                try await Task.sleep(for: .milliseconds(200))
            }
        } catch {
            await pool.release(conn)
            throw error
        }
        do {
            let result = try await body()
            _ = try? await session.query("SELECT pg_advisory_unlock(\(Session.advisoryKey(name))) AS unlocked")
            await pool.release(conn)
            return result
        } catch {
            _ = try? await session.query("SELECT pg_advisory_unlock(\(Session.advisoryKey(name))) AS unlocked")
            await pool.release(conn)
            throw error
        }
    }
}
