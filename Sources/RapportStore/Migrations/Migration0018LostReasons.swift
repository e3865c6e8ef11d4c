/// The lost reasons a deal can be closed with, kept by admins as records of their own; the
/// installation's first list is made at start (``RecordStore/ensureDefaultLostReasons(actor:)``),
/// not here, so this migration never depends on today's defaults.
enum Migration0018LostReasons {
    private static func statements(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        var out = Migration0005Sales.recordTable("lost_reasons", "name %TEXT%, position %TEXT%, allows_text %INT%", sqlite: sqlite)
        out.append("CREATE INDEX lost_reasons_name ON lost_reasons (name\(nf), id) WHERE deleted_at IS NULL")
        return out
    }

    static let migration = Migration(version: 18, name: "lost reasons", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
