/// What is sold: a product with a SKU and, per currency, a price in that currency's price
/// list. Recurring products (billed monthly or yearly) become contracts when a quote with
/// them is accepted.
public enum Products {
    public static let billingPeriods = ["one_time", "monthly", "yearly"]

    public static let type = RecordType(
        name: "products",
        singular: "product",
        fields: [
            FieldSpec("name", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("sku", .text(maxLength: 64), required: true, search: .text, label: "SKU"),
            FieldSpec("description", .text(maxLength: 1000)),
            FieldSpec("billing_period", .choice(billingPeriods), required: true),
            FieldSpec("active", .boolean),
        ],
        titleField: "name",
        listColumns: ["sku", "billing_period", "active", "updated_at"],
        uniqueKeys: [.init(field: "sku", kind: "sku")],
        hasOwner: false,
        area: .sales,
        icon: "box"
    )
}

/// One product's price in one currency: a price list is every product's price in it.
public enum ProductPrices {
    public static let type = RecordType(
        name: "product_prices",
        singular: "product price",
        fields: [
            FieldSpec("product_id", .reference("products"), required: true, search: .text, label: "Product"),
            FieldSpec("unit_price", .money, required: true),
            FieldSpec("valid_from", .date),
        ],
        titleField: "product_id",
        listColumns: ["unit_price", "valid_from", "updated_at"],
        hasOwner: false,
        allowsCustomFields: false,
        hooks: RecordHooks(validate: validate),
        inNavigation: false,
        area: .sales,
        icon: "box"
    )

    /// A list price is what a product costs, so it is zero or more; a credit or rebate is
    /// a discount on the quote line, not a negative price that quote lines would copy.
    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        guard let amount = record["unit_price"]?.objectValue?["amount"]?.stringValue, amount.hasPrefix("-"),
              amount.contains(where: { $0 != "-" && $0 != "0" && $0 != "." }) else { return [] }
        return [FieldError(field: "unit_price", code: "out_of_range", message: "A list price is zero or more.")]
    }
}
