import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SQLiteNIO
import Synchronization

/// The one database Rapport talks to, SQLite or PostgreSQL, behind a single async API.
public final class Database: Sendable {
    public enum Dialect: String, Sendable {
        case sqlite, postgres
    }

    public let dialect: Dialect
    public let url: DatabaseURL

    /// The SQLite file, for checks that read the file itself.
    public var filePath: String? {
        if case .sqlite(let path) = url, path != ":memory:" { return URL(fileURLWithPath: path).path }
        return nil
    }
    let pool: ConnectionPool
    let writeGate: WriteGate?
    let logger: Logger
    public let limits: DatabaseLimits
    /// The key the audit sealer signs the chain's head with, once it is known.
    public let auditSigning = AuditSigning()
    let auditSeals = AuditSealGroup()

    /// One connection of its own for ``ping(within:)``, so a health check measures the
    /// database, not how busy the request pool is.
    let healthPool: ConnectionPool

    init(dialect: Dialect, url: DatabaseURL, logger: Logger, limits: DatabaseLimits, defaultConnections: Int, connect: @escaping @Sendable () async throws -> PooledConnection) {
        self.dialect = dialect
        self.url = url
        self.pool = ConnectionPool(limit: limits.maxConnections ?? defaultConnections, acquireTimeout: limits.acquireTimeout, open: connect)
        self.healthPool = ConnectionPool(limit: 1, acquireTimeout: .seconds(2), open: connect)
        self.logger = logger
        self.limits = limits
        self.writeGate = dialect == .sqlite ? WriteGate() : nil
    }

    /// Opens a pool for `url`. A PostgreSQL URL may name a `schema` (tests use one each),
    /// an `sslmode` of `disable`, `prefer` (the default) or `require`, and the timeouts of
    /// ``DatabaseLimits`` (`connect_timeout`, `acquire_timeout`, `statement_timeout`,
    /// `lock_timeout`); `limits` gives the values the URL does not.
    public static func open(
        _ url: DatabaseURL, logger: Logger = Logger(label: "rapport.db"), maxConnections: Int? = nil, limits: DatabaseLimits = DatabaseLimits()
    ) async throws -> Database {
        var limits = limits
        if let maxConnections { limits.maxConnections = maxConnections }
        switch url {
        case .sqlite(let path):
            let absolute = path == ":memory:" ? path : URL(fileURLWithPath: path).path
            let connect: @Sendable () async throws -> PooledConnection = {
                let conn = try await SQLiteConnection.open(storage: .file(path: absolute), logger: logger)
                do {
                    for pragma in [
                        "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 10000",
                        "PRAGMA cache_size = -16000", "PRAGMA temp_store = MEMORY", "PRAGMA foreign_keys = OFF",
                        // Deleted and overwritten content is zeroed, so an erased person's
                        // data does not linger in free pages of the file.
                        "PRAGMA secure_delete = ON",
                    ] {
                        _ = try await conn.query(pragma)
                    }
                } catch {
                    // A health check that ran out of time cancels this task; the driver's
                    // own close would then not run and the open file would be dropped.
                    await PooledConnection.sqlite(conn).close()
                    throw error
                }
                return .sqlite(conn)
            }
            return Database(dialect: .sqlite, url: url, logger: logger, limits: limits, defaultConnections: 4, connect: connect)
        case .postgres(let text):
            try limits.read(fromURL: text)
            let (parsed, schema) = try postgresConfiguration(text, printable: url.description)
            var configuration = parsed
            configuration.options.connectTimeout = .milliseconds(limits.connectTimeout.milliseconds)
            // Sent with the start-up packet, so every connection has them before its first
            // statement: a runaway query or a lock wait ends instead of holding a connection.
            configuration.options.additionalStartupParameters = [
                ("statement_timeout", "\(limits.statementTimeout.milliseconds)"),
                ("lock_timeout", "\(limits.lockTimeout.milliseconds)"),
                ("idle_in_transaction_session_timeout", "\(limits.statementTimeout.milliseconds * 2)"),
            ]
            let bound = limits.connectTimeout
            let connect: @Sendable () async throws -> PooledConnection = { [configuration] in
                let conn: PostgresConnection
                do {
                    conn = try await Self.bounded(bound) {
                        try await PostgresConnection.connect(
                            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger)
                    }
                } catch {
                    logger.warning("Cannot open a PostgreSQL connection", metadata: DatabaseFault.metadata(error, statement: nil))
                    throw DatabaseUnavailable(.unreachable, retryAfter: 2)
                }
                if let schema {
                    do {
                        let quoted = "\"" + schema.replacingOccurrences(of: "\"", with: "") + "\""
                        _ = try await conn.query(PostgresQuery(unsafeSQL: "SET search_path TO \(quoted)"), logger: logger)
                    } catch {
                        await PooledConnection.postgres(conn).close()
                        throw error
                    }
                }
                return .postgres(conn)
            }
            return Database(dialect: .postgres, url: url, logger: logger, limits: limits, defaultConnections: 10, connect: connect)
        }
    }

