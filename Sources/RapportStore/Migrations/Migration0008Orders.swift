/// Orders with their lines, and contracts.
enum Migration0008Orders {
    private static func statements(sqlite: Bool) -> [String] {
        let seq = sqlite ? "seq INTEGER PRIMARY KEY" : "seq BIGSERIAL PRIMARY KEY"
        let int = sqlite ? "INTEGER" : "BIGINT"
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let nf = sqlite ? "" : " NULLS FIRST"
        let search = sqlite ? "" : "search TSVECTOR, "
        func table(_ name: String, _ columns: String) -> [String] {
            [
                """
                CREATE TABLE \(name) (
                \(seq), id \(text) NOT NULL UNIQUE, \(columns), custom \(text), \(search)owner_id \(text),
                created_by \(text), updated_by \(text), created_at \(text) NOT NULL, updated_at \(text) NOT NULL,
                version \(int) NOT NULL DEFAULT 1, deleted_at \(text), merged_into \(text))
                """,
                "CREATE INDEX \(name)_updated ON \(name) (updated_at\(nf), id) WHERE deleted_at IS NULL",
                "CREATE INDEX \(name)_created ON \(name) (created_at\(nf), id) WHERE deleted_at IS NULL",
                "CREATE INDEX \(name)_owner ON \(name) (owner_id\(nf), updated_at\(nf), id) WHERE deleted_at IS NULL",
                sqlite
                    ? "CREATE VIRTUAL TABLE \(name)_search USING fts5(terms, content='', contentless_delete=1, tokenize='ascii', detail='none', prefix='2')"
                    : "CREATE INDEX \(name)_search ON \(name) USING GIN (search)",
            ]
        }
        let money = { (n: String) in "\(n)_amount \(int), \(n)_currency \(text)" }
        return table("orders", "number \(text), organization_id \(text), deal_id \(text), quote_id \(text), ordered_on \(text), status \(text), \(money("total"))")
            + ["CREATE INDEX orders_organization ON orders (organization_id\(nf), id) WHERE deleted_at IS NULL"]
            + table("order_lines", "order_id \(text), product_id \(text), description \(text), quantity \(text), \(money("unit_price")), \(money("line_total"))")
            + ["CREATE INDEX order_lines_order ON order_lines (order_id\(nf), id) WHERE deleted_at IS NULL"]
            + table("contracts", """
                title \(text), direction \(text), organization_id \(text), deal_id \(text), start_date \(text), end_date \(text), \(money("value")),
                billing_period \(text), auto_renew \(int), notice_days \(text), renewal_date \(text), reminder_days \(text), status \(text)
                """)
            + ["CREATE INDEX contracts_organization ON contracts (organization_id\(nf), id) WHERE deleted_at IS NULL",
               "CREATE INDEX contracts_renewal ON contracts (renewal_date\(nf), id) WHERE deleted_at IS NULL"]
    }

    static var migration: Migration {
        Migration(version: 8, name: "orders_contracts", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
    }
}
