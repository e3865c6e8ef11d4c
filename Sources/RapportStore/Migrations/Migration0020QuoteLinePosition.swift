/// A quote line's place in its quote, so the builder's order (and a reorder) survives
/// saving: before this, lines came back in the order they were created. Existing lines
/// are numbered in that order, per quote.
enum Migration0020QuoteLinePosition {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return [
            "ALTER TABLE quote_lines ADD COLUMN position \(text)",
            """
            UPDATE quote_lines SET position = CAST((SELECT COUNT(*) FROM quote_lines earlier
            WHERE earlier.quote_id = quote_lines.quote_id AND earlier.seq <= quote_lines.seq) AS TEXT)
            """,
        ]
    }

    static let migration = Migration(version: 20, name: "quote line position", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
