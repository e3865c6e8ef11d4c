/// People are sorted by how their name is read: a derived `sort_name` (the reading, else the
/// display name, folded) with an index for the list's name order. Existing rows are filled
/// with the lower-cased reading or name; the next save of each person refolds it exactly.
enum Migration0004SortNames {
    static var migration: Migration {
        func statements(sqlite: Bool) -> [String] {
            let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
            let nf = sqlite ? "" : " NULLS FIRST"
            return [
                "ALTER TABLE people ADD COLUMN sort_name \(text)",
                "UPDATE people SET sort_name = lower(COALESCE(name_reading, display_name))",
                "CREATE INDEX people_sort_name ON people (sort_name\(nf), id) WHERE deleted_at IS NULL",
            ]
        }
        return Migration(version: 4, name: "sort_names", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
    }
}
