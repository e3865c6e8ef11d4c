import Crypto
import Foundation
import RapportKit
import Synchronization

/// API tokens: random secrets shown once and stored only as SHA-256 digests, so a copy of
/// the database does not hand out working credentials.
public struct TokenStore: Sendable {
    public let db: Database
    let cache: TokenCache

    public init(db: Database, cache: TokenCache = TokenCache()) {
        self.db = db
        self.cache = cache
    }

    public struct Created: Sendable {
        public var token: String
        public var tokenID: String
        public var userID: String
        public var userEmail: String
        public var createdFirstAdmin: Bool
    }

    /// Creates a token for `userEmail`, or for the first admin, creating that admin when
    /// the database has no users yet.
    public func create(name: String, userEmail: String? = nil, scope: String = "write", expiresAt: String? = nil, actor: Actor = .system) async throws -> Created {
        guard ["read", "write"].contains(scope) else { throw DatabaseError.configuration("Scope is read or write.") }
        let secret = Self.randomSecret()
        let now = Timestamp.format(Date())
        return try await db.transaction { s in
            var createdAdmin = false
            let user: Row
            if let userEmail {
                guard let row = try await s.query("SELECT id, email FROM users WHERE email = \(userEmail.lowercased()) AND active = 1").first else {
                    throw DatabaseError.configuration("No active user has the email \(userEmail).")
                }
                user = row
            } else if let row = try await s.query("SELECT id, email FROM users WHERE role = 'admin' AND active = 1 ORDER BY created_at LIMIT 1").first {
                user = row
            } else {
                let id = RecordID.make()
                try await s.execute("INSERT INTO users (id, email, name, role, active, created_at) VALUES (\(id), 'admin@localhost', 'Administrator', 'admin', 1, \(now))")
                try await AuditLog.append(s, actor: .system, action: "user.create", type: "users", id: id, changes: .object(JSONObject([("role", .string("admin"))])), at: now)
                createdAdmin = true
                user = try await s.query("SELECT id, email FROM users WHERE id = \(id)")[0]
            }
            let tokenID = RecordID.make()
            let userID = user.text("id") ?? ""
            try await s.execute("""
                INSERT INTO api_tokens (id, user_id, name, token_hash, scope, created_at, expires_at)
                VALUES (\(tokenID), \(userID), \(name), \(Self.digest(secret)), \(scope), \(now), \(expiresAt))
                """)
            try await AuditLog.append(s, actor: actor, action: "token.create", type: "api_tokens", id: tokenID, changes: .object(JSONObject([("name", .string(name)), ("scope", .string(scope))])), at: now)
            return Created(token: secret, tokenID: tokenID, userID: userID, userEmail: user.text("email") ?? "", createdFirstAdmin: createdAdmin)
        }
    }

    /// The identity a bearer token stands for, or nil when it is unknown, revoked, expired
    /// or its user is disabled. Last use is written at most once a minute per token so
    /// reads stay reads.
    public func authenticate(_ token: String, address: String? = nil) async throws -> Identity? {
        guard token.hasPrefix("rpt_"), token.utf8.count == 4 + 64 else { return nil }
        let hash = Self.digest(token)
        if let cached = cache.lookup(hash, now: Date()) { return cached }
        return try await cache.loads.value(hash) { [self] in try await self.load(hash: hash, address: address) }
    }

    /// Reads the token behind `hash`, records its use at most once a minute, and caches it.
    private func load(hash: String, address: String?) async throws -> Identity? {
        let now = Date()
        let rows = try await db.read { s in
            try await s.query("""
                SELECT t.id AS token_id, t.scope, t.expires_at, t.last_used_at, u.id AS user_id, u.email, u.role
                FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = \(hash) AND t.revoked_at IS NULL AND u.active = 1
                """)
        }
        guard let row = rows.first else { return nil }
        if let expires = row.text("expires_at"), let ms = Timestamp.parse(expires), Double(ms) / 1000 < now.timeIntervalSince1970 { return nil }
        let tokenID = row.text("token_id") ?? ""
        let lastUsed = row.text("last_used_at").flatMap(Timestamp.parse) ?? 0
        if now.timeIntervalSince1970 * 1000 - Double(lastUsed) > 60_000 {
            // Token use enters the audit log with the same once-a-minute rhythm.
            try await db.transaction { s in
                try await s.execute("UPDATE api_tokens SET last_used_at = \(Timestamp.format(now)) WHERE id = \(tokenID)")
                try await AuditLog.append(s, actor: Actor(userID: row.text("user_id"), address: address), action: "token.use", type: "api_tokens", id: tokenID, changes: nil, at: Timestamp.format(now))
            }
        }
        let identity = Identity(userID: row.text("user_id") ?? "", email: row.text("email") ?? "", role: row.text("role") ?? "viewer", scope: row.text("scope") ?? "read", tokenID: tokenID)
        cache.store(hash, identity, now: now)
        return identity
    }

