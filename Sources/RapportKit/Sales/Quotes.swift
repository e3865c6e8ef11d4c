/// Quotes for a deal: numbered, versioned, with a status and a validity date. Totals are
/// derived from the quote's lines by ``QuoteMath`` and cannot be written by clients.
public enum Quotes {
    /// `superseded`: a newer version of the quote replaced it.
    public static let statuses = ["draft", "sent", "accepted", "rejected", "expired", "superseded"]

    public static let type = RecordType(
        name: "quotes",
        singular: "quote",
        fields: [
            FieldSpec("number", .text(maxLength: 40), search: .name, isDerived: true),
            FieldSpec("deal_id", .reference("deals"), required: true, search: .text, label: "Deal"),
            FieldSpec("currency", .text(maxLength: 3), required: true),
            FieldSpec("status", .choice(statuses), required: true),
            FieldSpec("valid_until", .date),
            FieldSpec("language", .language),
            FieldSpec("revision", .number, isDerived: true),
            FieldSpec("notes", .longText),
            // When left out, the seller's country's mode (``TaxRounding/defaultFor(sellerCountry:)``,
            // filled by the store from the company settings); `per_rate` for a Japanese qualified invoice.
            FieldSpec("tax_rounding", .choice(TaxRounding.allCases.map(\.rawValue))),
            FieldSpec("subtotal", .money, isDerived: true),
            FieldSpec("discount", .money, isDerived: true),
            FieldSpec("tax", .money, isDerived: true),
            FieldSpec("total", .money, isDerived: true),
        ],
        titleField: "number",
        listColumns: ["deal_id", "status", "total", "valid_until", "revision"],
        hooks: RecordHooks(derive: derive, validate: validate),
        // A deal's quotes go to the trash with it; an accepted one refuses, which keeps
        // the deal too (its quote is the record of what was sold).
        parent: ParentRule(type: "deals", field: "deal_id", onDelete: .cascade),
        area: .sales,
        icon: "document"
    )

    /// Currency codes are stored as ISO 4217 writes them (`KRW`), so a quote entered as
    /// `krw` still matches its lines' money, whose codes are always upper-case. A missing
    /// tax rounding mode is left for the store, which knows the seller's country.
    @Sendable static func derive(_ record: inout JSONObject) {
        if let code = record["currency"]?.stringValue { record["currency"] = .string(Currency.named(code)?.code ?? code) }
    }

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        guard let code = record["currency"]?.stringValue, Currency.named(code) == nil else { return [] }
        return [FieldError(field: "currency", code: "invalid_currency", message: "An ISO 4217 currency code such as KRW, JPY or USD.")]
    }
}

/// One line of a quote: a product or free text, quantity, unit price, discount and tax.
public enum QuoteLines {
    public static let type = RecordType(
        name: "quote_lines",
        singular: "quote line",
        fields: [
            FieldSpec("quote_id", .reference("quotes"), required: true, label: "Quote"),
            FieldSpec("product_id", .reference("products"), label: "Product"),
            FieldSpec("description", .text(maxLength: 500), search: .name),
            FieldSpec("quantity", .number, required: true),
            // Left out for a product, it comes from the product's price in the quote's currency.
            FieldSpec("unit_price", .money),
            FieldSpec("discount_percent", .number),
            FieldSpec("tax_percent", .number),
            // The line's place on its quote (1, 2, 3 …); a new line without one goes last.
            FieldSpec("position", .number),
            FieldSpec("line_total", .money, isDerived: true),
        ],
        titleField: "description",
        listColumns: ["quantity", "unit_price", "line_total", "discount_percent", "tax_percent"],
        // A line's owner is its quote's owner (the store keeps them together), so a rep
        // who sees only their own quotes does not read other reps' prices through lines.
        allowsCustomFields: false,
        hooks: RecordHooks(derive: derive, validate: validate),
        inNavigation: false,
        parent: ParentRule(type: "quotes", field: "quote_id", onDelete: .cascade, finalWhen: QuoteStatus.linesFinal),
        area: .sales,
        icon: "document"
    )

    /// The highest place a line may take on its quote.
    public static let maxPosition = 1_000_000

    /// The line as ``QuoteMath`` reads it, or nil while it is incomplete or invalid.
    public static func line(_ record: JSONObject) -> QuoteLine? {
        guard let q = record["quantity"]?.numberLiteral.flatMap(QuoteMath.decimal),
              let price = record["unit_price"]?.objectValue, let code = price["currency"]?.stringValue, let currency = Currency.named(code),
              let amount = price["amount"]?.stringValue, let money = try? Money(decimal: amount, currency: currency) else { return nil }
        let discount = record["discount_percent"]?.numberLiteral.flatMap(QuoteMath.decimal) ?? 0
        let tax = record["tax_percent"]?.numberLiteral.flatMap(QuoteMath.decimal) ?? 0
        return QuoteLine(quantity: q, unitPrice: money, discountPercent: discount, taxPercent: tax)
    }

    @Sendable static func derive(_ record: inout JSONObject) {
        guard let line = line(record), let amounts = try? QuoteMath.amounts([line], currency: line.unitPrice.currency) else {
            record["line_total"] = .null
            return
        }
        record["line_total"] = amounts.total.json
    }

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        if let position = record["position"]?.numberLiteral, !(Int(position).map { (1...maxPosition).contains($0) } ?? false) {
            return [FieldError(field: "position", code: "out_of_range", message: "A line's place is a whole number from 1 to \(maxPosition).")]
        }
        if record["unit_price"]?.isNull ?? true, record["product_id"]?.isNull ?? true {
            return [FieldError(field: "unit_price", code: "required", message: "A free-text line needs a unit price.")]
        }
        guard let line = line(record) else { return [] }
        do {
            _ = try QuoteMath.amounts([line], currency: line.unitPrice.currency)
            return []
        } catch {
            return [QuoteMath.fieldError(error)]
        }
    }
}
