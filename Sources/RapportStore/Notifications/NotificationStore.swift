import Foundation
import RapportKit

/// A user's notifications: written by ``NotificationRules`` and ``TaskDueJob``, read and
/// marked read by the user alone.
public struct NotificationStore: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    /// Records a notification unless one with the same key exists, so a retried write or a
    /// job run twice tells the user once. Returns whether it was new.
    @discardableResult
    static func insert(_ s: Session, recipient: String, kind: NotificationKind, recordType: String, recordID: String, actor: String?, at: String, key: String) async throws -> Bool {
        let rows = try await s.query("""
            INSERT INTO notifications (id, recipient_id, kind, record_type, record_id, actor_id, created_at, read_at, idempotency_key)
            VALUES (\(RecordID.make()), \(recipient), \(kind.rawValue), \(recordType), \(recordID), \(actor), \(at), NULL, \(key))
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
            """)
        return !rows.isEmpty
    }

    /// Newest first; the cursor is the last one's (created_at, id).
    public func list(recipient: String, limit: Int, cursor: Cursor?, unreadOnly: Bool = false) async throws -> (items: [UserNotification], next: String?) {
        var clauses: [SQL] = ["recipient_id = \(recipient)"]
        if unreadOnly { clauses.append("read_at IS NULL") }
        if let cursor, let at = cursor.value.stringValue {
            clauses.append("(created_at < \(at) OR (created_at = \(at) AND id < \(cursor.id)))")
        }
        let statement: SQL = """
            SELECT \(raw: UserNotification.columns) FROM notifications WHERE \(SQL.join(clauses, " AND "))
            ORDER BY created_at DESC, id DESC LIMIT \(limit + 1)
            """
        var items = try await db.read { s in try await s.query(statement) }.map(UserNotification.decode)
        var next: String?
        if items.count > limit {
            items.removeLast()
            next = items.last.map { Cursor(sort: Self.sortKey, value: .string($0.createdAt), id: $0.id).encoded }
        }
        return (items, next)
    }

    /// Written into cursors so one from another list is refused.
    public static let sortKey = "notifications:-created_at"

    public func unreadCount(recipient: String) async throws -> Int {
        let rows = try await db.read { s in try await s.query("SELECT COUNT(*) AS n FROM notifications WHERE recipient_id = \(recipient) AND read_at IS NULL") }
        return Int(rows.first?.int("n") ?? 0)
    }

    /// Marks one of the recipient's notifications read; nil when it is not theirs (or
    /// does not exist), so nobody learns of another user's notifications.
    public func markRead(id: String, recipient: String, at: String) async throws -> UserNotification? {
        guard RecordID.isValid(id) else { return nil }
        return try await db.transaction { s in
            try await s.execute("UPDATE notifications SET read_at = \(at) WHERE id = \(id) AND recipient_id = \(recipient) AND read_at IS NULL")
            return try await s.query("SELECT \(raw: UserNotification.columns) FROM notifications WHERE id = \(id) AND recipient_id = \(recipient)").first.map(UserNotification.decode)
        }
    }

    /// Returns how many were unread.
    @discardableResult
    public func markAllRead(recipient: String, at: String) async throws -> Int {
        try await db.transaction { s in
            let n = try await s.query("SELECT COUNT(*) AS n FROM notifications WHERE recipient_id = \(recipient) AND read_at IS NULL").first?.int("n") ?? 0
            try await s.execute("UPDATE notifications SET read_at = \(at) WHERE recipient_id = \(recipient) AND read_at IS NULL")
            return Int(n)
        }
    }
}
