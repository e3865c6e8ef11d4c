import Foundation
import RapportKit

/// The addresses surveys (and, later, campaigns) must not be sent to: those whose owner
/// unsubscribed, and those that bounced for good twice. Kept as the SHA-256 of the
/// normalised address (see the migration), so the list outlives an erasure without
/// holding the address itself.
///
/// Mail a person asked for (a ticket's reply, a sign-in link) is not held back by an
/// unsubscribe: unsubscribing ends surveys, not the conversation they started.
public enum MailSuppressions {
    /// Hard bounces after which an address is no longer mailed: one may be a typo in a
    /// receiving server's configuration, two are a mailbox that does not exist.
    public static let hardBounceLimit = 2

    public static func digest(_ address: String) -> String? {
        Email.normalize(address).map { TokenStore.digest($0.lowercased()) }
    }

    /// The digests among `addresses`' that may not be mailed.
    static func suppressed(_ s: Session, _ addresses: [String]) async throws -> Set<String> {
        let digests = addresses.compactMap(digest)
        guard !digests.isEmpty else { return [] }
        var out = Set<String>()
        for chunk in stride(from: 0, to: digests.count, by: 500).map({ Array(digests[$0..<min($0 + 500, digests.count)]) }) {
            for r in try await s.query("""
                SELECT address_sha256 FROM mail_suppressions WHERE suppressed_at IS NOT NULL AND address_sha256 IN (\(SQL.join(chunk.map { "\($0)" }, ", ")))
                """) { if let d = r.text("address_sha256") { out.insert(d) } }
        }
        return out
    }

    public static func isSuppressed(_ db: Database, _ address: String) async throws -> Bool {
        try await db.read { s in try await !suppressed(s, [address]).isEmpty }
    }

    /// The owner of `address` asked for no more surveys; a second request changes nothing.
    static func unsubscribe(_ s: Session, _ address: String, at: String) async throws {
        guard let d = digest(address) else { return }
        try await s.execute("""
            INSERT INTO mail_suppressions (address_sha256, unsubscribed_at, suppressed_at, reason, updated_at) VALUES (\(d), \(at), \(at), 'unsubscribed', \(at))
            ON CONFLICT (address_sha256) DO UPDATE SET unsubscribed_at = COALESCE(mail_suppressions.unsubscribed_at, excluded.unsubscribed_at),
            suppressed_at = COALESCE(mail_suppressions.suppressed_at, excluded.suppressed_at),
            reason = COALESCE(mail_suppressions.reason, excluded.reason), updated_at = excluded.updated_at
            """)
    }

    /// Counts a bounce; the hard one that reaches ``hardBounceLimit`` suppresses the address.
    static func bounced(_ s: Session, _ address: String, hard: Bool, at: String) async throws {
        guard let d = digest(address) else { return }
        let (h, soft) = hard ? (1, 0) : (0, 1)
        let suppressNow: String? = hard && hardBounceLimit <= 1 ? at : nil
        let reason: String? = suppressNow == nil ? nil : "bounced"
        try await s.execute("""
            INSERT INTO mail_suppressions (address_sha256, hard_bounces, soft_bounces, suppressed_at, reason, updated_at)
            VALUES (\(d), \(h), \(soft), \(suppressNow), \(reason), \(at))
            ON CONFLICT (address_sha256) DO UPDATE SET hard_bounces = mail_suppressions.hard_bounces + \(h),
            soft_bounces = mail_suppressions.soft_bounces + \(soft), updated_at = excluded.updated_at
            """)
        if hard {
            try await s.execute("""
                UPDATE mail_suppressions SET suppressed_at = \(at), reason = 'bounced'
                WHERE address_sha256 = \(d) AND suppressed_at IS NULL AND hard_bounces >= \(hardBounceLimit)
                """)
        }
    }
}
