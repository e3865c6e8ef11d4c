import Foundation
import RapportKit

/// Failed sign-ins kept in the database, so every instance over it counts the same
/// failures: once one instance answers 429 for an account or an address, so do the
/// others, without checking another password. The rule is ``SignInThrottle``'s.
///
/// An attempt is counted before its password is checked, in the same step that decides
/// whether it may go ahead (``admit(account:address:now:)``): each key's count is read
/// and raised under that key's lock, so however many wrong passwords race, through however
/// many instances, at most the limit of them is ever checked. A success gives its count
/// back (``succeeded(_:)``).
public struct SignInFailures: Sendable {
    public enum Scope: String, Sendable {
        case account, address
    }

    let db: Database
    public let limits: [Scope: Int]
    public let window: Double
    static let lockKey = 7420153

    /// Five failures per account or twenty per address within fifteen minutes.
    public init(db: Database, accountLimit: Int = 5, addressLimit: Int = 20, window: Double = 15 * 60) {
        self.db = db
        self.limits = [.account: accountLimit, .address: addressLimit]
        self.window = window
    }

    /// An attempt let through and counted, to be given back if it succeeds.
    public struct Attempt: Sendable {
        public var account: String
        public var address: String?
        /// The time its rows carry, in milliseconds since 1970.
        var at: Int64
    }

    public enum Admission: Sendable {
        case admitted(Attempt)
        /// Seconds to wait; nothing was counted.
        case wait(Int)
    }

    /// Counts an attempt for the account and the address, or says how long to wait when
    /// either is at its limit (then counts nothing). One transaction holds both keys'
    /// locks (the account's first, always, so two attempts never wait on each other in a
    /// circle); on SQLite the single writer serialises it anyway.
    public func admit(account: String, address: String?, now: Double) async throws -> Admission {
        let at = Self.millis(now), since = Self.millis(now - window)
        var keys: [(Scope, String)] = [(.account, account)]
        if let address { keys.append((.address, address)) }
        return try await db.transaction { s in
            var waits: [Int] = []
            for (scope, key) in keys {
                if s.dialect == .postgres {
                    try await s.execute("SELECT pg_advisory_xact_lock(\(raw: String(Self.lockKey)), hashtext(current_schema() || ':' || \(scope.rawValue) || ':' || \(key)))")
                }
                let limit = limits[scope] ?? 1
                let times = try await s.query("""
                    SELECT at FROM signin_failures WHERE scope = \(scope.rawValue) AND key = \(key) AND at > \(since) ORDER BY at DESC LIMIT \(limit)
                    """).compactMap { $0.int("at") }
                if let wait = SignInThrottle.retryAfter(failures: times.reversed().map { Double($0) / 1000 }, now: now, limit: limit, window: window) {
                    waits.append(wait)
                }
            }
            if let wait = waits.max() { return .wait(wait) }
            for (scope, key) in keys {
                try await s.execute("INSERT INTO signin_failures (scope, key, at) VALUES (\(scope.rawValue), \(key), \(at))")
            }
            try await s.execute("DELETE FROM signin_failures WHERE at <= \(since)")
            return .admitted(Attempt(account: account, address: address, at: at))
        }
    }

    /// A successful sign-in clears the account's failures and takes back the count its
    /// attempt left on the address (the address's other failures stay).
    public func succeeded(_ attempt: Attempt) async throws {
        try await db.transaction { s in
            try await s.execute("DELETE FROM signin_failures WHERE scope = 'account' AND key = \(attempt.account)")
            guard let address = attempt.address else { return }
            let row: SQL = s.dialect == .postgres ? "ctid" : "rowid"
            try await s.execute("""
                DELETE FROM signin_failures WHERE \(row) IN (SELECT \(row) FROM signin_failures WHERE scope = 'address' AND key = \(address) AND at = \(attempt.at) LIMIT 1)
                """)
        }
    }

    static func millis(_ seconds: Double) -> Int64 {
        Int64((seconds * 1000).rounded(.down))
    }
}