    /// Opens a connection within `limit`, start-up and authentication included. The
    /// driver's own timeout covers the TCP connect only; a server in the middle of a
    /// restart can take the connection and never answer the start-up message, and every
    /// request of the instance then waits behind that one open (the caches in front of
    /// requests share one read). A connection that arrives after the limit is closed.
    static func bounded(_ limit: Duration, _ open: @escaping @Sendable () async throws -> PostgresConnection) async throws -> PostgresConnection {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PostgresConnection, any Error>) in
            let race = OpenRace<PostgresConnection>(continuation)
            let attempt = Task {
                do {
                    let conn = try await open()
                    if !race.settle(.success(conn)) { await PooledConnection.postgres(conn).close() }
                } catch {
                    _ = race.settle(.failure(error))
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                if race.settle(.failure(DatabaseUnavailable(.timeout, retryAfter: 2))) { attempt.cancel() }
            }
        }
    }

    static func postgresConfiguration(_ text: String, printable: String) throws -> (PostgresConnection.Configuration, String?) {
        guard let c = URLComponents(string: text), let host = c.host, !host.isEmpty, let user = c.user else {
            throw DatabaseError.configuration("Cannot read the PostgreSQL URL \(printable): expected postgres://user:pass@host:port/db.")
        }
        let items = c.queryItems ?? []
        let database = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        let tls: PostgresConnection.Configuration.TLS
        switch items.last(where: { $0.name == "sslmode" || $0.name == "tlsmode" })?.value ?? "prefer" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case "require", "verify-ca", "verify-full": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case let other: throw DatabaseError.configuration("Unknown sslmode '\(other ?? "")': use disable, prefer or require.")
        }
        let configuration = PostgresConnection.Configuration(
            host: host, port: c.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: c.password?.removingPercentEncoding, database: database.isEmpty ? nil : database, tls: tls)
        return (configuration, items.first(where: { $0.name == "schema" })?.value)
    }

    /// Runs `body` on one connection, outside a transaction. A read that meets a broken
    /// connection (one the server closed while it sat idle) runs again on another, at most
    /// once per pooled connection, so after a restart it lands on a fresh one.
    public func read<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                let conn = try await pool.acquire()
                do {
                    let result = try await body(Session(connection: conn, logger: logger))
                    await pool.release(conn)
                    return result
                } catch {
                    if DatabaseFault(error).breaksConnection { await pool.discard(conn) } else { await pool.release(conn) }
                    throw error
                }
            } catch {
                let fault = DatabaseFault(error)
                // Every idle connection may have died together (a restart): try each once.
                if fault == .connection, attempt <= pool.limit, !(error is DatabaseUnavailable) {
                    attempt += 1
                    continue
                }
                throw fault.surfaced(error)
            }
        }
    }

    /// Runs `body` in one transaction: everything or nothing is written.
    ///
    /// Serialization failures, deadlocks and lock timeouts roll back and run `body` again,
    /// up to ``DatabaseLimits/attempts`` times with a random pause, so `body` must be safe
    /// to repeat (it is: all it writes went with the rollback). What still fails surfaces
    /// as ``DatabaseUnavailable`` (503) or a ``RecordError``, never as a driver error.
    /// - Important: `body` must use only the session it is given. Calling ``read(_:)`` or
    ///   ``transaction(_:)`` from inside waits for a second connection while this one holds
    ///   locks, which freezes the pool under load.
    /// - Parameter retrying: false for a body that consumes something it cannot replay (a
    ///   streamed upload); it then runs once.
    public func transaction<T: Sendable>(retrying: Bool = true, _ body: (Session) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transactionOnce(body)
            } catch let failure as TransactionFailure {
                let fault = DatabaseFault(failure.error)
                let retry: Bool
                switch fault {
                case .retryable: retry = retrying && attempt < limits.attempts
                // A connection that died before the transaction began cost nothing yet.
                case .connection: retry = failure.beforeBegin && attempt <= pool.limit && !(failure.error is DatabaseUnavailable)
                default: retry = false
                }
                if retry {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(Int.random(in: 5...40) * attempt))
                    continue
                }
                throw fault.surfaced(failure.error)
            }
        }
    }

    private struct TransactionFailure: Error {
        var error: any Error
        var beforeBegin: Bool
    }

    private func transactionOnce<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T {
        if let writeGate { await writeGate.enter() }
        let conn: PooledConnection
        do { conn = try await pool.acquire() } catch {
            await writeGate?.leave()
            throw TransactionFailure(error: error, beforeBegin: true)
        }
        let session = Session(connection: conn, logger: logger, marks: TransactionMarks())
        var begun = false
        do {
            try await session.execute(SQL(dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"))
            begun = true
            let result = try await body(session)
            let appended = session.marks?.appendedAudit == true
            // SQLite's one writer seals its own entries before it commits (see
            // AuditSealer.sealInside); PostgreSQL's writers seal after, outside the record
            // transaction, so they never wait on each other for the chain's lock.
            let sealedInside = appended && dialect == .sqlite ? await AuditSealer.sealInside(session, self) : nil
            try await session.execute("COMMIT")
            await pool.release(conn)
            await writeGate?.leave()
            if appended {
                let settled = sealedInside.map { AuditSealer.settle($0, self) }
                if case let sealed?? = settled, sealed >= AuditSealer.batch { await AuditSealer.sealAfterCommit(self) }
                if settled == nil { await AuditSealer.sealAfterCommit(self) }
            }
            return result
        } catch {
            if DatabaseFault(error).breaksConnection {
                await pool.discard(conn)
            } else if !begun {
                await pool.release(conn)
            } else {
                do {
                    try await session.execute("ROLLBACK")
                    await pool.release(conn)
                } catch {
                    await pool.discard(conn)
                }
            }
            await writeGate?.leave()
            throw TransactionFailure(error: error, beforeBegin: !begun)
        }
    }

    /// Whether the database answers `SELECT 1` within `bound`; never waits longer, even
    /// when every connection is busy or the server is gone, so a health check cannot hang.
    public func ping(within bound: Duration = .seconds(2)) async -> Bool {
        final class Once: Sendable {
            let continuation = Mutex<CheckedContinuation<Bool, Never>?>(nil)
        }
        let once = Once()
        return await withCheckedContinuation { continuation in
            once.continuation.withLock { $0 = continuation }
            let finish: @Sendable (Bool) -> Void = { ok in once.continuation.withLock { $0.take() }?.resume(returning: ok) }
            let work = Task {
                guard let conn = try? await self.healthPool.acquire() else { return finish(false) }
                if (try? await Session(connection: conn, logger: self.logger).query("SELECT 1 AS ok")) != nil {
                    await self.healthPool.release(conn)
                    finish(true)
                } else {
                    await self.healthPool.discard(conn)
                    finish(false)
                }
            }
            Task {
                try? await Task.sleep(for: bound)
                finish(false)
                work.cancel()
            }
        }
    }

    /// Connections the pool holds open now.
    public var openConnections: Int { pool.openCount }

    public func close() async {
        await healthPool.shutdown()
        await pool.shutdown()
    }
}

/// One connection lent to a read or a transaction; statements go straight to the driver.
public struct Session: Sendable {
    let connection: PooledConnection
    let logger: Logger
    /// What a transaction did that needs work after its commit; nil outside transactions.
    var marks: TransactionMarks? = nil

    public var dialect: Database.Dialect {
        if case .sqlite = connection { return .sqlite }
        return .postgres
    }

    public func query(_ statement: SQL) async throws -> [Row] {
        do {
            return try await run(statement)
        } catch {
            let fault = DatabaseFault(error)
            if fault != .notDatabase {
                logger.warning("Database statement failed", metadata: DatabaseFault.metadata(error, statement: statement.rendered(numbered: true).0))
            }
            throw error
        }
    }

    private func run(_ statement: SQL) async throws -> [Row] {
        switch connection {
        case .sqlite(let conn):
            let (text, binds) = statement.rendered(numbered: false)
            return try await conn.query(text, binds.map(Self.sqliteData)).map { Row(storage: .sqlite($0)) }
        case .postgres(let conn):
            let query = try Self.postgresQuery(statement)
            let logger = self.logger
            return try await Self.watched(conn) {
                var rows: [Row] = []
                for try await row in try await conn.query(query, logger: logger) {
                    rows.append(Row(storage: .postgres(row.makeRandomAccess())))
                }
                return rows
            }
        }
    }

    /// Runs a statement and fails it once its connection has been closed for a moment
    /// without the statement finishing. After a database restart a statement sent as the
    /// socket closed could wait forever for an answer that never comes; the request behind
    /// it, every request sharing a cache load with it, and the server's shutdown waited
    /// with it. A slow statement on a live connection is never cut: that is
    /// `statement_timeout`'s job, on the server.
    static func watched(_ conn: PostgresConnection, _ body: @escaping @Sendable () async throws -> [Row]) async throws -> [Row] {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Row], any Error>) in
            let race = OpenRace<[Row]>(continuation)
            let work = Task {
                do { _ = race.settle(.success(try await body())) } catch { _ = race.settle(.failure(error)) }
            }
            Task {
                var closedFor = 0
                while !race.isSettled {
                    try? await Task.sleep(for: .milliseconds(100))
                    closedFor = conn.isClosed ? closedFor + 1 : 0
                    if closedFor >= 5, race.settle(.failure(ConnectionLost())) {
                        work.cancel()
                        return
                    }
                }
            }
        }
    }

    public func execute(_ statement: SQL) async throws {
        _ = try await query(statement)
    }

    static func sqliteData(_ value: SQLValue) -> SQLiteData {
        switch value {
        case .null: return .null
        case .text(let s): return .text(s)
        case .integer(let i): return .integer(Int(i))
        }
    }

    static func postgresQuery(_ statement: SQL) throws -> PostgresQuery {
        let (text, values) = statement.rendered(numbered: true)
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .text(let s): try binds.append(s)
            case .integer(let i): try binds.append(i)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }
}

