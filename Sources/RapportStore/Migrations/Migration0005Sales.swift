/// Sales: pipelines, their stages, deals and the history of every deal's stage changes;
/// products and their prices; quotes and their lines; orders and their lines; contracts.
/// The record tables follow the same shape as the foundation's, written out here so this
/// migration's SQL never changes; later migrations reuse ``recordTable(_:_:sqlite:)``, so
/// it must not change either.
enum Migration0005Sales {
    static func recordTable(_ name: String, _ columns: String, sqlite: Bool) -> [String] {
        let seq = sqlite ? "seq INTEGER PRIMARY KEY" : "seq BIGSERIAL PRIMARY KEY"
        let int = sqlite ? "INTEGER" : "BIGINT"
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let nf = sqlite ? "" : " NULLS FIRST"
        let cols = columns.replacingOccurrences(of: "%TEXT%", with: text).replacingOccurrences(of: "%INT%", with: int)
        var out = [
            """
            CREATE TABLE \(name) (
            \(seq), id \(text) NOT NULL UNIQUE, \(cols), custom \(text), \(sqlite ? "" : "search TSVECTOR, ")owner_id \(text),
            created_by \(text), updated_by \(text), created_at \(text) NOT NULL, updated_at \(text) NOT NULL,
            version \(int) NOT NULL DEFAULT 1, deleted_at \(text), merged_into \(text))
            """,
            "CREATE INDEX \(name)_updated ON \(name) (updated_at\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX \(name)_created ON \(name) (created_at\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX \(name)_owner ON \(name) (owner_id\(nf), updated_at\(nf), id) WHERE deleted_at IS NULL",
        ]
        out.append(sqlite
            ? "CREATE VIRTUAL TABLE \(name)_search USING fts5(terms, content='', contentless_delete=1, tokenize='ascii', detail='none', prefix='2')"
            : "CREATE INDEX \(name)_search ON \(name) USING GIN (search)")
        return out
    }

    private static func statements(sqlite: Bool) -> [String] {
        let nf = sqlite ? "" : " NULLS FIRST"
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        var out: [String] = []
        out += recordTable("pipelines", "name %TEXT%, description %TEXT%, is_default %INT%", sqlite: sqlite)
        out += recordTable("pipeline_stages", "name %TEXT%, pipeline_id %TEXT%, position %TEXT%, probability %TEXT%, outcome %TEXT%", sqlite: sqlite)
        out.append("CREATE INDEX pipeline_stages_pipeline ON pipeline_stages (pipeline_id\(nf), id) WHERE deleted_at IS NULL")
        out += recordTable("deals", """
            title %TEXT%, organization_id %TEXT%, contacts %TEXT%, pipeline_id %TEXT%, stage_id %TEXT%, amount_amount %INT%,
            amount_currency %TEXT%, close_date %TEXT%, source %TEXT%, status %TEXT%, lost_reason %TEXT%, next_step %TEXT%, tags %TEXT%
            """, sqlite: sqlite)
        out += [
            "CREATE INDEX deals_title ON deals (title\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX deals_board ON deals (pipeline_id\(nf), stage_id\(nf), updated_at\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX deals_organization ON deals (organization_id\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX deals_close ON deals (close_date\(nf), id) WHERE deleted_at IS NULL",
            // The forecast reads only this index, already in group order.
            "CREATE INDEX deals_forecast ON deals (pipeline_id, status, close_date\(nf), stage_id, amount_currency, amount_amount) WHERE deleted_at IS NULL",
            "CREATE INDEX deals_deleted ON deals (pipeline_id, id) WHERE deleted_at IS NOT NULL",
            """
            CREATE TABLE deal_stage_history (
            id \(text) PRIMARY KEY, deal_id \(text) NOT NULL, pipeline_id \(text), from_stage_id \(text), to_stage_id \(text) NOT NULL,
            at \(text) NOT NULL, actor_id \(text), flag \(text), seq \(int) NOT NULL DEFAULT 0)
            """,
            "CREATE INDEX deal_stage_history_deal ON deal_stage_history (deal_id, at)",
            // The funnel counts deals per stage from this index alone.
            "CREATE INDEX deal_stage_history_funnel ON deal_stage_history (pipeline_id, to_stage_id, deal_id)",
        ]
        let money = { (n: String) in "\(n)_amount %INT%, \(n)_currency %TEXT%" }
        out += recordTable("products", "name %TEXT%, sku %TEXT%, description %TEXT%, billing_period %TEXT%, active %INT%", sqlite: sqlite)
        out.append("CREATE INDEX products_name ON products (name\(nf), id) WHERE deleted_at IS NULL")
        out += recordTable("product_prices", "product_id %TEXT%, \(money("unit_price")), valid_from %TEXT%", sqlite: sqlite)
        out.append("CREATE INDEX product_prices_product ON product_prices (product_id\(nf), id) WHERE deleted_at IS NULL")
        out += recordTable("quotes", """
            number %TEXT%, deal_id %TEXT%, currency %TEXT%, status %TEXT%, valid_until %TEXT%, language %TEXT%, revision %TEXT%, notes %TEXT%,
            \(money("subtotal")), \(money("discount")), \(money("tax")), \(money("total"))
            """, sqlite: sqlite)
        out.append("CREATE INDEX quotes_deal ON quotes (deal_id\(nf), id) WHERE deleted_at IS NULL")
        out += recordTable("quote_lines", """
            quote_id %TEXT%, product_id %TEXT%, description %TEXT%, quantity %TEXT%, \(money("unit_price")), discount_percent %TEXT%,
            tax_percent %TEXT%, \(money("line_total"))
            """, sqlite: sqlite)
        out.append("CREATE INDEX quote_lines_quote ON quote_lines (quote_id\(nf), id) WHERE deleted_at IS NULL")
        out += recordTable("orders", "number %TEXT%, organization_id %TEXT%, deal_id %TEXT%, quote_id %TEXT%, ordered_on %TEXT%, status %TEXT%, \(money("total"))", sqlite: sqlite)
        out.append("CREATE INDEX orders_organization ON orders (organization_id\(nf), id) WHERE deleted_at IS NULL")
        out += recordTable("order_lines", "order_id %TEXT%, product_id %TEXT%, description %TEXT%, quantity %TEXT%, \(money("unit_price")), \(money("line_total"))", sqlite: sqlite)
        out.append("CREATE INDEX order_lines_order ON order_lines (order_id\(nf), id) WHERE deleted_at IS NULL")
        out += recordTable("contracts", """
            title %TEXT%, direction %TEXT%, organization_id %TEXT%, deal_id %TEXT%, start_date %TEXT%, end_date %TEXT%, \(money("value")),
            billing_period %TEXT%, auto_renew %INT%, notice_days %TEXT%, renewal_date %TEXT%, reminder_days %TEXT%, status %TEXT%
            """, sqlite: sqlite)
        out += [
            "CREATE INDEX contracts_organization ON contracts (organization_id\(nf), id) WHERE deleted_at IS NULL",
            "CREATE INDEX contracts_renewal ON contracts (renewal_date\(nf), id) WHERE deleted_at IS NULL",
        ]
        return out
    }

    static var migration: Migration {
        Migration(version: 5, name: "sales", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
    }
}
