import Logging
import PostgresNIO
import RapportKit
import SQLiteNIO

/// What a driver error means for the request that met it. ``Database`` decides from this
/// whether to retry, whether the connection may be reused, and what the client is told,
/// so no driver error reaches a client as a 500 or with SQL in it.
enum DatabaseFault: Equatable {
    /// Not a database error (a rule refused the write, the task was cancelled).
    case notDatabase
    /// A unique constraint refused a value a concurrent writer took first.
    case uniqueViolation(constraint: String?)
    /// Serialization failure (40001), deadlock (40P01) or lock timeout (55P03): running
    /// the transaction again is the documented remedy.
    case retryable(sqlState: String)
    /// `statement_timeout` cancelled a statement (57014).
    case timeout
    /// The connection is unusable: refused, closed by the server, or broken.
    case connection
    /// A value the request carried cannot be stored or compared (class 22).
    case badValue
    /// Anything else the database refused.
    case other(sqlState: String?)

    init(_ error: any Error) {
        if let e = error as? PSQLError {
            self = Self.classify(e)
        } else if let e = error as? SQLiteError {
            switch e.reason {
            case .constraintUniqueFailed, .constraintPrimaryKeyFailed: self = .uniqueViolation(constraint: nil)
            case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot, .lockedBySharedCache: self = .retryable(sqlState: "SQLITE_BUSY")
            case .ioError, .cantOpen, .notADatabase, .corrupt, .full: self = .connection
            default: self = .other(sqlState: "SQLITE_\(e.reason)")
            }
        } else if error is DatabaseUnavailable || error is ConnectionLost {
            self = .connection
        } else {
            self = .notDatabase
        }
    }

    private static func classify(_ e: PSQLError) -> DatabaseFault {
        guard e.code == .server, let state = e.serverInfo?[.sqlState] else {
            switch e.code {
            case .queryCancelled: return .timeout
            case .messageDecodingFailure, .unexpectedBackendMessage, .invalidCommandTag, .tooManyParameters: return .other(sqlState: nil)
            default: return .connection
            }
        }
        switch state {
        case "23505": return .uniqueViolation(constraint: e.serverInfo?[.constraintName])
        case "40001", "40P01", "55P03": return .retryable(sqlState: state)
        case "57014": return .timeout
        default: break
        }
        switch state.prefix(2) {
        case "08", "53", "57", "58": return .connection
        case "22": return .badValue
        default: return .other(sqlState: state)
        }
    }

    /// Whether the connection must be closed rather than returned to the pool.
    var breaksConnection: Bool {
        if case .connection = self { return true }
        return false
    }

    /// The error a caller sees once retries, if any, are spent.
    func surfaced(_ error: any Error) -> any Error {
        switch self {
        case .notDatabase: return error
        case .uniqueViolation:
            return RecordError.conflict("Another change took the same unique value at the same moment; read the record again and retry.")
        case .retryable: return DatabaseUnavailable(.contention)
        case .timeout: return DatabaseUnavailable(.timeout, retryAfter: 2)
        case .connection:
            if let unavailable = error as? DatabaseUnavailable { return unavailable }
            return DatabaseUnavailable(.unreachable, retryAfter: 2)
        case .badValue:
            return RecordError.badRequest("A value in the request cannot be stored or compared.", [])
        case .other: return DatabaseUnavailable(.failed)
        }
    }

    /// Log fields for an operator: SQLSTATE, constraint and the statement's opening words,
    /// never bound values and never sent to clients.
    static func metadata(_ error: any Error, statement: String?) -> Logger.Metadata {
        var m: Logger.Metadata = [:]
        if let e = error as? PSQLError {
            m["db_error"] = "\(e.code)"
            if let state = e.serverInfo?[.sqlState] { m["sqlstate"] = "\(state)" }
            if let constraint = e.serverInfo?[.constraintName] { m["constraint"] = "\(constraint)" }
            if let table = e.serverInfo?[.tableName] { m["table"] = "\(table)" }
            if let message = e.serverInfo?[.message] { m["db_message"] = "\(message)" }
            if let underlying = e.underlying { m["underlying"] = "\(underlying)" }
        } else if let e = error as? SQLiteError {
            m["db_error"] = "\(e.reason)"
            m["db_message"] = "\(e.message)"
        } else {
            m["db_error"] = "\(error)"
        }
        if let statement {
            m["statement"] = "\(statement.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(80))"
        }
        return m
    }
}
