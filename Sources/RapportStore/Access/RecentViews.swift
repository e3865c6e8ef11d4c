import Foundation
import RapportKit

/// The records a user opened last. Kept in the database, not in a session or a process, so
/// every instance and every device of the user shows the same list.
public struct RecentViews: Sendable {
    public let db: Database
    /// How many a user keeps; older ones are removed when a new one is recorded.
    public static let kept = 8

    public init(db: Database) {
        self.db = db
    }

    public func record(userID: String, type: String, id: String, at time: Date = Date()) async throws {
        let now = Timestamp.format(time)
        try await db.transaction { s in
            try await s.execute("""
                INSERT INTO recent_views (user_id, record_type, record_id, viewed_at) VALUES (\(userID), \(type), \(id), \(now))
                ON CONFLICT (user_id, record_type, record_id) DO UPDATE SET viewed_at = excluded.viewed_at
                """)
            try await s.execute("""
                DELETE FROM recent_views WHERE user_id = \(userID) AND viewed_at < (
                  SELECT MIN(viewed_at) FROM (SELECT viewed_at FROM recent_views WHERE user_id = \(userID) ORDER BY viewed_at DESC LIMIT \(Self.kept)) AS newest)
                """)
        }
    }

    /// Newest first.
    public func list(userID: String, limit: Int = 5) async throws -> [(type: String, id: String)] {
        try await db.read { s in
            try await s.query("SELECT record_type, record_id FROM recent_views WHERE user_id = \(userID) ORDER BY viewed_at DESC LIMIT \(limit)").map {
                ($0.text("record_type") ?? "", $0.text("record_id") ?? "")
            }
        }
    }
}