/// A result row read by column name, straight from the driver's values.
public struct Row: Sendable {
    enum Storage: Sendable {
        case sqlite(SQLiteRow)
        case postgres(PostgresRandomAccessRow)
    }

    let storage: Storage

    public var columnNames: [String] {
        switch storage {
        case .sqlite(let row): return row.columns.map(\.name)
        case .postgres(let row): return row.map(\.columnName)
        }
    }

    public func text(_ column: String) -> String? {
        switch storage {
        case .sqlite(let row):
            switch row.column(column) {
            case .text(let s): return s
            case .integer(let i): return String(i)
            case .float(let d): return String(d)
            default: return nil
            }
        case .postgres(let row):
            guard row.contains(column) else { return nil }
            let cell = row[column]
            guard cell.bytes != nil else { return nil }
            if let s = try? cell.decode(String.self) { return s }
            return (try? cell.decode(Int64.self)).map(String.init)
        }
    }

    public func int(_ column: String) -> Int64? {
        switch storage {
        case .sqlite(let row):
            switch row.column(column) {
            case .integer(let i): return Int64(i)
            case .text(let s): return Int64(s)
            case .float(let d): return Int64(exactly: d)
            default: return nil
            }
        case .postgres(let row):
            guard row.contains(column) else { return nil }
            let cell = row[column]
            guard cell.bytes != nil else { return nil }
            if let i = try? cell.decode(Int64.self) { return i }
            return (try? cell.decode(String.self)).flatMap { Int64($0) }
        }
    }
}

/// An open and its time limit, racing: whoever settles first answers the caller, once; the
/// other learns it came too late.
private final class OpenRace<Value: Sendable>: Sendable {
    private let settled = Mutex(false)
    private let continuation: CheckedContinuation<Value, any Error>

    init(_ continuation: CheckedContinuation<Value, any Error>) {
        self.continuation = continuation
    }

    var isSettled: Bool { settled.withLock { $0 } }

    func settle(_ result: Result<Value, any Error>) -> Bool {
        let first = settled.withLock { done -> Bool in
            if done { return false }
            done = true
            return true
        }
        if first { continuation.resume(with: result) }
        return first
    }
}

/// A statement whose connection closed under it without an answer (see ``Session/watched(_:_:)``).
struct ConnectionLost: Error, CustomStringConvertible {
    var description: String { "The database connection closed before the statement finished." }
}
