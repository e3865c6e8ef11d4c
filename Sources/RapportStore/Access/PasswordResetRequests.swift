import Foundation
import RapportKit

/// "Forgot password?" from the sign-in page. Until mail is delivered, a request tells every
/// administrator in the app, and one of them issues the reset link from Settings → Users
/// (``PasswordResets``).
///
/// The page answers the same whatever happens here, so nobody learns which emails have
/// accounts; what happens is throttled through ``SignInFailures`` (shared by every
/// instance): one request per account per window reaches the administrators, and an
/// address may ask a few times per window in all.
public struct PasswordResetRequests: Sendable {
    let admin: AccessAdmin
    let accounts: SignInFailures
    let addresses: SignInFailures
    /// Where a granted request goes. Today: a notification to every administrator. The
    /// mail channel replaces it with a mail to the user carrying a link of their own.
    let deliver: @Sendable (Session, User, Actor, String) async throws -> Void

    public init(admin: AccessAdmin, window: Double = 15 * 60, addressLimit: Int = 10) {
        self.admin = admin
        self.accounts = SignInFailures(db: admin.db, accountLimit: 1, addressLimit: addressLimit, window: window)
        self.addresses = SignInFailures(db: admin.db, accountLimit: addressLimit, addressLimit: addressLimit, window: window)
        self.deliver = Self.notifyAdministrators
    }

    /// What became of a request; the page shows the same words for every outcome.
    public enum Outcome: Sendable, Equatable {
        /// The administrators were told.
        case delivered
        /// No active account has that email.
        case unknown
        /// Asked already within the window, from this account or this address.
        case throttled
    }

    /// Handles one request for `email` from `address` at `now` (seconds since 1970).
    @discardableResult
    public func request(email: String, address: String?, now: Double, requestID: String?) async throws -> Outcome {
        let email = email.trimmedWhitespace.lowercased()
        // Counted per address before anything is looked up, known email or not.
        if case .wait = try await addresses.admit(account: "reset-from:" + (address ?? "unknown"), address: nil, now: now) { return .throttled }
        guard !email.isEmpty, let user = try await admin.user(email: email), user.active else { return .unknown }
        guard case .admitted = try await accounts.admit(account: "reset-for:" + user.id, address: nil, now: now) else { return .throttled }
        let at = Timestamp.format(Date(timeIntervalSince1970: now))
        let actor = Actor(userID: nil, requestID: requestID, address: address)
        try await admin.db.transaction { s in
            try await self.deliver(s, user, actor, at)
            try await AuditLog.append(s, actor: actor, action: "user.reset_requested", type: "users", id: user.id, changes: nil, at: at)
        }
        return .delivered
    }

    /// Tells every active administrator, keyed by the request's time so a retried
    /// transaction tells them once.
    static func notifyAdministrators(_ s: Session, _ user: User, _ actor: Actor, _ at: String) async throws {
        let admins = try await s.query("SELECT id FROM users WHERE role = 'admin' AND active = 1").compactMap { $0.text("id") }
        for id in admins {
            try await NotificationStore.insert(s, recipient: id, kind: .resetRequested, recordType: "users", recordID: user.id, actor: user.id,
                                               at: at, key: "reset_requested:\(user.id):\(at):\(id)")
        }
    }
}
