/// Orders are totalled from their lines like quotes: an order gets its own currency, its
/// lines a discount and tax rate, and both documents a tax rounding mode (`per_line`, or
/// `per_rate` for Japan's qualified invoices) and the subtotal, discount and tax beside
/// the total.
enum Migration0009DocumentTotals {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let int = sqlite ? "INTEGER" : "BIGINT"
        var out = [
            "ALTER TABLE quotes ADD COLUMN tax_rounding \(text)",
            "UPDATE quotes SET tax_rounding = 'per_line'",
            "ALTER TABLE orders ADD COLUMN currency \(text)",
            "ALTER TABLE orders ADD COLUMN tax_rounding \(text)",
            "UPDATE orders SET currency = total_currency, tax_rounding = 'per_line'",
            "ALTER TABLE order_lines ADD COLUMN discount_percent \(text)",
            "ALTER TABLE order_lines ADD COLUMN tax_percent \(text)",
        ]
        for money in ["subtotal", "discount", "tax"] {
            out.append("ALTER TABLE orders ADD COLUMN \(money)_amount \(int)")
            out.append("ALTER TABLE orders ADD COLUMN \(money)_currency \(text)")
        }
        return out
    }

    static var migration: Migration {
        Migration(version: 9, name: "document_totals", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
    }
}
