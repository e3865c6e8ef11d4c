import Foundation
import PostgresNIO
import SQLiteNIO

/// Where the data lives: `sqlite:rapport.db` (the default, embedded) or
/// `postgres://user:pass@host:5432/db` when the company grows.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ text: String) throws {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw DatabaseError.configuration("An SQLite URL needs a file: sqlite:rapport.db") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasSuffix(".db") || text.hasSuffix(".sqlite") {
            self = .sqlite(path: text)
        } else {
            throw DatabaseError.configuration("Unknown database URL '\(text)'. Use sqlite:FILE or postgres://user:pass@host:port/db.")
        }
    }

    /// Printable without the password, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var c = URLComponents(string: url) else { return "postgres://…" }
            if c.password != nil { c.password = "***" }
            return c.string ?? "postgres://…"
        }
    }
}

public enum DatabaseError: Error, CustomStringConvertible {
    case configuration(String)
    case migration(String)

    public var description: String {
        switch self {
        case .configuration(let m), .migration(let m): return m
        }
    }
}

extension DatabaseError {
    /// A message for a driver error that tells an operator what went wrong without
    /// printing queries or values: the server's own message, or the kind of failure.
    public static func explain(_ error: any Error, url: DatabaseURL) -> String? {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return "PostgreSQL at \(url): \(message)." }
            if let underlying = e.underlying { return "Cannot reach PostgreSQL at \(url): \(underlying)." }
            return "PostgreSQL at \(url) failed: \(e.code)."
        }
        if let e = error as? SQLiteError { return "SQLite \(url): \(e.message)." }
        // The driver's own error was logged where it happened, with its SQLSTATE.
        if let e = error as? DatabaseUnavailable { return "\(url): \(e.description)" }
        return nil
    }
}
