import Foundation
import RapportKit

/// One-time password reset links: `rapport user reset` prints one (mail delivery comes
/// with the mail channel). A link works once, for an hour, and only its digest is stored.
public struct PasswordResets: Sendable {
    public let admin: AccessAdmin
    public static let lifetime: TimeInterval = 3600

    public init(admin: AccessAdmin) {
        self.admin = admin
    }

    /// The secret for the link `/reset/<secret>`, live for `lifetime` seconds (an
    /// invitation's lasts a week: the invitee may not read their mail within the hour).
    public func create(email: String, actor: Actor, lifetime: TimeInterval = Self.lifetime) async throws -> String {
        guard let user = try await admin.user(email: email), user.active else {
            throw DatabaseError.configuration("No active user has the email \(email).")
        }
        let secret = SessionStore.random(32)
        let now = Date()
        try await admin.db.transaction { s in
            try await s.execute("""
                INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
                VALUES (\(SessionStore.digest(secret)), \(user.id), \(Timestamp.format(now)), \(Timestamp.format(now.addingTimeInterval(lifetime))))
                """)
            try await AuditLog.append(s, actor: actor, action: "user.reset_link", type: "users", id: user.id, changes: nil, at: Timestamp.format(now))
        }
        return secret
    }

    /// The user a live, unused link belongs to.
    public func user(for secret: String) async throws -> User? {
        guard secret.utf8.count == 64, Hex.decode(secret) != nil else { return nil }
        let row = try await admin.db.read { s in
            try await s.query("SELECT user_id, expires_at FROM password_resets WHERE token_hash = \(SessionStore.digest(secret)) AND used_at IS NULL").first
        }
        guard let row, let expires = row.text("expires_at"), expires > Timestamp.format(Date()), let id = row.text("user_id") else { return nil }
        guard let user = try await admin.user(id: id), user.active else { return nil }
        return user
    }

    /// Spends the link, then sets the new password; false when the link is not live.
    /// Spending is one conditional update, so two submits of the same link cannot both
    /// pass; if the password is refused (too weak), the link is given back.
    public func consume(_ secret: String, password: String, actor: Actor) async throws -> Bool {
        guard let user = try await user(for: secret) else { return false }
        let digest = SessionStore.digest(secret), now = Timestamp.format(Date())
        let spent = try await admin.db.transaction { s in
            try await s.query("UPDATE password_resets SET used_at = \(now) WHERE token_hash = \(digest) AND used_at IS NULL AND expires_at > \(now) RETURNING user_id")
        }
        guard !spent.isEmpty else { return false }
        do {
            try await admin.setPassword(userID: user.id, password, actor: Actor(userID: user.id, requestID: actor.requestID, address: actor.address))
        } catch {
            try await admin.db.transaction { s in
                try await s.execute("UPDATE password_resets SET used_at = NULL WHERE token_hash = \(digest) AND used_at = \(now)")
            }
            throw error
        }
        return true
    }
}
