import Crypto
import Foundation
import RapportKit

/// A signed-in browser.
public struct PageSession: Sendable {
    public var idHash: String
    public var identity: Identity
    public var csrfToken: String
    /// Password accepted, one-time code still due: the session may only finish signing in.
    public var pendingTwoFactor: Bool
    public var expiresAt: String
}

/// Cookie sessions for pages. The cookie holds a random secret; the table holds only its
/// SHA-256, so a database copy cannot be replayed as a browser. Sessions end after
/// ``idleLifetime`` without use and after ``absoluteLifetime`` in any case.
public struct SessionStore: Sendable {
    public let db: Database
    public static let idleLifetime: TimeInterval = 8 * 3600
    public static let absoluteLifetime: TimeInterval = 7 * 24 * 3600
    /// A pending two-factor step must be finished within this time.
    public static let pendingLifetime: TimeInterval = 5 * 60

    public init(db: Database) {
        self.db = db
    }

    /// Returns the cookie value and the session.
    public func create(userID: String, pendingTwoFactor: Bool, address: String?, userAgent: String?) async throws -> (cookie: String, session: PageSession) {
        let secret = Self.random(32)
        let csrf = Self.random(32)
        let now = Date()
        let expires = Timestamp.format(now.addingTimeInterval(pendingTwoFactor ? Self.pendingLifetime : Self.idleLifetime))
        let hash = Self.digest(secret)
        try await db.transaction { s in
            try await s.execute("""
                INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, address, user_agent, pending_two_factor)
                VALUES (\(hash), \(userID), \(csrf), \(Timestamp.format(now)), \(expires), \(Timestamp.format(now)), \(address), \(userAgent.map { String($0.prefix(300)) }), \(pendingTwoFactor ? 1 : 0))
                """)
        }
        guard let session = try await lookup(secret) else { throw DatabaseError.configuration("The new session could not be read back.") }
        return (secret, session)
    }

    /// The live session behind a cookie; sliding expiry is extended at most once a minute.
    public func lookup(_ cookie: String) async throws -> PageSession? {
        guard cookie.utf8.count == 64, Hex.decode(cookie) != nil else { return nil }
        let hash = Self.digest(cookie)
        let now = Date()
        guard let row = try await db.read({ s in
            try await s.query("""
                SELECT s.csrf_token, s.created_at, s.expires_at, s.last_seen_at, s.pending_two_factor, u.id, u.email, u.role
                FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = \(hash) AND u.active = 1
                """).first
        }) else { return nil }
        let expires = Timestamp.parse(row.text("expires_at") ?? "") ?? 0
        let created = Timestamp.parse(row.text("created_at") ?? "") ?? 0
        let nowMS = Int64(now.timeIntervalSince1970 * 1000)
        guard expires > nowMS, nowMS - created < Int64(Self.absoluteLifetime * 1000) else {
            try await end(cookie)
            return nil
        }
        let pending = row.int("pending_two_factor") == 1
        var expiresAt = row.text("expires_at") ?? ""
        let lastSeen = Timestamp.parse(row.text("last_seen_at") ?? "") ?? 0
        if !pending, nowMS - lastSeen > 60_000 {
            expiresAt = Timestamp.format(now.addingTimeInterval(Self.idleLifetime))
            try await db.transaction { s in
                try await s.execute("UPDATE sessions SET last_seen_at = \(Timestamp.format(now)), expires_at = \(expiresAt) WHERE id_hash = \(hash)")
            }
        }
        let identity = Identity(userID: row.text("id") ?? "", email: row.text("email") ?? "", role: row.text("role") ?? "viewer", scope: "write", tokenID: nil)
        return PageSession(idHash: hash, identity: identity, csrfToken: row.text("csrf_token") ?? "", pendingTwoFactor: pending, expiresAt: expiresAt)
    }

    public func end(_ cookie: String) async throws {
        let hash = Self.digest(cookie)
        try await db.transaction { s in try await s.execute("DELETE FROM sessions WHERE id_hash = \(hash)") }
    }

    static func random(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func digest(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }
}
