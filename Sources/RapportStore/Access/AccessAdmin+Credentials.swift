import Foundation
import RapportKit

/// What signing in checks: the password digest and the two-factor secret.
public struct Credentials: Sendable {
    public var user: User
    public var passwordHash: String?
    public var totpSecret: String?
    public var totpLastStep: Int64?
}

extension AccessAdmin {
    public func credentials(email: String) async throws -> Credentials? {
        try await db.read { s in
            guard let row = try await s.query("SELECT \(raw: User.columns), password_hash, totp_last_step FROM users WHERE email = \(email.trimmedWhitespace.lowercased())").first else { return nil }
            let user = User.decode(row, teams: [])
            return Credentials(user: user, passwordHash: row.text("password_hash"), totpSecret: openSecret(row.text("totp_secret"), userID: user.id), totpLastStep: row.int("totp_last_step"))
        }
    }

    public func credentials(userID: String) async throws -> Credentials? {
        guard let user = try await user(id: userID) else { return nil }
        return try await credentials(email: user.email)
    }

    /// A stored two-step secret as the authenticator app knows it: sealed ones are opened
    /// with the field key, bound to their user; nil when it does not open.
    func openSecret(_ stored: String?, userID: String) -> String? {
        guard let stored, stored.hasPrefix("enc:") else { return stored }
        return cipher?.open(.string(stored), type: "users", id: userID, field: "totp_secret").stringValue
    }

    /// Turns two-factor sign-in on with a secret the user has just proven to hold, sealed
    /// with the field key. Without a key it refuses (``TwoFactorNeedsKey``): a secret in
    /// plain text would let anyone with a copy of the database make valid codes.
    public func enableTwoFactor(userID: String, secret: String, step: Int64, actor: Actor) async throws {
        guard let cipher else { throw TwoFactorNeedsKey() }
        let now = Timestamp.format(Date())
        let sealed = try TwoFactorSecrets.seal(secret, userID: userID, cipher)
        try await db.transaction { s in
            try await s.execute("UPDATE users SET totp_secret = \(sealed), totp_last_step = \(step), updated_at = \(now) WHERE id = \(userID)")
            try await AuditLog.append(s, actor: actor, action: "user.two_factor", type: "users", id: userID, changes: .object(JSONObject([("enabled", .bool(true))])), at: now)
        }
    }

    /// Spends a one-time code's time step so the same code cannot sign in twice. False
    /// when the step was already used (a replay).
    /// One conditional update, so two sign-ins racing with the same code cannot both read
    /// the old step (PostgreSQL's read committed lets a read-then-write pair do that).
    public func spendTwoFactorStep(userID: String, step: Int64) async throws -> Bool {
        try await db.transaction { s in
            let spent = try await s.query("UPDATE users SET totp_last_step = \(step) WHERE id = \(userID) AND (totp_last_step IS NULL OR totp_last_step < \(step)) RETURNING id")
            return !spent.isEmpty
        }
    }
}
