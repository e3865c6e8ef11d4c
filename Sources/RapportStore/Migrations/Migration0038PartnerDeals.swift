/// Deals name the partnership that sourced them and those that influenced them, so a
/// partner's pipeline and revenue are counted from the deals themselves.
enum Migration0038PartnerDeals {
    private static func statements(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return [
            "ALTER TABLE deals ADD COLUMN partnership_id \(text)",
            "ALTER TABLE deals ADD COLUMN influenced_by_ids \(text)",
            "CREATE INDEX deals_partnership ON deals (partnership_id\(nf), id) WHERE deleted_at IS NULL",
        ]
    }

    static let migration = Migration(version: 38, name: "partner deals", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
