/// Orders: what a customer bought from us (`sell`) or we bought from a supplier (`buy`),
/// with its lines and dates; accepting a quote places one. Purchase history and supplier
/// spend are summed from them.
public enum Orders {
    public static let statuses = ["open", "fulfilled", "cancelled"]

    public static let type = RecordType(
        name: "orders",
        singular: "order",
        fields: [
            FieldSpec("number", .text(maxLength: 40), search: .name),
            // Filled with `sell` when left out.
            FieldSpec("direction", .choice(Contracts.directions)),
            FieldSpec("organization_id", .reference("organizations"), search: .text, label: "Organization"),
            FieldSpec("person_id", .reference("people"), label: "Contact"),
            FieldSpec("deal_id", .reference("deals"), label: "Deal"),
            FieldSpec("quote_id", .reference("quotes"), label: "Quote"),
            FieldSpec("ordered_on", .date, required: true),
            FieldSpec("status", .choice(statuses), required: true),
            // Lines are priced in it; the totals below come from the lines (``QuoteMath``).
            FieldSpec("currency", .text(maxLength: 3), required: true),
            FieldSpec("tax_rounding", .choice(TaxRounding.allCases.map(\.rawValue))),
            FieldSpec("subtotal", .money, isDerived: true),
            FieldSpec("discount", .money, isDerived: true),
            FieldSpec("tax", .money, isDerived: true),
            FieldSpec("total", .money, isDerived: true),
        ],
        titleField: "number",
        listColumns: ["organization_id", "direction", "ordered_on", "status", "total"],
        hooks: RecordHooks(derive: Quotes.derive, validate: Quotes.validate),
        area: .sales,
        icon: "document"
    )
}

public enum OrderLines {
    public static let type = RecordType(
        name: "order_lines",
        singular: "order line",
        fields: [
            FieldSpec("order_id", .reference("orders"), required: true, label: "Order"),
            FieldSpec("product_id", .reference("products"), label: "Product"),
            FieldSpec("description", .text(maxLength: 500), search: .name),
            FieldSpec("quantity", .number, required: true),
            FieldSpec("unit_price", .money, required: true),
            FieldSpec("discount_percent", .number),
            FieldSpec("tax_percent", .number),
            FieldSpec("line_total", .money, isDerived: true),
        ],
        titleField: "description",
        listColumns: ["quantity", "unit_price", "line_total", "discount_percent", "tax_percent"],
        allowsCustomFields: false,
        // The same line arithmetic and limits as a quote's lines.
        hooks: RecordHooks(derive: QuoteLines.derive, validate: QuoteLines.validate),
        inNavigation: false,
        parent: ParentRule(type: "orders", field: "order_id", onDelete: .cascade),
        area: .sales,
        icon: "document"
    )
}

/// Contracts: with customers (sell) and suppliers (buy), running from a start to an end,
/// billed per period, renewing unless notice is given in time.
public enum Contracts {
    public static let statuses = ["draft", "active", "ended", "cancelled"]
    public static let directions = ["sell", "buy"]

    public static let type = RecordType(
        name: "contracts",
        singular: "contract",
        fields: [
            FieldSpec("title", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("direction", .choice(directions), required: true),
            FieldSpec("organization_id", .reference("organizations"), search: .text, label: "Organization"),
            FieldSpec("person_id", .reference("people"), label: "Contact"),
            FieldSpec("deal_id", .reference("deals"), label: "Deal"),
            FieldSpec("start_date", .date, required: true),
            FieldSpec("end_date", .date),
            FieldSpec("value", .money),
            FieldSpec("billing_period", .choice(Products.billingPeriods)),
            FieldSpec("auto_renew", .boolean),
            FieldSpec("notice_days", .number),
            FieldSpec("renewal_date", .date),
            FieldSpec("reminder_days", .number),
            FieldSpec("status", .choice(statuses), required: true),
        ],
        titleField: "title",
        listColumns: ["organization_id", "direction", "value", "renewal_date", "status"],
        hooks: RecordHooks(validate: validate),
        area: .sales,
        icon: "document"
    )

    /// A contract cannot end before it starts, and its notice and reminder periods are
    /// whole days from zero: the renewal task is due that many days before the deadline,
    /// and a negative or fractional count would put it after the deadline or between days.
    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        if let start = record["start_date"]?.stringValue, let end = record["end_date"]?.stringValue, end < start {
            errors.append(FieldError(field: "end_date", code: "before_start", message: "A contract ends on or after its start date (\(start))."))
        }
        for field in ["notice_days", "reminder_days"] {
            guard let literal = record[field]?.numberLiteral else { continue }
            if !wholeDays(literal) {
                errors.append(FieldError(field: field, code: "out_of_range", message: "A whole number of days from 0."))
            }
        }
        return errors
    }

    /// Whole days from 0 to ten years, written as an integer (`30`, not `30.5` or `-1`).
    static func wholeDays(_ literal: String) -> Bool {
        guard let n = Int(literal) ?? Double(literal).flatMap({ $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }) else { return false }
        return (0...3660).contains(n)
    }
}
