/// The database cannot serve this request now, but may in a moment: it is unreachable,
/// restarting, every connection is busy, a statement or lock wait ran out of time, or
/// concurrent writers kept colliding after the retries. The server answers 503 with
/// `Retry-After`; the details stay in the log.
public struct DatabaseUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// No connection could be opened, or the one in use broke.
        case unreachable
        /// Every pooled connection stayed busy for the acquire timeout.
        case poolExhausted
        /// `statement_timeout` or `lock_timeout` ended a statement.
        case timeout
        /// Serialization failures, deadlocks or lock timeouts outlasted the retries.
        case contention
        /// The database refused the statement for a reason of its own (logged).
        case failed
        /// The pool was shut down.
        case closed
    }

    public var reason: Reason
    /// Seconds a client should wait before trying again.
    public var retryAfter: Int

    public init(_ reason: Reason, retryAfter: Int = 1) {
        self.reason = reason
        self.retryAfter = retryAfter
    }

    public var description: String {
        switch reason {
        case .unreachable: return "The database cannot be reached."
        case .poolExhausted: return "Every database connection is busy."
        case .timeout: return "The database did not answer in time."
        case .contention: return "Concurrent changes kept colliding."
        case .failed: return "The database refused the request."
        case .closed: return "The database connection pool is closed."
        }
    }
}
