import Foundation
import RapportKit

/// Failed sign-ins kept in the database, so every instance over it counts the same
/// failures: once one instance answers 429 for an account or an address, so do the
/// others, without checking another password. The rule is ``SignInThrottle``'s.
public struct SignInFailures: Sendable {
    public enum Scope: String, Sendable {
        case account, address
    }

    let db: Database
    public let limits: [Scope: Int]
    public let window: Double

    /// Five failures per account or twenty per address within fifteen minutes.
    public init(db: Database, accountLimit: Int = 5, addressLimit: Int = 20, window: Double = 15 * 60) {
        self.db = db
        self.limits = [.account: accountLimit, .address: addressLimit]
        self.window = window
    }

    /// Seconds to wait, or nil; `now` is seconds since 1970.
    public func retryAfter(_ scope: Scope, _ key: String, now: Double) async throws -> Int? {
        let limit = limits[scope] ?? 1
        let since = Self.millis(now - window)
        let times = try await db.read { s in
            try await s.query("""
                SELECT at FROM signin_failures WHERE scope = \(scope.rawValue) AND key = \(key) AND at > \(since) ORDER BY at DESC LIMIT \(limit)
                """).compactMap { $0.int("at") }
        }
        return SignInThrottle.retryAfter(failures: times.reversed().map { Double($0) / 1000 }, now: now, limit: limit, window: window)
    }

    /// Counts a failure and forgets failures that have left the window.
    public func record(_ scope: Scope, _ key: String, now: Double) async throws {
        try await db.transaction { s in
            try await s.execute("INSERT INTO signin_failures (scope, key, at) VALUES (\(scope.rawValue), \(key), \(Self.millis(now)))")
            try await s.execute("DELETE FROM signin_failures WHERE at <= \(Self.millis(now - window))")
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    public func clear(_ scope: Scope, _ key: String) async throws {
        try await db.transaction { s in
            try await s.execute("DELETE FROM signin_failures WHERE scope = \(scope.rawValue) AND key = \(key)")
        }
    }

    static func millis(_ seconds: Double) -> Int64 {
        Int64((seconds * 1000).rounded(.down))
    }
}
