/// Sales invariants the database holds as well as the rules: at most one accepted quote
/// per deal (a partial unique index, the backstop behind ``QuoteAcceptance``), and quote
/// currencies in ISO 4217's upper case, as the rules now store them; and the index the
/// funnel reads each deal's stages from.
///
/// - Important: Before the index, a deal could get several accepted quotes, each one
///   overwriting the deal's amount. The latest acceptance is the one the deal carries, so
///   it stays accepted and the earlier ones become `superseded`; their orders are kept.
enum Migration0010SalesInvariants {
    private static let statements = [
        "UPDATE quotes SET currency = UPPER(currency) WHERE currency <> UPPER(currency)",
        """
        UPDATE quotes SET status = 'superseded' WHERE status = 'accepted' AND deleted_at IS NULL AND EXISTS (
        SELECT 1 FROM quotes n WHERE n.deal_id = quotes.deal_id AND n.status = 'accepted' AND n.deleted_at IS NULL
        AND (n.updated_at > quotes.updated_at OR (n.updated_at = quotes.updated_at AND n.seq > quotes.seq)))
        """,
        "CREATE UNIQUE INDEX quotes_one_accepted ON quotes (deal_id) WHERE status = 'accepted' AND deleted_at IS NULL",
        // The funnel folds each deal's history to the furthest stage it entered: grouped
        // by deal in this index's order, without reading the table.
        "CREATE INDEX deal_stage_history_reached ON deal_stage_history (deal_id, to_stage_id)",
    ]

    static var migration: Migration {
        Migration(version: 10, name: "sales_invariants", sqlite: statements, postgres: statements)
    }
}