    /// Tokens without their secrets; one user's, or everyone's for nil.
    public func list(userID: String?) async throws -> [JSONObject] {
        let filter: SQL = userID.map { "WHERE t.user_id = \($0)" } ?? ""
        return try await db.read { s in
            try await s.query("""
                SELECT t.id, t.name, t.scope, t.created_at, t.last_used_at, t.expires_at, t.revoked_at, u.id AS user_id, u.email
                FROM api_tokens t JOIN users u ON u.id = t.user_id \(filter) ORDER BY t.created_at DESC
                """).map { row in
                func opt(_ k: String) -> JSONValue { row.text(k).map(JSONValue.string) ?? .null }
                return JSONObject([
                    ("id", opt("id")), ("name", opt("name")), ("scope", opt("scope")), ("user_id", opt("user_id")), ("user_email", opt("email")),
                    ("created_at", opt("created_at")), ("last_used_at", opt("last_used_at")), ("expires_at", opt("expires_at")),
                    ("revoked_at", opt("revoked_at")),
                ])
            }
        }
    }

    /// Revokes a token; `ownerID` limits it to that user's tokens. False when none matched.
    public func revoke(id: String, ownerID: String?, actor: Actor) async throws -> Bool {
        let now = Timestamp.format(Date())
        let done = try await db.transaction { s -> Bool in
            var clauses: [SQL] = ["id = \(id)", "revoked_at IS NULL"]
            if let ownerID { clauses.append("user_id = \(ownerID)") }
            guard try await !s.query("SELECT id FROM api_tokens WHERE \(SQL.join(clauses, " AND "))").isEmpty else { return false }
            try await s.execute("UPDATE api_tokens SET revoked_at = \(now) WHERE id = \(id)")
            try await AuditLog.append(s, actor: actor, action: "token.revoke", type: "api_tokens", id: id, changes: nil, at: now)
            return true
        }
        if done { cache.clear() }
        return done
    }

    /// Drops cached identities after a user's role or status changes, so this instance
    /// applies the change at once.
    public func forgetCachedIdentities() {
        cache.clear()
    }

    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "rpt_" + Hex.encode(bytes)
    }

    static func digest(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}

/// Remembers authenticated tokens for a few seconds so a busy client costs one token query
/// per interval instead of one per request.
///
/// - Important: a revoked token or disabled user keeps working on another instance for at
///   most ``lifetime`` seconds, the bound promised for revocation across instances;
///   revocation on the same instance calls ``clear()``.
public final class TokenCache: Sendable {
    /// Half the promised bound, so a request in flight as the entry expires still keeps it.
    public static let lifetime: TimeInterval = 0.5
    private let entries = Mutex<[String: (Identity, Date)]>([:])
    /// Requests that find a token expired at the same moment read it once between them.
    let loads = InFlightLoads<String, Identity?>()

    public init() {}

    func lookup(_ hash: String, now: Date) -> Identity? {
        entries.withLock { e in
            guard let (identity, at) = e[hash] else { return nil }
            if now.timeIntervalSince(at) < Self.lifetime { return identity }
            e[hash] = nil
            return nil
        }
    }

    func store(_ hash: String, _ identity: Identity, now: Date) {
        entries.withLock { e in
            if e.count > 10_000 { e.removeAll() }
            e[hash] = (identity, now)
        }
    }

    public func clear() {
        entries.withLock { $0.removeAll() }
    }
}
