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
        hasOwner: false
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
        inNavigation: false
    )
}
