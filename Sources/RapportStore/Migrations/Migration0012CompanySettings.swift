/// Our own company's identity as one row (`id` is always 1), read by every instance and by
/// the write that creates a quote or order, inside its transaction.
enum Migration0012CompanySettings {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return ["""
            CREATE TABLE company_settings (id INTEGER PRIMARY KEY CHECK (id = 1), legal_name \(text), country \(text), address \(text),
            tax_number \(text), currency \(text), version INTEGER NOT NULL, updated_at \(text) NOT NULL, updated_by \(text))
            """]
    }

    static let migration = Migration(version: 12, name: "company settings", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
