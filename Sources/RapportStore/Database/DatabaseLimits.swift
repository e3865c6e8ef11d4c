import Foundation

/// How long the database layer waits before it gives up, and how often it retries.
///
/// Every wait is bounded so that a slow, locked or restarting database turns into quick
/// 503 answers rather than requests (and `/healthz`) hanging. A PostgreSQL URL may
/// override each timeout with a query item: `connect_timeout`, `acquire_timeout`,
/// `statement_timeout`, `lock_timeout` — a number of milliseconds, or seconds with an `s`
/// suffix (`?statement_timeout=60s`).
public struct DatabaseLimits: Sendable, Equatable {
    /// Pooled connections (default: 4 on SQLite, 10 on PostgreSQL).
    public var maxConnections: Int?
    /// Opening a connection to PostgreSQL, start-up and authentication included: on a
    /// network a database answers in milliseconds, and an instance whose open hangs on a
    /// restarting server answers nothing until it gives up.
    public var connectTimeout: Duration = .seconds(3)
    /// Waiting for a pooled connection when all are busy.
    public var acquireTimeout: Duration = .seconds(30)
    /// PostgreSQL's `statement_timeout` on every connection.
    public var statementTimeout: Duration = .seconds(30)
    /// PostgreSQL's `lock_timeout` on every connection: a write waiting this long for a
    /// row lock gives up and its transaction is retried.
    public var lockTimeout: Duration = .seconds(15)
    /// Runs of a transaction that meets serialization failures, deadlocks or lock timeouts.
    public var attempts = 3

    public init() {}

    /// Takes the timeouts a PostgreSQL URL names.
    mutating func read(fromURL text: String) throws {
        let items = URLComponents(string: text)?.queryItems ?? []
        let settings: [(String, WritableKeyPath<DatabaseLimits, Duration>)] = [
            ("connect_timeout", \.connectTimeout), ("acquire_timeout", \.acquireTimeout),
            ("statement_timeout", \.statementTimeout), ("lock_timeout", \.lockTimeout),
        ]
        for (name, path) in settings {
            guard let value = items.last(where: { $0.name == name })?.value else { continue }
            guard let duration = Self.duration(value) else {
                throw DatabaseError.configuration("\(name)=\(value) is not a duration: give milliseconds (5000) or seconds (5s).")
            }
            self[keyPath: path] = duration
        }
    }

    static func duration(_ text: String) -> Duration? {
        if text.hasSuffix("ms"), let n = Int64(text.dropLast(2)), n > 0 { return .milliseconds(n) }
        if text.hasSuffix("s"), let n = Int64(text.dropLast()), n > 0 { return .seconds(n) }
        if let n = Int64(text), n > 0 { return .milliseconds(n) }
        return nil
    }
}

extension Duration {
    /// Whole milliseconds, as PostgreSQL settings and NIO time amounts take them.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
