/// Products and their prices per currency (the price lists quotes draw from).
enum Migration0006Products {
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
        return table("products", "name \(text), sku \(text), description \(text), billing_period \(text), active \(int)")
            + ["CREATE INDEX products_name ON products (name\(nf), id) WHERE deleted_at IS NULL"]
            + table("product_prices", "product_id \(text), unit_price_amount \(int), unit_price_currency \(text), valid_from \(text)")
            + ["CREATE INDEX product_prices_product ON product_prices (product_id\(nf), id) WHERE deleted_at IS NULL"]
    }

    static var migration: Migration {
        Migration(version: 6, name: "products", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
    }
}
