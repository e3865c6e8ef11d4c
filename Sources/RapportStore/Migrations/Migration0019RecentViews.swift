/// The records each user opened last, for the navigation's "Recent" list. Only ids are
/// kept: titles are read when shown, through the viewer's visibility, so a record the user
/// may no longer see, or one erased, simply drops out.
enum Migration0019RecentViews {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return [
            """
            CREATE TABLE recent_views (user_id \(text) NOT NULL, record_type \(text) NOT NULL, record_id \(text) NOT NULL,
            viewed_at \(text) NOT NULL, PRIMARY KEY (user_id, record_type, record_id))
            """,
            "CREATE INDEX recent_views_user ON recent_views (user_id, viewed_at)",
        ]
    }

    static let migration = Migration(version: 19, name: "recent views", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
