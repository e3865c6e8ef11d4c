import Foundation
import RapportKit

/// A user's saved list views: a name for a query string of a record type's list page.
public struct SavedViews: Sendable {
    public let db: Database

    public init(db: Database) {
        self.db = db
    }

    public func list(userID: String, type: String) async throws -> [(name: String, query: String)] {
        try await db.read { s in
            try await s.query("SELECT name, query FROM saved_views WHERE user_id = \(userID) AND record_type = \(type) ORDER BY name").map {
                ($0.text("name") ?? "", $0.text("query") ?? "")
            }
        }
    }

    /// Saves or replaces the view called `name`.
    public func save(userID: String, type: String, name: String, query: String) async throws {
        let name = String(name.trimmedWhitespace.prefix(80))
        guard !name.isEmpty else { throw RecordError.invalid([FieldError(field: "name", code: "required", message: "A view needs a name.")]) }
        try await db.transaction { s in
            try await s.execute("DELETE FROM saved_views WHERE user_id = \(userID) AND record_type = \(type) AND name = \(name)")
            try await s.execute("""
                INSERT INTO saved_views (id, user_id, record_type, name, query, created_at)
                VALUES (\(RecordID.make()), \(userID), \(type), \(name), \(String(query.prefix(2000))), \(Timestamp.format(Date())))
                """)
        }
    }
}
