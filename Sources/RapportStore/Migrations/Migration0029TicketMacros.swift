/// The service desk's macros (``TicketMacros``): records of their own, so they have pages,
/// search, audit and export like every other type.
enum Migration0029TicketMacros {
    private static func statements(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        var out = Migration0005Sales.recordTable("ticket_macros", """
            name %TEXT%, status_after %TEXT%, priority %TEXT%, group_id %TEXT%, assignee_id %TEXT%, add_tags %TEXT%, kind %TEXT%,
            reply_en %TEXT%, reply_ko %TEXT%, reply_ja %TEXT%
            """, sqlite: sqlite)
        out.append("CREATE INDEX ticket_macros_name ON ticket_macros (name\(nf), id) WHERE deleted_at IS NULL")
        return out
    }

    static let migration = Migration(version: 29, name: "ticket macros", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
