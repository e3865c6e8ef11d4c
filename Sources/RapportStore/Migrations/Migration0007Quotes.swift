/// Quotes and their lines; totals are stored beside them as money columns.
enum Migration0007Quotes {
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
                sqlite
                    ? "CREATE VIRTUAL TABLE \(name)_search USING fts5(terms, content='', contentless_delete=1, tokenize='ascii', detail='none', prefix='2')"
                    : "CREATE INDEX \(name)_search ON \(name) USING GIN (search)",
            ]
        }
        let money = { (n: String) in "\(n)_amount \(int), \(n)_currency \(text)" }
        return table("quotes", "number \(text), deal_id \(text), currency \(text), status \(text), valid_until \(text), language \(text), revision \(text), notes \(text), \(money("subtotal")), \(money("discount")), \(money("tax")), \(money("total"))")
            + ["CREATE INDEX quotes_deal ON quotes (deal_id\(nf), id) WHERE deleted_at IS NULL", "CREATE INDEX quotes_owner ON quotes (owner_id\(nf), updated_at\(nf), id) WHERE deleted_at IS NULL"]
            + table("quote_lines", "quote_id \(text), product_id \(text), description \(text), quantity \(text), \(money("unit_price")), discount_percent \(text), tax_percent \(text), \(money("line_total"))")
            + ["CREATE INDEX quote_lines_quote ON quote_lines (quote_id\(nf), id) WHERE deleted_at IS NULL"]
    }

    static var migration: Migration {
        Migration(version: 7, name: "quotes", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
    }
}
